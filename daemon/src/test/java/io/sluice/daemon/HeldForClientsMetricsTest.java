package io.sluice.daemon;

import io.sluice.inputs.syslog.SyslogInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads in {@code /metrics} about the bytes a syslog input holds for its clients
 * (docs/operations.md, "Bytes held for clients"), from a real daemon: UDP senders being joined show in
 * {@code sluice_pipeline_held_bytes} until their events are flushed; a TCP connection sitting on part
 * of an octet-counted frame is closed by {@code partial_line_timeout}, counted, and its bytes given back.
 */
class HeldForClientsMetricsTest {
    private static final int UDP_SENDERS = 100;
    /** What each UDP sender is charged at least besides its line (SenderJoiners.SENDER_BYTES). */
    private static final int SENDER_CHARGE = 1280;

    @TempDir
    Path dir;

    @Test
    void joiningUdpSendersAndAHalfSentOctetCountedFrameShowInTheHeldBytesAndAreGivenBack() throws Exception {
        String pipeline = """
                pipeline: {held_bytes: 4MiB}
                inputs:
                  sys:
                    type: syslog
                    listen: "127.0.0.1:0"
                    protocols: [tcp, udp]
                    partial_line_timeout: 3s
                    multiline: {mode: java, flush_timeout: 5s}
                outputs:
                  out: {type: blackhole}
                """;
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            SyslogInput sys = (SyslogInput) d.daemon.inputs().get("sys");
            List<DatagramSocket> senders = new ArrayList<>();
            try {
                for (int i = 0; i < UDP_SENDERS; i++) {
                    DatagramSocket s = new DatagramSocket(); // a source port of its own: a sender of its own
                    senders.add(s);
                    byte[] b = ("<11>Dec  3 07:14:33 web-1 pricing[7]: sender " + i + " failed").getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(b, b.length, sys.udpAddress()));
                }
            } finally {
                for (DatagramSocket s : senders) s.close();
            }
            await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(50))
                    .until(() -> metrics(d).value("sluice_pipeline_held_bytes") >= UDP_SENDERS * SENDER_CHARGE);
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics(d).value("sluice_events_in_total", "input", "sys") == UDP_SENDERS);
            assertThat(metrics(d).value("sluice_pipeline_held_bytes")).as("flushed: every sender's charge given back").isZero();

            try (Socket halfSent = new Socket("127.0.0.1", sys.tcpAddress().getPort())) {
                halfSent.setSoTimeout(10_000);
                String msg = "<13>1 2026-12-03T07:00:00Z host app - - - only seventy of its 120 octets";
                OutputStream o = halfSent.getOutputStream();
                o.write(("120 " + msg).substring(0, 4 + 70).getBytes(StandardCharsets.UTF_8));
                o.flush();
                // held only until partial_line_timeout closes the connection: 3s, not 1s, so that a scrape
                // slowed by a loaded machine still lands inside that window
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> metrics(d).value("sluice_pipeline_held_bytes") > 0);
                assertThat(halfSent.getInputStream().read()).as("closed by Sluice").isEqualTo(-1);
            }
            PrometheusText m = metrics(d);
            assertThat(m.value("sluice_input_connections_closed_total", "input", "sys", "reason", "partial_line_timeout"))
                    .isEqualTo(1);
            assertThat(m.value("sluice_pipeline_held_bytes")).isZero();
            assertThat(m.value("sluice_events_in_total", "input", "sys")).as("the partial frame is dropped").isEqualTo(UDP_SENDERS);
        }
    }

    private static PrometheusText metrics(RunningDaemon d) throws IOException, InterruptedException {
        return PrometheusText.parse(d.get("/metrics").body());
    }
}
