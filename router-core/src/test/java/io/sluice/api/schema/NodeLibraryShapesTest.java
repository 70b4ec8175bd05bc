package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Records written by pino, bunyan, winston and serilogger (a CLEF writer), run with node by
 * {@code src/test/node/write-logs.mjs} (versions pinned in its package.json and package-lock.json),
 * decoded with {@code format: auto}. Needs {@code npm ci} in {@code router-core/src/test/node}; skipped
 * with that message when node or the installed modules are missing.
 */
class NodeLibraryShapesTest {
    private static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir
    static Path out;

    @BeforeAll
    static void runLibraries() throws Exception {
        assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules")),
                "Node logging libraries not installed: run `npm ci` in " + NODE_DIR + " (needs node and npm)");
        Process p;
        try {
            p = new ProcessBuilder("node", "write-logs.mjs", out.toString()).directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "node is not installed: " + e.getMessage());
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("write-logs.mjs finished").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("write-logs.mjs: %s", output).isZero();
    }

    private static List<JsonNode> events(String file) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(file))) {
            if (line.isBlank()) continue;
            JsonNode e = ShapeChecks.decodeChecked(line);
            assertThat(e.at("/tags").toString()).as("tags of %s", e).doesNotContain("timestamp_missing");
            events.add(e);
        }
        assertThat(events).as(file).hasSize(2);
        return events;
    }

    private static void assertNodeError(JsonNode e, String message) {
        assertThat(e.at("/log/level").asText()).isEqualTo("error");
        assertThat(e.at("/message").asText()).isEqualTo(message);
        assertThat(e.at("/error/stack_trace").asText()).startsWith("TypeError: boom\n    at ");
    }

    @Test
    void pino() throws Exception {
        List<JsonNode> e = events("pino.jsonl");
        assertThat(e.get(0).at("/message").asText()).isEqualTo("order placed");
        assertThat(e.get(0).at("/log/level").asText()).isEqualTo("info");
        assertThat(e.get(0).at("/log/logger").asText()).isEqualTo("checkout");
        assertThat(e.get(0).at("/process/pid").isIntegralNumber()).isTrue();
        assertThat(e.get(0).at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(e.get(0).at("/attributes/tenant").asText()).isEqualTo("acme");
        assertNodeError(e.get(1), "payment failed");
        assertThat(e.get(1).at("/error/type").asText()).isEqualTo("TypeError");
        assertThat(e.get(1).at("/error/message").asText()).isEqualTo("boom");
    }

    @Test
    void bunyan() throws Exception {
        List<JsonNode> e = events("bunyan.jsonl");
        assertThat(e.get(0).at("/message").asText()).isEqualTo("order placed");
        assertThat(e.get(0).at("/log/logger").asText()).isEqualTo("checkout");
        assertThat(e.get(0).at("/trace/id").asText()).isEqualTo(TRACE);
        assertNodeError(e.get(1), "payment failed");
        assertThat(e.get(1).at("/error/type").asText()).isEqualTo("TypeError");
        assertThat(e.get(1).at("/error/message").asText()).isEqualTo("boom");
    }

    @Test
    void winston() throws Exception {
        List<JsonNode> e = events("winston.jsonl");
        assertThat(e.get(0).at("/message").asText()).isEqualTo("order placed");
        assertThat(e.get(0).at("/service/name").asText()).isEqualTo("checkout");
        assertThat(e.get(0).at("/trace/id").asText()).isEqualTo(TRACE);
        assertNodeError(e.get(1), "boom");
        assertThat(e.get(1).at("/error/type").asText()).isEqualTo("TypeError");
    }

    @Test
    void serilogCompactJson() throws Exception {
        List<JsonNode> e = events("clef.jsonl");
        // @mt rendered with the properties as Serilog renders it: strings quoted
        assertThat(e.get(0).at("/message").asText()).isEqualTo("Order 42 placed for \"acme\"");
        assertThat(e.get(0).at("/log/level").asText()).isEqualTo("info");
        assertThat(e.get(0).at("/log/logger").asText()).isEqualTo("Checkout.Payments");
        assertThat(e.get(0).at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(e.get(0).at("/attributes/OrderId").asInt()).isEqualTo(42);
        assertNodeError(e.get(1), "Payment failed");
    }
}
