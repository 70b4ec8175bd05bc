package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.core.pipeline.PipelineSettings;
import io.sluice.core.pipeline.Route;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.LocalHost;
import io.sluice.api.schema.NormalizeSettings;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and validates one pipeline file. The whole file is checked before anything starts, and
 * every problem is reported at once as {@code file:line: path: message}.
 *
 * <p>Plugin types come from the injected registry and {@code ${VAR}} values from the injected
 * environment, so the same file validates the same way in tests, in {@code sluice validate} and at
 * startup.
 */
public final class ConfigLoader {
    static final String DEAD_LETTER_ID = "dead_letter";

    private final PluginRegistry registry;
    private final EnvSubstitution env;

    public ConfigLoader(PluginRegistry registry, Map<String, String> environment) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.env = new EnvSubstitution(environment);
    }

    public LoadedConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw single(file, "no such file");
        } catch (CharacterCodingException e) {
            throw single(file, "not UTF-8 text");
        } catch (IOException e) {
            throw single(file, "cannot read: " + e.getMessage());
        }
        return load(file, text);
    }

    /** Validates YAML text; {@code source} names it in messages (a file, or e.g. a built-in resource). */
    public LoadedConfig load(Path source, String yaml) throws ConfigException {
        Problems problems = new Problems(source);
        YamlDocument doc = new YamlTreeReader(env, problems).read(yaml);
        problems.throwIfAny(); // a file that does not parse has no tree worth checking further
        problems.lines(doc);
        PipelineConfig config = bind(source, doc.root(), problems);
        problems.throwIfAny();
        return new LoadedConfig(config, problems.warnings());
    }

    private PipelineConfig bind(Path source, JsonNode root, Problems problems) {
        if (!root.isObject()) {
            problems.error("", "expected a map of top-level keys (data_dir, admin, inputs, routes, outputs, ...), found "
                    + Words.kind(root));
            return null;
        }
        OptionSpec.Binding top = PipelineSpec.FILE.bind(root);
        problems.options("", top.problems());

        PluginBlocks plugins = new PluginBlocks(registry, problems);
        ParserBinder parsing = new ParserBinder(problems);
        parsing.bindParsers(root.get("parsers"));
        Map<String, InputConfig> inputs = plugins.inputs(root.get("inputs"), parsing);
        Map<String, OutputConfig> outputs = plugins.outputs(root.get("outputs"));
        List<Route> routes = new RouteBinder(problems).bind(root.get("routes"), ids(root.get("inputs")), ids(root.get("outputs")));
        List<TransformConfig> transforms = new TransformBinder(registry, problems, parsing).bind(root.get("transforms"), ids(root.get("outputs")));
        Path dataDir = top.ok() ? dataDir(top.options(), problems) : null;
        OutputConfig deadLetter = deadLetter(root.get("dead_letter"), dataDir, plugins, problems);
        ListenClashes.check(root, problems);
        if (problems.hasErrors()) return null; // the values would be half guesses

        Options o = top.options();
        Options admin = o.get(PipelineSpec.ADMIN_BLOCK);
        return new PipelineConfig(source, dataDir,
                admin.get(PipelineSpec.ADMIN_ENABLED) ? admin.get(PipelineSpec.ADMIN_LISTEN) : null,
                o.get(PipelineSpec.SHUTDOWN_TIMEOUT), inputs, normalize(o.get(PipelineSpec.NORMALIZE_BLOCK)),
                routes, outputs, deadLetter, tuning(o.get(PipelineSpec.PIPELINE_BLOCK)),
                admin.isSet(PipelineSpec.ADMIN_TOKEN_FILE) ? Path.of(admin.get(PipelineSpec.ADMIN_TOKEN_FILE)) : null,
                transforms);
    }

    private static Path dataDir(Options top, Problems problems) {
        try {
            return Path.of(top.get(PipelineSpec.DATA_DIR));
        } catch (InvalidPathException e) {
            problems.error("data_dir", "not a usable path: " + e.getReason());
            return null;
        }
    }

    private static NormalizeSettings normalize(Options n) {
        InvalidPolicy policy = n.get(PipelineSpec.ON_INVALID).equals("repair") ? InvalidPolicy.REPAIR : InvalidPolicy.DEAD_LETTER;
        return new NormalizeSettings(n.get(PipelineSpec.LABELS), policy, LocalHost.name());
    }

    private static PipelineSettings tuning(Options t) {
        Integer workers = t.get(PipelineSpec.WORKERS);
        return new PipelineSettings(workers != null ? workers : Runtime.getRuntime().availableProcessors(),
                t.get(PipelineSpec.BATCH_MAX_RECORDS), (int) Math.min(Integer.MAX_VALUE, t.get(PipelineSpec.BATCH_MAX_BYTES)),
                t.get(PipelineSpec.IN_FLIGHT_BYTES),
                t.get(PipelineSpec.MEMORY_BUDGET) == null ? 0 : t.get(PipelineSpec.MEMORY_BUDGET),
                t.get(PipelineSpec.HELD_BYTES), t.get(PipelineSpec.WARM_UP));
    }

    /**
     * The configured dead-letter output, or the documented default: a file output at
     * {@code <data_dir>/dead-letter.ndjson}, bound through the file plugin's own spec.
     */
    private OutputConfig deadLetter(JsonNode block, Path dataDir, PluginBlocks plugins, Problems problems) {
        if (block != null && !block.isNull()) return plugins.output(DEAD_LETTER_ID, block, DEAD_LETTER_ID);
        if (dataDir == null) return null; // data_dir is wrong, reported
        if (registry.output("file") == null) {
            problems.warn("", "no dead_letter output is configured and no 'file' output type is installed: "
                    + "refused events are counted and dropped");
            return null;
        }
        ObjectNode def = JsonNodeFactory.instance.objectNode()
                .put("type", "file")
                .put("path", dataDir.resolve("dead-letter.ndjson").toString());
        return plugins.output(DEAD_LETTER_ID, def, DEAD_LETTER_ID);
    }

    private static Set<String> ids(JsonNode section) {
        Set<String> ids = new LinkedHashSet<>();
        if (section != null && section.isObject()) section.fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    private static ConfigException single(Path file, String message) {
        return new ConfigException(List.of(new ConfigProblem(file, 0, "", message)));
    }
}
