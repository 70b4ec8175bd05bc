package io.sluice.config;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DefaultPipelineTest {
    @Test
    void tcpAndSyslogOnLoopbackToJsonOnStdout() throws Exception {
        LoadedConfig loaded = DefaultPipeline.load(TestPlugins.registry(), Map.of());
        PipelineConfig c = loaded.config();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(c.source()).isEqualTo(DefaultPipeline.SOURCE);
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.inputs()).containsOnlyKeys("app", "syslog");
        assertThat(c.inputs().get("syslog").options().get(TestPlugins.SYSLOG_LISTEN))
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 5514));
        assertThat(c.inputs().get("syslog").options().get(TestPlugins.PROTOCOLS)).containsExactly("udp", "tcp");
        InputConfig app = c.inputs().get("app");
        assertThat(app.plugin().type()).isEqualTo("tcp");
        assertThat(app.options().get(TestPlugins.LISTEN)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 5170));
        assertThat(app.options().get(TestPlugins.FORMAT)).isEqualTo("auto");
        assertThat(c.outputs()).containsOnlyKeys("console");
        assertThat(c.outputs().get("console").plugin().type()).isEqualTo("stdout");
        assertThat(c.outputs().get("console").options().get(TestPlugins.OUT_FORMAT)).isEqualTo("json");
        assertThat(c.routes()).isEmpty();
        assertThat(c.deadLetter().options().get(TestPlugins.PATH)).isEqualTo(Path.of("./data", "dead-letter.ndjson").toString());
    }

    @Test
    void dataDirComesFromTheEnvironmentWhenSet() throws Exception {
        PipelineConfig c = DefaultPipeline.load(TestPlugins.registry(), Map.of("SLUICE_DATA_DIR", "/srv/sluice")).config();
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/sluice"));
        assertThat(c.deadLetter().options().get(TestPlugins.PATH)).isEqualTo("/srv/sluice/dead-letter.ndjson");
    }

    @Test
    void isValidatedLikeAnyFile() {
        // Without the tcp and stdout types installed, the built-in pipeline is refused with the same messages.
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> DefaultPipeline.load(new io.sluice.api.plugin.PluginRegistry(), Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("inputs.app.type", "inputs.syslog.type", "outputs.console.type");
        assertThat(e.problems().get(0).toString())
                .isEqualTo("<built-in default pipeline>:7: inputs.app.type: unknown input type 'tcp'; no input types are installed");
    }
}
