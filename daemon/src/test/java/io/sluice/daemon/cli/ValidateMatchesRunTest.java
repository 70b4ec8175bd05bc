package io.sluice.daemon.cli;

import io.sluice.api.plugin.PluginRegistry;
import io.sluice.config.ConfigLoader;
import io.sluice.config.InputConfig;
import io.sluice.config.LoadedConfig;
import io.sluice.config.OutputConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@code sluice validate} refuses what {@code sluice run} refuses, with the same lines, and accepts
 * only what the real plugins can be created from. The fixtures in src/test/resources/validate-run:
 * {@code broken-*.yaml} list their problems as {@code # expect: LINE: PATH: MESSAGE};
 * {@code ok-*.yaml} are valid.
 */
class ValidateMatchesRunTest {
    private static final String EXPECT = "# expect: ";

    static Stream<Path> brokenFixtures() throws Exception {
        return fixtures("broken-");
    }

    static Stream<Path> acceptedFixtures() throws Exception {
        return fixtures("ok-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFixtures")
    void validateAndRunRefuseTheSameConfigAtTheSameLines(Path file) throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith(EXPECT)) expected.add(file + ":" + line.substring(EXPECT.length()));
        }
        assertThat(expected).as("%s declares what it expects", file).isNotEmpty();
        expected.add(expected.size() + (expected.size() == 1 ? " problem" : " problems") + " found; nothing was started");

        Cli validate = Cli.run("validate", "-c", file.toString());
        assertThat(validate.code).as(validate.err).isEqualTo(Main.CONFIG_INVALID);
        assertThat(validate.err.lines()).containsExactlyElementsOf(expected);

        // Only after validate refused it: a file validate accepted would start a daemon here.
        Cli run = Cli.run("run", "-c", file.toString());
        assertThat(run.code).isEqualTo(Main.CONFIG_INVALID);
        assertThat(run.err).isEqualTo(validate.err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedFixtures")
    void whatValidateAcceptsEveryRealPluginCreates(Path file, @TempDir Path dataDir) throws Exception {
        Map<String, String> env = Map.of("DATA_DIR", dataDir.toString(), "CA_FILE", file.toString());
        LoadedConfig loaded = new ConfigLoader(PluginRegistry.load(), env).load(file);

        assertThat(loaded.config().inputs()).isNotEmpty();
        for (InputConfig in : loaded.config().inputs().values()) {
            assertThatCode(in::create).as("input %s", in.id()).doesNotThrowAnyException();
        }
        for (OutputConfig out : loaded.config().outputs().values()) {
            assertThatCode(out::create).as("output %s", out.id()).doesNotThrowAnyException();
        }
    }

    private static Stream<Path> fixtures(String prefix) throws URISyntaxException, IOException {
        Path dir = Path.of(ValidateMatchesRunTest.class.getResource("/validate-run").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList().stream();
        }
    }

    /** One in-process run of the real command line. */
    private record Cli(int code, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = CommandTree.whole();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(args);
            return new Cli(code, out.toString(), err.toString());
        }
    }
}
