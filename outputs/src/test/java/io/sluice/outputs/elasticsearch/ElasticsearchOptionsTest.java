package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionProblem;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.OutputPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user sees when the elasticsearch output's config is wrong; no node needed. */
class ElasticsearchOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<OptionProblem> problems(Map<String, Object> config) {
        OptionSpec.Binding b = ElasticsearchOptions.SPEC.bind(JSON.valueToTree(config));
        return b.problems();
    }

    @Test
    void isRegisteredAsTypeElasticsearch() {
        assertThat(ServiceLoader.load(OutputPlugin.class).stream().map(p -> p.get().type()))
                .contains("elasticsearch");
    }

    @Test
    void hostsMustBeHttpUrls() {
        assertThat(problems(Map.of("hosts", List.of("https://es-1:9200", "http://10.0.0.2")))).isEmpty();
        assertThat(problems(Map.of("hosts", List.of("es-1:9200")))).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("hosts").contains("http:// or https:// URL"));
        assertThat(problems(Map.of("hosts", List.of("ftp://es-1")))).hasSize(1);
        assertThat(problems(Map.of("hosts", List.of("https://es-1:9200/some/path")))).hasSize(1);
        assertThat(problems(Map.of())).singleElement().satisfies(p -> assertThat(p.toString()).contains("hosts"));
    }

    @Test
    void targetsMustBeTemplatesOverKnownFields() {
        assertThat(problems(Map.of("hosts", "http://h:9200", "index", "logs-{service.name}-%Y.%m.%d"))).isEmpty();
        assertThat(problems(Map.of("hosts", "http://h:9200", "data_stream", "logs-{no.such.field}-default")))
                .singleElement().satisfies(p -> assertThat(p.toString()).contains("data_stream")
                        .contains("{no.such.field} is not an event field"));
        assertThat(problems(Map.of("hosts", "http://h:9200", "index", "logs-%q")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("%q is not a date part"));
        assertThat(problems(Map.of("hosts", "http://h:9200", "index", "logs-{@timestamp}")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("use its date parts"));
        assertThat(problems(Map.of("hosts", "http://h:9200", "index", "logs-{service.name"))).hasSize(1);
    }

    @Test
    void fingerprintsAreSha256Hex() {
        String fp = "AB:CD:" + "00:".repeat(29) + "EF";
        assertThat(problems(Map.of("hosts", "https://h", "tls", Map.of("fingerprint", fp)))).isEmpty();
        assertThat(problems(Map.of("hosts", "https://h", "tls", Map.of("fingerprint", "abc")))).hasSize(1);
    }

    @Test
    void conflictingChoicesAreRefusedTogetherAtTheirOptions() {
        assertThat(problems(Map.of("hosts", "http://h:9200", "index", "a", "data_stream", "b",
                "auth", Map.of("username", "u", "api_key", "k"))))
                .extracting(OptionProblem::toString)
                .containsExactlyInAnyOrder(
                        "OptionProblem[path=index, message=data_stream, index exclude each other; set only one]",
                        "OptionProblem[path=auth.username, message=username and password (or password_file) go together]",
                        "OptionProblem[path=auth.api_key, message=choose one of username/password, api_key, bearer_token]");
        assertThat(problems(Map.of("hosts", "http://h:9200", "auth", Map.of("password", "p")))).singleElement()
                .satisfies(p -> assertThat(p.path()).isEqualTo("auth.password"));
        assertThat(problems(Map.of("hosts", "http://h:9200", "auth", Map.of("api_key", "k", "api_key_file", "/run/secrets/k"))))
                .singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("api_key, api_key_file exclude each other; set only one"));
        String fp = "AB:CD:" + "00:".repeat(29) + "EF";
        assertThat(problems(Map.of("hosts", "https://h", "tls", Map.of("ca_file", "/etc/hostname", "fingerprint", fp))))
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("tls.fingerprint"));
        assertThat(problems(Map.of("hosts", "https://h", "auth", Map.of("username", "u", "password_file", "/run/p")))).isEmpty();
    }

    @Test
    void anUnreadableCaFileIsAConfigError() {
        assertThat(problems(Map.of("hosts", "https://h", "tls", Map.of("ca_file", "/no/such/ca.crt")))).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("tls.ca_file", "cannot read this file"));
    }

    @Test
    void concurrencyIsWhatTheOutputReports() {
        assertThat(Outputs.create(Map.of("hosts", "http://h:9200", "concurrency", 6)).concurrency()).isEqualTo(6);
        assertThat(Outputs.create(Map.of("hosts", "http://h:9200")).concurrency()).isEqualTo(2);
    }
}
