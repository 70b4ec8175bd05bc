package io.sluice.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {
    private final String md = ConfigReference.markdown(TestPlugins.registry());

    @Test
    void documentsEveryInstalledTypeWithItsOptions() {
        assertThat(md).contains("### `tcp`", "### `kafka`", "### `stdout`", "### `file`", "### `elasticsearch`");
        assertThat(md).contains("| `listen` | address host:port |  | yes | address to listen on |");
        assertThat(md).contains("| `idle_timeout` | duration (e.g. 500ms, 10s, 5m) | `5m` |  | closes connections idle this long |");
        assertThat(md).contains("| `max_line_bytes` | byte size (e.g. 1MiB, 512KiB) | `1MiB` |  | longer lines are cut |");
        assertThat(md).contains("| `format` | one of auto, json, text | `auto` |  | how each line is read |");
        assertThat(md).contains("| `tls` | map |  |  | turns on TLS |", "| `tls.key_file` | string |  | yes | PEM private key |");
    }

    @Test
    void documentsTheFileRoutesAndTheOptionsEveryOutputTakes() {
        assertThat(md).contains("## Pipeline file", "## Routes", "### Options every output takes");
        assertThat(md).contains("| `shutdown_timeout` | duration (e.g. 500ms, 10s, 5m) | `10s` |");
        assertThat(md).contains("| `admin.listen` | address host:port | `127.0.0.1:8686` |");
        assertThat(md).contains("| `pipeline.in_flight_bytes` | byte size (e.g. 1MiB, 512KiB) | `2MiB` |");
        assertThat(md).contains("| `buffer.max_bytes` | byte size (e.g. 1MiB, 512KiB) | `16MiB` |");
        assertThat(md).contains("| `retry.max_backoff` | duration (e.g. 500ms, 10s, 5m) | `30s` |");
        assertThat(md).contains("| `to` | list of strings |  | yes |");
        assertThat(md).contains("| `inputs` | map of input id to input |  |  |", "| `when` | condition |");
        assertThat(md).as("pipes inside cells are escaped").contains("exists: true\\|false");
        assertThat(md).as("no stray HTML").contains("at &lt;data_dir&gt;/dead-letter.ndjson");
    }

    @Test
    void documentsEveryTransformTypeWithItsOptions() {
        assertThat(md).contains("## Transforms", "### `redact`", "### `throttle`", "### `remap`");
        assertThat(md).contains("| `overflow_to` | string |");
        assertThat(md).contains("| `detectors` | list of strings | `[email, credit_card, iban, jwt, bearer_token, aws_access_key, private_key]` |");
        assertThat(md).as("every transform takes a name").containsPattern("### `remap`[\\s\\S]*\\| `name` \\| string");
    }

    @Test
    void statesTheRulesOverSeveralOptionsUnderTheirPlugin() {
        String kafka = md.substring(md.indexOf("### `kafka`"), md.indexOf("### `syslog`"));
        assertThat(kafka).endsWith("Rules:\n\n- exactly one of `topics`, `topic_pattern`\n\n");
        String es = md.substring(md.indexOf("### `elasticsearch`"), md.indexOf("### `file`"));
        assertThat(es).contains("Rules:\n\n- in `auth`: `username`, `password` go together\n"
                + "- in `auth`: at most one of `api_key`, `username`\n");
        assertThat(md.substring(md.indexOf("### `tcp`"), md.indexOf("## Outputs"))).doesNotContain("Rules:");
    }

    @Test
    void formatsDefaultsAsAUserWritesThem() {
        assertThat(ConfigReference.bytes(256 * 1024)).isEqualTo("256KiB");
        assertThat(ConfigReference.bytes(1000)).isEqualTo("1000");
        assertThat(ConfigReference.duration(java.time.Duration.ofMillis(200))).isEqualTo("200ms");
        assertThat(ConfigReference.duration(java.time.Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(ConfigReference.duration(java.time.Duration.ofHours(48))).isEqualTo("2d");
    }
}
