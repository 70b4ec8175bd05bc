package io.sluice.daemon;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.core.testkit.SchemaV1Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CLI in a child process: TCP in, stdout out, SIGTERM to stop. */
class EndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CONNECTIONS = 4;
    private static final int PER_CONNECTION = 25_000;

    @TempDir
    Path dir;


    @Test
    void everyLineFromFourConnectionsArrivesOnStdoutExactlyOnceAndSigtermExitsZero() throws Exception {
        int port = FreePorts.one();
        try (DaemonProcess daemon = tcpToStdout(port, "format: auto")) {
            List<Thread> senders = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int conn = c;
                Thread t = new Thread(() -> send(port, conn));
                senders.add(t);
                t.start();
            }
            BitSet seen = new BitSet(CONNECTIONS * PER_CONNECTION);
            long[] lastSeqPerConn = new long[CONNECTIONS];
            java.util.Arrays.fill(lastSeqPerConn, -1);
            int received = 0;
            int duplicates = 0;
            while (received < CONNECTIONS * PER_CONNECTION) {
                String line = daemon.nextLine(30_000);
                assertThat(line).as("stdout line %d; stderr:\n%s", received, daemon.stderr).isNotNull();
                JsonNode e = MAPPER.readTree(line);
                int conn = e.path("attributes").path("conn").asInt();
                int n = e.path("attributes").path("n").asInt();
                int id = conn * PER_CONNECTION + n;
                if (seen.get(id)) duplicates++;
                seen.set(id);
                assertThat(n).as("in order per connection").isGreaterThan((int) lastSeqPerConn[conn]);
                lastSeqPerConn[conn] = n;
                if (received % 10_000 == 0) SchemaV1Validator.assertValid(line);
                received++;
            }
            for (Thread t : senders) t.join();
            assertThat(duplicates).isZero();
            assertThat(seen.cardinality()).isEqualTo(CONNECTIONS * PER_CONNECTION);
            assertThat(daemon.terminate(20_000)).as(daemon.stderr.toString()).isZero();
            assertThat(daemon.nextLine(500)).as("nothing beyond the sent events").isNull();
            // diagnostics are schema v1 JSON on stderr
            String firstDiag = daemon.stderr.toString().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
            assertThat(MAPPER.readTree(firstDiag).path("service").path("name").asText()).isEqualTo("sluice");
        }
    }

    /**
     * One client's record with 150,000 keys (given twice, every tenth) reaches stdout with every key once,
     * its last value in its last place, and a record from another connection after it arrives too. Each key
     * used to be looked up in every key before it: this record held a worker for hours.
     */
    @Test
    void aRecordWithManyKeysArrivesWithEveryKeyOnceAndDoesNotHoldUpAnotherConnection() throws Exception {
        int port = FreePorts.one();
        int keys = 150_000;
        StringBuilder big = new StringBuilder("{\"msg\":\"many keys\"");
        for (int i = 0; i < keys; i++) big.append(",\"k").append(i).append("\":").append(i);
        for (int i = 0; i < keys; i += 10) big.append(",\"k").append(i).append("\":\"again\"");
        try (DaemonProcess daemon = tcpToStdout(port, "format: json, max_line_bytes: 4MiB")) {
            try (Socket s = new Socket("127.0.0.1", port); Socket other = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write((big + "}\n").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                other.getOutputStream().write("{\"msg\":\"after it\"}\n".getBytes(StandardCharsets.UTF_8));
            }
            JsonNode many = null;
            JsonNode after = null;
            for (int i = 0; i < 2; i++) {
                String line = daemon.nextLine(60_000);
                assertThat(line).as("stdout line %d; stderr:\n%s", i, daemon.stderr).isNotNull();
                JsonNode e = MAPPER.readTree(line);
                if (e.path("message").asText().equals("many keys")) many = e; else after = e;
            }
            assertThat(after.path("message").asText()).isEqualTo("after it");
            assertThat(many.path("tags").toString()).doesNotContain("truncated");
            List<String> names = new ArrayList<>();
            many.path("attributes").fieldNames().forEachRemaining(names::add);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < keys; i++) if (i % 10 != 0) expected.add("k" + i);
            for (int i = 0; i < keys; i += 10) expected.add("k" + i);
            assertThat(names).isEqualTo(expected);
            assertThat(many.path("attributes").path("k149999").asInt()).isEqualTo(149_999);
            assertThat(many.path("attributes").path("k149990").asText()).isEqualTo("again");
            assertThat(daemon.terminate(20_000)).as(daemon.stderr.toString()).isZero();
        }
    }

    /**
     * A logfmt line holding a value without a key reaches stdout with the pairs that could be read, the
     * whole line in {@code event.original} and the {@code parse_failed} tag; a well-formed line after it
     * has neither.
     */
    @Test
    void aLogfmtLineWithAValueWithoutAKeyArrivesWithItsPairsItselfAndTheParseFailedTag() throws Exception {
        int port = FreePorts.one();
        String odd = "level=warn =secret msg=hello user=ann";
        try (DaemonProcess daemon = tcpToStdout(port, "format: logfmt")) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write((odd + "\nlevel=info msg=fine\n").getBytes(StandardCharsets.UTF_8));
            }
            List<JsonNode> events = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String line = daemon.nextLine(30_000);
                assertThat(line).as("stdout line %d; stderr:\n%s", i, daemon.stderr).isNotNull();
                SchemaV1Validator.assertValid(line);
                events.add(MAPPER.readTree(line));
            }
            JsonNode e = events.get(0);
            assertThat(e.path("message").asText()).isEqualTo("hello");
            assertThat(e.path("log").path("level").asText()).isEqualTo("warn");
            assertThat(e.path("attributes").path("user").asText()).isEqualTo("ann");
            assertThat(e.path("event").path("original").asText()).isEqualTo(odd);
            assertThat(e.path("tags").toString()).contains("parse_failed");
            JsonNode fine = events.get(1);
            assertThat(fine.path("message").asText()).isEqualTo("fine");
            assertThat(fine.path("tags").toString()).doesNotContain("parse_failed");
            assertThat(fine.path("event").has("original")).isFalse();
            assertThat(daemon.terminate(20_000)).as(daemon.stderr.toString()).isZero();
        }
    }

    /** The CLI running a TCP input with {@code options} on {@code port} and a stdout output. */
    private DaemonProcess tcpToStdout(int port, String options) throws Exception {
        return DaemonProcess.running(dir, DaemonProcess.tcpToStdoutConfig(dir, port, options));
    }

    private static void send(int port, int conn) {
        try (Socket s = new Socket("127.0.0.1", port); OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536)) {
            for (int n = 0; n < PER_CONNECTION; n++) {
                String line = "{\"level\":\"info\",\"msg\":\"hello " + n + "\",\"service\":\"svc" + conn + "\",\"conn\":" + conn + ",\"n\":" + n + "}\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void validateReportsEveryProblemWithFileLineAndPathAndExitsOne() throws Exception {
        Path config = dir.resolve("broken.yaml");
        Files.writeString(config, """
                inputs:
                  app:
                    type: tcp
                    listen: localhost
                outputs:
                  console:
                    type: stdout
                    formatt: json
                """);
        try (DaemonProcess p = DaemonProcess.start(dir, "validate", "-c", config.toString())) {
            assertThat(p.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.process.exitValue()).isEqualTo(1);
            p.awaitStderr(config + ":8:", 10_000); // the pump thread may still be reading what the process wrote
            assertThat(p.stderr.toString())
                    .contains(config + ":4: inputs.app.listen: ")
                    .contains(config + ":8: outputs.console.formatt: unknown option (did you mean 'format'?)");
        }
    }

    @Test
    void validateAcceptsAGoodFileWithExitZero() throws Exception {
        Path config = dir.resolve("good.yaml");
        Files.writeString(config, """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:5170"}
                outputs:
                  console: {type: stdout}
                """);
        try (DaemonProcess p = DaemonProcess.start(dir, "validate", "-c", config.toString())) {
            assertThat(p.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.process.exitValue()).as(p.stderr.toString()).isZero();
        }
    }
}
