package io.sluice.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The network inputs' transport as an operator sees it: each listener's start-up line names it (epoll
 * on Linux x86-64, where the distribution ships Netty's native library; nio with
 * {@code SLUICE_NET_TRANSPORT=nio}), and TCP, syslog TCP and syslog UDP deliver on either.
 */
class NetTransportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private int tcpPort;
    private int syslogPort;

    private Path config() throws Exception {
        tcpPort = FreePorts.one();
        syslogPort = FreePorts.one();
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, """
                data_dir: %s
                admin: {enabled: false}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"}
                  sys: {type: syslog, listen: "127.0.0.1:%d", protocols: [tcp, udp]}
                outputs:
                  console: {type: stdout, format: json}
                """.formatted(dir.resolve("data"), tcpPort, syslogPort));
        return config;
    }

    private static boolean linuxX8664() {
        return System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
    }

    @Test
    void onLinuxTheTcpAndSyslogInputsListenOnEpollAndDeliver() throws Exception {
        assumeTrue(linuxX8664());
        Path config = config();
        try (DaemonProcess daemon = DaemonProcess.running(dir, config)) {
            assertListenersNamed(daemon, "epoll");
            assertEachInputDelivers(daemon);
            assertThat(daemon.terminate(20_000)).as(daemon.stderr.toString()).isZero();
        }
    }

    @Test
    void sluiceNetTransportNioPutsThemOnNioAndTheyStillDeliver() throws Exception {
        Path config = config();
        try (DaemonProcess daemon = DaemonProcess.running(dir, Map.of("SLUICE_NET_TRANSPORT", "nio"), config)) {
            assertListenersNamed(daemon, "nio");
            assertThat(daemon.stderr.toString()).doesNotContain("(epoll)");
            assertEachInputDelivers(daemon);
            assertThat(daemon.terminate(20_000)).as(daemon.stderr.toString()).isZero();
        }
    }

    @Test
    void aMistypedTransportStopsTheStartAndSaysWhatToSet() throws Exception {
        Path config = config();
        try (DaemonProcess daemon = DaemonProcess.withHeap(dir, "256m", Map.of("SLUICE_NET_TRANSPORT", "epol"),
                "run", "-c", config.toString())) {
            assertThat(daemon.process.waitFor(60, TimeUnit.SECONDS)).as(daemon.stderr.toString()).isTrue();
            assertThat(daemon.process.exitValue()).as(daemon.stderr.toString()).isEqualTo(3);
            daemon.awaitStderr("SLUICE_NET_TRANSPORT='epol' is not a transport; set auto", 5_000);
        }
    }

    private void assertListenersNamed(DaemonProcess daemon, String transport) throws InterruptedException {
        daemon.awaitStderr("tcp app: listening on 127.0.0.1:" + tcpPort + " (" + transport + ")", 10_000);
        daemon.awaitStderr("syslog sys: listening on 127.0.0.1:" + syslogPort + " (" + transport + ")", 10_000);
        daemon.awaitStderr("syslog-udp sys: receiving on udp 127.0.0.1:" + syslogPort + " (" + transport + ")", 10_000);
    }

    private void assertEachInputDelivers(DaemonProcess daemon) throws Exception {
        try (Socket tcp = new Socket("127.0.0.1", tcpPort); OutputStream out = tcp.getOutputStream()) {
            out.write("{\"msg\":\"over tcp\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try (Socket syslog = new Socket("127.0.0.1", syslogPort); OutputStream s = syslog.getOutputStream()) {
                s.write("<13>1 2026-12-03T07:00:00Z host app - - - over syslog tcp\n".getBytes(StandardCharsets.UTF_8));
                s.flush();
                try (DatagramSocket udp = new DatagramSocket()) {
                    byte[] b = "<13>1 2026-12-03T07:00:01Z host app - - - over syslog udp".getBytes(StandardCharsets.UTF_8);
                    udp.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", syslogPort)));
                }
                List<String> messages = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    String line = daemon.nextLine(30_000);
                    assertThat(line).as("event %d; stderr:\n%s", i, daemon.stderr).isNotNull();
                    messages.add(MAPPER.readTree(line).path("message").asText());
                }
                assertThat(messages).containsExactlyInAnyOrder("over tcp", "over syslog tcp", "over syslog udp");
            }
        }
    }
}
