package io.sluice.daemon;

import io.sluice.daemon.admin.AdminAccess;
import io.sluice.daemon.admin.AdminLimits;
import io.sluice.daemon.admin.AdminServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin endpoint against clients that hold on to it (idle, half-sent, never reading) and
 * against clients without credentials, through real sockets and a real HTTP client.
 */
class AdminEndpointTest {
    private static final String PIPELINE = """
            inputs:
              app: {type: tcp, listen: "127.0.0.1:0"}
            outputs:
              sink: {type: blackhole}
            """;

    @TempDir
    Path dir;

    private static AdminServer server(AdminLimits limits) {
        AdminServer.Reply ok = new AdminServer.Reply(200, "application/json", "{\"status\":\"live\"}\n");
        return new AdminServer(java.util.Map.of("/health/live", () -> ok, "/health/ready", () -> ok, "/metrics", () -> ok), null,
                AdminAccess.open(), limits);
    }

    /** True when the server closed the socket within the wait (read sees end of stream or a reset). */
    private static boolean closedByServer(Socket s, Duration wait) throws IOException {
        s.setSoTimeout((int) wait.toMillis());
        InputStream in = s.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int status(InetSocketAddress a, String path) throws IOException {
        try (Socket s = new Socket(a.getHostString(), a.getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndTheProbesStillAnswer() throws Exception {
        AdminServer server = server(new AdminLimits(16, Duration.ofSeconds(30), 8));
        InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) held.add(new Socket("127.0.0.1", a.getPort()));
            try (Socket extra = new Socket("127.0.0.1", a.getPort())) {
                assertThat(closedByServer(extra, Duration.ofSeconds(5))).as("a 17th connection is closed at once").isTrue();
            }
            assertThat(server.refusedConnections()).isGreaterThanOrEqualTo(1);
            held.remove(0).close(); // one slot frees up: the probe gets it once the server saw the close
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> status(a, "/health/live") == 200);
        } finally {
            for (Socket s : held) s.close();
            server.close();
        }
    }

    @Test
    void idleAndHalfSentRequestsAreClosedAfterTheRequestTimeout() throws Exception {
        AdminServer server = server(new AdminLimits(64, Duration.ofMillis(500), 8));
        InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
        try (Socket idle = new Socket("127.0.0.1", a.getPort());
             Socket halfSent = new Socket("127.0.0.1", a.getPort())) {
            halfSent.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(closedByServer(idle, Duration.ofSeconds(10))).as("idle connection closed").isTrue();
            assertThat(closedByServer(halfSent, Duration.ofSeconds(10))).as("half-sent request closed").isTrue();
        } finally {
            server.close();
        }
    }

    @Test
    void metricsAndTapNeedTheTokenWhenOneIsSetWhileProbesStayOpen() throws Exception {
        Path token = Files.writeString(dir.resolve("admin-token"), "s3cr3t-token\n");
        try (RunningDaemon d = RunningDaemon.start(dir, "{listen: \"127.0.0.1:0\", token_file: \"" + token + "\"}", PIPELINE)) {
            assertThat(d.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> anonymous = d.get("/metrics");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(d.get("/tap?limit=1&seconds=1").statusCode()).isEqualTo(401);
            assertThat(send(d, "/metrics", "Bearer wrong-token").statusCode()).isEqualTo(401);
            HttpResponse<String> scrape = send(d, "/metrics", "Bearer s3cr3t-token");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("# TYPE sluice_");
        }
    }

    @Test
    void theTapIsRefusedBeyondLoopbackWithoutAToken() throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, "{listen: \"0.0.0.0:0\"}", PIPELINE)) {
            assertThat(d.get("/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> tap = d.get("/tap?limit=1&seconds=1");
            assertThat(tap.statusCode()).isEqualTo(403);
            assertThat(tap.body()).contains("admin.token_file");
        }
    }

    @Test
    void openTapsAreCapped() throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, PIPELINE)) {
            List<HttpResponse<Stream<String>>> open = new ArrayList<>();
            for (int i = 0; i < AdminLimits.DEFAULT.maxTaps(); i++) {
                HttpResponse<Stream<String>> tap = d.http.send(HttpRequest.newBuilder(d.admin("/tap?seconds=30")).build(),
                        HttpResponse.BodyHandlers.ofLines());
                assertThat(tap.statusCode()).isEqualTo(200);
                open.add(tap);
            }
            HttpResponse<String> refused = d.get("/tap?seconds=30");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("taps are open");
            for (HttpResponse<Stream<String>> tap : open) tap.body().close();
        }
    }

    private static HttpResponse<String> send(RunningDaemon d, String path, String authorization) throws Exception {
        return d.http.send(HttpRequest.newBuilder(d.admin(path)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
