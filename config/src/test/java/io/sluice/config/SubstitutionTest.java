package io.sluice.config;

import io.sluice.api.option.Options;
import io.sluice.core.pipeline.SinkOptions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SubstitutionTest {
    private static final Map<String, String> ENV = Map.of("HOST", "10.0.0.7", "PORT", "6000", "EMPTY", "",
            "ON", "true", "KEY", "k-123");

    private final EnvSubstitution subst = new EnvSubstitution(ENV);

    @Test
    void expandsVariablesDefaultsAndEscapes() throws Exception {
        assertThat(subst.expand("${HOST}:${PORT}")).isEqualTo("10.0.0.7:6000");
        assertThat(subst.expand("${MISSING:-127.0.0.1}:${PORT:-1}")).isEqualTo("127.0.0.1:6000");
        assertThat(subst.expand("${EMPTY:-fallback}")).as("as in the shell, :- covers empty too").isEqualTo("fallback");
        assertThat(subst.expand("${EMPTY}")).isEmpty();
        assertThat(subst.expand("${MISSING:-}")).isEmpty();
        assertThat(subst.expand("$${HOST} costs $5")).isEqualTo("${HOST} costs $5");
        assertThat(subst.expand("logs-{service.name}")).isEqualTo("logs-{service.name}");
    }

    @Test
    void refusesWhatItCannotExpand() {
        assertThatThrownBy(() -> subst.expand("${MISSING}"))
                .hasMessage("environment variable MISSING is not set; set it or give a default: ${MISSING:-value}");
        assertThatThrownBy(() -> subst.expand("x${HOST")).hasMessageStartingWith("'${' is not closed");
        assertThatThrownBy(() -> subst.expand("${}")).hasMessageStartingWith("'${}' is not a variable reference");
        assertThatThrownBy(() -> subst.expand("${A-B}")).hasMessageStartingWith("'${A-B}' is not a variable reference");
    }

    @Test
    void unquotedValuesBindWithTheTypeTheyExpandTo() throws Exception {
        // Block style: in flow style ({...}) a plain ${X} would clash with YAML's own braces.
        String yaml = "admin:\n  enabled: ${ON}\n"
                + "inputs:\n  app:\n    type: tcp\n    listen: '${HOST}:${PORT}'\n    max_connections: ${PORT}\n"
                + "outputs:\n  search:\n    type: elasticsearch\n    hosts: [\"http://${HOST}:9200\"]\n"
                + "    auth:\n      api_key: ${KEY}\n    buffer:\n      max_bytes: ${BUF:-1048576}\n";
        PipelineConfig c = new ConfigLoader(TestPlugins.registry(), ENV).load(Path.of("p.yaml"), yaml).config();

        assertThat(c.adminListen()).isNotNull();
        Options app = c.inputs().get("app").options();
        assertThat(app.get(TestPlugins.LISTEN)).isEqualTo(InetSocketAddress.createUnresolved("10.0.0.7", 6000));
        assertThat(app.get(TestPlugins.MAX_CONNECTIONS)).isEqualTo(6000);
        Options search = c.outputs().get("search").options();
        assertThat(search.get(TestPlugins.HOSTS)).containsExactly("http://10.0.0.7:9200");
        assertThat(search.get(TestPlugins.AUTH).get(TestPlugins.API_KEY)).isEqualTo("k-123");
        assertThat(search.get(SinkOptions.BUFFER_BLOCK).get(SinkOptions.BUFFER_MAX_BYTES)).isEqualTo(1048576L);
    }

    @Test
    void quotedValuesStayStrings() {
        String yaml = "admin: {enabled: \"${ON}\"}\n"
                + "inputs:\n  app: {type: tcp, listen: 127.0.0.1:1}\noutputs:\n  console: {type: stdout}\n";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(TestPlugins.registry(), ENV).load(Path.of("p.yaml"), yaml));
        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .containsExactly("p.yaml:1: admin.enabled: expected true or false, found the string 'true'");
    }

    @Test
    void anUnsetVariableIsReportedWithItsLineAndEveryOtherOneToo() {
        String yaml = "inputs:\n"
                + "  app: {type: tcp, listen: \"${LISTEN_ADDR}\"}\n"
                + "outputs:\n"
                + "  search: {type: elasticsearch, hosts: [\"${ES_HOST}\"]}\n";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(TestPlugins.registry(), ENV).load(Path.of("p.yaml"), yaml));
        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "p.yaml:2: inputs.app.listen: environment variable LISTEN_ADDR is not set; set it or give a default: ${LISTEN_ADDR:-value}",
                "p.yaml:4: outputs.search.hosts[0]: environment variable ES_HOST is not set; set it or give a default: ${ES_HOST:-value}");
    }

    @Test
    void keysAndCommentsAreNotExpanded() throws Exception {
        String yaml = "# ${NOT_A_VALUE}\n"
                + "normalize:\n  labels: {\"${HOST}\": \"${HOST}\"}\n"
                + "inputs:\n  app: {type: tcp, listen: 127.0.0.1:1}\noutputs:\n  console: {type: stdout}\n";
        PipelineConfig c = new ConfigLoader(TestPlugins.registry(), ENV).load(Path.of("p.yaml"), yaml).config();
        assertThat(c.normalize().labels()).isEqualTo(Map.of("${HOST}", "10.0.0.7"));
    }
}
