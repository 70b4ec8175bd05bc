package io.sluice.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/** {@code GET /tap} on a running in-process daemon, read with a real HTTP client. */
class TapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PIPELINE = """
            inputs:
              app: {type: tcp, listen: "127.0.0.1:0"}
              other: {type: tcp, listen: "127.0.0.1:0"}
            routes:
              - name: errors
                when: {field: log.level, in: [error]}
                to: [errors]
              - name: all
                to: [everything]
            outputs:
              errors: {type: blackhole}
              everything: {type: test_gate}
            """;

    @TempDir
    Path dir;

    private static List<String> lines(int n, String service) {
        return IntStream.range(0, n).mapToObj(i -> "{\"level\":\"" + (i % 2 == 0 ? "error" : "info")
                + "\",\"msg\":\"" + service + "-" + i + "\",\"service\":\"" + service + "\"}").toList();
    }

    /** Opens a tap; returns once the response head arrived, i.e. once the tap is installed. */
    private static HttpResponse<Stream<String>> open(RunningDaemon d, String query) throws Exception {
        return d.http.send(HttpRequest.newBuilder(d.admin(query)).build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** The whole body; the stream must end by itself (bounded wait so a broken stream fails, not hangs). */
    private static List<String> collect(HttpResponse<Stream<String>> tap) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> tap.body().collect(Collectors.toList()));
    }

    @Test
    void streamsSampledEventsOfOneInputAndSinkAsNdjsonAndEndsAtTheLimit() throws Exception {
        GateOutputPlugin.open = true;
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            HttpResponse<Stream<String>> tap = open(d, "/tap?input=app&sink=errors&sample=3&limit=5");
            assertThat(tap.statusCode()).isEqualTo(200);
            assertThat(tap.headers().firstValue("content-type")).hasValue("application/x-ndjson");
            d.send("other", lines(40, "other"));
            d.send("app", lines(100, "app"));
            // the stream ends by itself after 5 events: collecting it terminates
            List<JsonNode> events = new ArrayList<>();
            for (String line : collect(tap)) events.add(JSON.readTree(line));
            // errors from app are app-0, app-2, app-4 ...; every 3rd of them: app-0, app-6, app-12 ...
            assertThat(events).extracting(e -> e.path("message").asText())
                    .containsExactly("app-0", "app-6", "app-12", "app-18", "app-24");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("log").path("level").asText()).isEqualTo("error");
                assertThat(e.path("input").path("type").asText()).isEqualTo("tcp");
                assertThat(e.path("event").path("created").asText()).isNotEmpty();
            });
        }
    }

    @Test
    void withoutFiltersEveryEventOfEveryInputIsTappedAndTheStreamStopsAfterItsTime() throws Exception {
        GateOutputPlugin.open = true;
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            HttpResponse<Stream<String>> tap = open(d, "/tap?seconds=2&limit=1000");
            d.send("app", lines(10, "app"));
            d.send("other", lines(10, "other"));
            assertThat(collect(tap)).as("ended by its time limit, not by the limit of 1000").hasSize(20);
        }
    }

    @Test
    void tapsThatKeepUpLeaveTheTapComponentHealthy() throws Exception {
        GateOutputPlugin.open = true;
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            HttpResponse<Stream<String>> tap = open(d, "/tap?limit=10");
            d.send("app", lines(10, "app"));
            assertThat(collect(tap)).hasSize(10);
            JsonNode tapHealth = JSON.readTree(d.get("/health").body()).path("entries").path("admin.tap");
            assertThat(tapHealth.path("status").asText()).isEqualTo("Healthy");
            assertThat(tapHealth.path("data").path("dropped_total").asLong()).isZero();
        }
    }

    @Test
    void eventsASinkRefusesAreShownOnTheDeadLetterTap() throws Exception {
        // a real HTTP receiver that refuses every request for good (422: not retried, dead-lettered)
        try (HttpReceiver receiver = new HttpReceiver(422, headers -> "mapping conflict on field pad")) {
            assertDeadLetterTapShowsRefusals(receiver);
        }
    }

    private void assertDeadLetterTapShowsRefusals(HttpReceiver receiver) throws Exception {
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  receiver: {type: http, uri: "%s", compression: none}
                dead_letter: {type: blackhole}
                """.formatted(receiver.uri());
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            HttpResponse<Stream<String>> tap = open(d, "/tap?sink=dead_letter&limit=3&seconds=30");
            d.send("app", lines(3, "app"));
            List<JsonNode> events = new ArrayList<>();
            for (String line : collect(tap)) events.add(JSON.readTree(line));
            assertThat(events).extracting(e -> e.path("message").asText()).containsExactlyInAnyOrder("app-0", "app-1", "app-2");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("error").path("code").asText()).isEqualTo("output.receiver");
                assertThat(e.path("error").path("message").asText()).contains("422").contains("mapping conflict");
            });
        }
    }

    @Test
    void unknownInputsSinksAndParametersAreRefusedWithAReason() throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            assertThat(d.get("/tap?sink=nope")).satisfies(r -> {
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).contains("no output 'nope'").contains("[errors, everything]");
            });
            assertThat(d.get("/tap?input=nope").body()).contains("no input 'nope'");
            assertThat(d.get("/tap?sample=0").body()).contains("sample: must be a whole number from 1");
            assertThat(d.get("/tap?lmit=3").body()).contains("unknown parameter 'lmit'");
        }
    }

    @Test
    void aClientThatDoesNotReadLosesTapEventsButTheSinksGetEverything() throws Exception {
        GateOutputPlugin.open = true;
        GateOutputPlugin.DELIVERED.set(0);
        GateOutputPlugin.SEEN.clear();
        int n = 100_000;
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE); Socket stalled = stalledTap(d)) {
            // never read again: the tap's queue fills and it drops; the pipeline does not wait for it
            String pad = "x".repeat(200);
            AtomicLong mostHeld = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) mostHeld.accumulateAndGet((long) held(d), Math::max);
            });
            sampler.start();
            try {
                d.send("app", IntStream.range(0, n).mapToObj(i -> "{\"msg\":\"m" + i + "\",\"pad\":\"" + pad + "\"}").toList());
                await().atMost(Duration.ofSeconds(60)).until(() -> GateOutputPlugin.DELIVERED.get() == n);
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            double dropped = d.daemon.meters().get("sluice.tap.dropped").counter().count();
            assertThat(dropped).isGreaterThan(0);
            assertThat(d.get("/metrics").body()).contains("sluice_tap_dropped_total ");

            // the operator sees it in /health: the tap component is Degraded, readiness is not affected
            JsonNode tapHealth = JSON.readTree(d.get("/health").body()).path("entries").path("admin.tap");
            assertThat(tapHealth.path("status").asText()).isEqualTo("Degraded");
            assertThat(tapHealth.path("description").asText()).contains("reads too slowly").contains("sinks are not affected");
            assertThat(tapHealth.path("data").path("dropped_total").asLong()).isEqualTo((long) dropped);
            assertThat(tapHealth.path("data").path("open_taps").asInt()).isEqualTo(1);
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(d.get("/metrics").body())
                    .contains("sluice_component_health{component=\"admin.tap\",status=\"Degraded\"} 1.0");
            // what waits for the stalled client is charged to the one account of bytes held for clients:
            // 1,024 queued events of ~500 bytes while the queue is full. Sampled during the send, because the
            // server's socket buffer keeps growing (Linux autotunes it) and may drain the queue afterwards
            assertThat(mostHeld.get()).isGreaterThan(200 * 1024).isLessThanOrEqualTo(4 * 1024 * 1024);
        }
    }

    /**
     * Opens a tap and reads only its status line. The receive buffer is set before connecting, when
     * it still decides the window the client advertises.
     */
    private static Socket stalledTap(RunningDaemon d) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", d.daemon.adminAddress().getPort()));
        s.getOutputStream().write(("GET /tap?limit=100000&seconds=120 HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(15), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200 OK");
        return s;
    }

    private static double held(RunningDaemon d) {
        return d.daemon.meters().get("sluice.pipeline.held.bytes").gauge().value();
    }

    @Test
    void aClosedTapGivesBackWhatItsQueueHeld() throws Exception {
        GateOutputPlugin.open = true;
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            try (Socket stalled = stalledTap(d)) {
                String pad = "x".repeat(200);
                d.send("app", IntStream.range(0, 20_000).mapToObj(i -> "{\"msg\":\"m" + i + "\",\"pad\":\"" + pad + "\"}").toList());
                await().atMost(Duration.ofSeconds(60)).until(() -> held(d) > 200 * 1024);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> held(d) == 0);
        }
    }
}
