package io.sluice.config;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.core.pipeline.TransformChain;
import io.sluice.core.pipeline.PipelineSettings;
import io.sluice.core.pipeline.Route;
import io.sluice.core.pipeline.SinkOptions;
import io.sluice.api.schema.InvalidPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {
    private static final Path FULL = Path.of("src/test/resources/valid/full.yaml");
    private static final String MINIMAL = "inputs:\n  app: {type: tcp, listen: 127.0.0.1:5170}\n"
            + "outputs:\n  console: {type: stdout}\n";

    private final ConfigLoader loader = new ConfigLoader(TestPlugins.registry(), Map.of("ES_API_KEY", "s3cret"));

    @Test
    void fullExampleLoadsIntoTheModel() throws Exception {
        LoadedConfig loaded = loader.load(FULL);
        PipelineConfig c = loaded.config();

        assertThat(c.source()).isEqualTo(FULL);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/sluice"));
        assertThat(c.adminListen()).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8686));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.tuning()).isEqualTo(new PipelineSettings(3, 256, 256 * 1024, 2L * 1024 * 1024));
        assertThat(c.normalize().labels()).isEqualTo(Map.of("cluster", "prod-eu"));
        assertThat(c.normalize().onInvalid()).isEqualTo(InvalidPolicy.REPAIR);

        assertThat(c.inputs()).containsOnlyKeys("app", "secure", "upstream");
        assertThat(c.inputs().keySet()).containsExactly("app", "secure", "upstream");
        InputConfig secure = c.inputs().get("secure");
        assertThat(secure.id()).isEqualTo("secure");
        assertThat(secure.plugin().type()).isEqualTo("tcp");
        assertThat(secure.options().get(TestPlugins.LISTEN)).isEqualTo(InetSocketAddress.createUnresolved("::1", 6514));
        assertThat(secure.options().get(TestPlugins.IDLE_TIMEOUT)).isEqualTo(Duration.ofSeconds(90));
        assertThat(secure.options().get(TestPlugins.FORMAT)).isEqualTo("auto");
        assertThat(secure.options().get(TestPlugins.TLS).get(TestPlugins.KEY_FILE)).isEqualTo("/etc/sluice/key.pem");
        assertThat(c.inputs().get("upstream").options().get(TestPlugins.TOPICS)).containsExactly("logs.app");

        assertThat(c.outputs().keySet()).containsExactly("console", "archive", "search", "unused");
        OutputConfig search = c.outputs().get("search");
        assertThat(search.plugin().type()).isEqualTo("elasticsearch");
        assertThat(search.options().get(TestPlugins.AUTH).get(TestPlugins.API_KEY)).isEqualTo("s3cret");
        assertThat(search.options().get(SinkOptions.BUFFER_BLOCK).get(SinkOptions.BUFFER_TYPE)).isEqualTo("disk");
        assertThat(search.options().get(SinkOptions.BUFFER_BLOCK).get(SinkOptions.BUFFER_MAX_BYTES)).isEqualTo(1L << 30);
        assertThat(search.options().get(SinkOptions.BATCH_BLOCK).get(SinkOptions.BATCH_MAX_EVENTS)).isEqualTo(5000);
        assertThat(search.options().get(SinkOptions.RETRY_BLOCK).get(SinkOptions.RETRY_MAX)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.outputs().get("console").options().get(SinkOptions.BUFFER_BLOCK).get(SinkOptions.BUFFER_TYPE))
                .isEqualTo("memory");

        assertThat(c.deadLetter().id()).isEqualTo("dead_letter");
        assertThat(c.deadLetter().plugin().type()).isEqualTo("file");
        assertThat(c.deadLetter().options().get(TestPlugins.PATH)).isEqualTo("/var/lib/sluice/dead-letter.ndjson");

        assertThat(c.routes()).extracting(Route::name).containsExactly("errors", "all", "payments");
        assertThat(c.routes().get(0).from()).isEqualTo(Set.of("app", "secure"));
        assertThat(c.routes().get(0).to()).containsExactly("search");
        assertThat(c.routes().get(1).from()).isEmpty();
        assertThat(c.routes().get(2).from()).isEqualTo(Set.of("upstream"));

        assertThat(loaded.warnings()).extracting(ConfigProblem::toString)
                .containsExactly(FULL + ":52: outputs.unused: output 'unused' is in no route's to: it receives nothing");
    }

    @Test
    void routeConditionsOfTheFullExampleSelectTheRightEvents() throws Exception {
        List<Route> routes = loader.load(FULL).config().routes();
        Route errors = routes.get(0);
        Route payments = routes.get(2);

        assertThat(errors.matches("app", new LogEvent().level(Level.ERROR))).isTrue();
        assertThat(errors.matches("app", new LogEvent().level(Level.WARN))).isFalse();
        assertThat(errors.matches("upstream", new LogEvent().level(Level.FATAL))).isFalse();

        LogEvent card = new LogEvent().serviceName("payments").message("card declined");
        assertThat(payments.matches("upstream", card)).isTrue();
        assertThat(payments.matches("upstream", new LogEvent().serviceName("payments").message("refund"))).isFalse();
        assertThat(payments.matches("upstream", new LogEvent().serviceName("payments").message("refund")
                .labels(Map.of("cluster", "prod-eu")))).isTrue();
        assertThat(payments.matches("upstream", new LogEvent().serviceName("api").message("card declined"))).isFalse();
    }

    @Test
    void defaultsApplyWhereTheFileIsSilent() throws Exception {
        PipelineConfig c = loader.load(Path.of("minimal.yaml"), MINIMAL).config();

        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.adminListen()).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 8686));
        assertThat(c.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.tuning()).isEqualTo(new PipelineSettings(Runtime.getRuntime().availableProcessors(), 512,
                256 * 1024, 2L * 1024 * 1024));
        assertThat(c.routes()).isEmpty();
        assertThat(c.normalize().onInvalid()).isEqualTo(InvalidPolicy.DEAD_LETTER);
        assertThat(c.normalize().labels()).isEmpty();
        assertThat(c.inputs().get("app").options().isSet(TestPlugins.FORMAT)).isFalse();
        assertThat(c.inputs().get("app").options().get(TestPlugins.FORMAT)).isEqualTo("auto");
        assertThat(c.deadLetter().plugin().type()).isEqualTo("file");
        assertThat(c.deadLetter().options().get(TestPlugins.PATH))
                .isEqualTo(Path.of("./data").resolve("dead-letter.ndjson").toString());
    }

    @Test
    void transformsLoadInFileOrderWithTheirNamesAndConditions() throws Exception {
        String yaml = MINIMAL + "transforms:\n"
                + "  - {type: redact, name: hide, when: {field: message, contains: '@'}}\n"
                + "  - {type: throttle, rate: 10, when: {field: attributes.status, gte: 500}}\n";
        PipelineConfig c = loader.load(Path.of("p.yaml"), yaml).config();

        assertThat(c.transforms()).extracting(TransformConfig::name).containsExactly("hide", "transforms[1]");
        assertThat(c.transforms()).extracting(t -> t.plugin().type()).containsExactly("redact", "throttle");
        LogEvent mail = new LogEvent().message("to ana@example.org");
        assertThat(c.transforms().get(0).when().test(mail)).isTrue();
        assertThat(c.transforms().get(0).when().test(new LogEvent().message("no address"))).isFalse();
        LogEvent serverError = new LogEvent().message("x");
        serverError.attributesOrCreate().putLong("status", 503);
        assertThat(c.transforms().get(1).when().test(serverError)).isTrue();
        assertThat(loader.load(Path.of("m.yaml"), MINIMAL).config().transforms()).isEmpty();
    }

    @Test
    void remapParsesAFieldWithAParserOfTheFile() throws Exception {
        String yaml = MINIMAL + "parsers:\n"
                + "  access:\n"
                + "    type: regex\n"
                + "    pattern: '^(?P<verb>[A-Z]+) (?P<path>\\S+) (?P<status>\\d{3})$'\n"
                + "    fields: {status: {type: int}}\n"
                + "transforms:\n"
                + "  - {type: remap, parse: {attributes.request: access}}\n";
        PipelineConfig c = loader.load(Path.of("p.yaml"), yaml).config();
        TransformChain chain = TransformConfig.chain(c.transforms(), new SimpleMeterRegistry());

        LogEvent e = new LogEvent().message("served");
        e.attributesOrCreate().putString("request", "GET /cart 503");
        assertThat(chain.steps().get(0).transform().apply(e)).isTrue();
        assertThat(e.attributes().toJson()).contains("\"verb\":\"GET\"", "\"path\":\"/cart\"", "\"status\":503");
        assertThat(e.hasTag(Tags.PARSE_FAILED)).isFalse();

        LogEvent other = new LogEvent().message("served");
        other.attributesOrCreate().putString("request", "not a request line");
        chain.steps().get(0).transform().apply(other);
        assertThat(other.hasTag(Tags.PARSE_FAILED)).as("text the parser does not match").isTrue();
    }

    @Test
    void disabledAdminHasNoAddress() throws Exception {
        PipelineConfig c = loader.load(Path.of("p.yaml"), MINIMAL + "admin: {enabled: false}\n").config();
        assertThat(c.adminListen()).isNull();
    }

    @Test
    void withoutAFileOutputTypeThereIsNoDefaultDeadLetterAndTheUserIsTold() throws Exception {
        LoadedConfig loaded = new ConfigLoader(TestPlugins.withoutFile(), Map.of()).load(Path.of("p.yaml"), MINIMAL);

        assertThat(loaded.config().deadLetter()).isNull();
        assertThat(loaded.warnings()).extracting(ConfigProblem::toString).containsExactly(
                "p.yaml:1: no dead_letter output is configured and no 'file' output type is installed: "
                        + "refused events are counted and dropped");
    }

    @Test
    void inputsOutsideEveryRouteAreWarnedAbout() throws Exception {
        String yaml = "inputs:\n"
                + "  app: {type: tcp, listen: 127.0.0.1:5170}\n"
                + "  idle: {type: tcp, listen: 127.0.0.1:5171}\n"
                + "outputs:\n"
                + "  console: {type: stdout}\n"
                + "routes:\n"
                + "  - {from: [app], to: [console]}\n";
        LoadedConfig loaded = loader.load(Path.of("p.yaml"), yaml);

        assertThat(loaded.config().routes()).extracting(Route::name).containsExactly("routes[0]");
        assertThat(loaded.warnings()).extracting(ConfigProblem::toString)
                .containsExactly("p.yaml:3: inputs.idle: input 'idle' is in no route's from: its events go nowhere");
    }

    @Test
    void aMissingFileIsOneProblemWithoutALine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(missing));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(missing + ": no such file");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws Exception {
        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(latin1));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(latin1 + ": not UTF-8 text");
    }

    @Test
    void problemsAreListedInFileOrderAndPrintedOnePerLine() {
        String yaml = "outputs:\n  console: {type: stdout, format: xml}\n"
                + "inputs:\n  app: {type: tcp, listen: bad}\n";
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(Path.of("p.yaml"), yaml));
        assertThat(e.getMessage()).isEqualTo(
                "p.yaml:2: outputs.console.format: must be one of json, text; found 'xml'\n"
                        + "p.yaml:4: inputs.app.listen: 'bad' is not an address; write host:port, e.g. 127.0.0.1:5170 or [::1]:5170");
    }
}
