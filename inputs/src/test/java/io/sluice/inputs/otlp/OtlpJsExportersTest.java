package io.sluice.inputs.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenTelemetry JavaScript log exporters (OTLP/HTTP JSON, OTLP/HTTP protobuf, OTLP/gRPC; pinned in
 * {@code src/test/node-otel/package-lock.json}) send one record each to the otlp input, run by
 * {@code src/test/node-otel/send-logs.mjs}; every field the script set must arrive in schema v1.
 * Needs {@code npm ci} in that directory ({@code .ci/run} does it); skipped with that message
 * when node or the modules are missing.
 */
class OtlpJsExportersTest {
    private static final Path NODE_DIR = Path.of("src/test/node-otel").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static OtlpInput input;
    private static CollectingInputContext ctx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules")),
                "OpenTelemetry JS exporters not installed: run `npm ci` in " + NODE_DIR + " (needs node and npm)");
        OptionSpec.Binding binding = new OtlpInputPlugin().options().bind(JSON.readTree("{\"listen\":\"127.0.0.1:0\"}"));
        input = (OtlpInput) new OtlpInputPlugin().create("otel-js", binding.options());
        ctx = new CollectingInputContext("otel-js", dir);
        input.start(ctx);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http", "proto", "grpc"})
    void everyFieldTheScriptSetsArrivesInSchemaV1(String exporter) throws Exception {
        int before = ctx.events().size();
        Process p;
        try {
            p = new ProcessBuilder("node", "send-logs.mjs", exporter, "http://127.0.0.1:" + input.boundAddress().getPort())
                    .directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "node is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("send-logs.mjs finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("send-logs.mjs %s: %s", exporter, output).isZero();
        // the exporter had its answer, so the record is in the pipeline already
        assertThat(ctx.events()).hasSize(before + 1);

        JsonNode v1 = JSON.readTree(new EventEncoder().encode(ctx.events().get(before)));
        assertThat(v1.get("message").asText()).isEqualTo("card declined via " + exporter);
        assertThat(v1.get("@timestamp").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(v1.at("/event/created").asText()).isEqualTo("2026-03-01T10:00:01Z");
        assertThat(v1.at("/log/level").asText()).isEqualTo("error");
        assertThat(v1.at("/log/logger").asText()).isEqualTo("shop.payments");
        assertThat(v1.at("/service/name").asText()).isEqualTo("checkout-js");
        assertThat(v1.at("/service/environment").asText()).isEqualTo("staging");
        assertThat(v1.at("/host/name").asText()).isEqualTo("node-9");
        assertThat(v1.at("/kubernetes/namespace").asText()).isEqualTo("shop");
        assertThat(v1.at("/kubernetes/pod/name").asText()).isEqualTo("checkout-js-7f");
        assertThat(v1.at("/container/id").asText()).isEqualTo("beef01");
        assertThat(v1.at("/trace/id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(v1.at("/span/id").asText()).isEqualTo("00f067aa0ba902b7");
        assertThat(v1.at("/error/type").asText()).isEqualTo("CardError");
        assertThat(v1.at("/error/message").asText()).isEqualTo("declined by issuer");
        JsonNode a = v1.get("attributes");
        assertThat(a.get("order.id").asText()).isEqualTo("A-18");
        assertThat(a.get("retries").isIntegralNumber()).as("an integer stays an integer: %s", a).isTrue();
        assertThat(a.get("retries").asLong()).isEqualTo(4);
        assertThat(a.get("amount").asDouble()).isEqualTo(9.75);
        assertThat(a.get("vip").isBoolean()).isTrue();
        assertThat(a.get("vip").asBoolean()).isFalse();
        assertThat(a.get("items").toString()).isEqualTo("[\"sku-3\",\"sku-4\"]");
        assertThat(a.get("log.severity_text").asText()).isEqualTo("ERR");
        assertThat(a.get("log.logger_version").asText()).isEqualTo("3.0.1");
        assertThat(a.get("trace.flags").asInt()).isEqualTo(1);
        assertThat(a.at("/resource/telemetry.sdk.language").isMissingNode()).as("no default resource was set").isTrue();
    }
}
