package io.sluice.inputs.syslog;

import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A UDP burst into a socket with a tiny receive buffer: the kernel drops most of it before Sluice
 * reads. Every datagram sent is then accounted for: received as an event, dropped by Sluice
 * (pipeline full) or dropped by the kernel, and the input reports Degraded.
 */
class SyslogKernelDropsTest {
    private static final int SENT = 20_000;

    @TempDir
    Path dir;

    private SyslogInput input;

    @AfterEach
    void stop() throws Exception {
        input.stop();
        input.awaitStop(Duration.ofSeconds(10));
        input.close();
    }

    @Test
    void datagramsTheKernelDroppedAreCountedAndTheInputIsDegraded() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/net/udp"))).as("Linux /proc/net/udp").isTrue();
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"udp\"],\"receive_buffer_bytes\":\"1KiB\"}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir);
        input.start(ctx);
        assertThat(input.degradedBecause()).isNull();

        InetSocketAddress a = input.udpAddress();
        byte[] payload = ("<13>1 - h app - - - " + "x".repeat(900)).getBytes(StandardCharsets.UTF_8);
        try (DatagramSocket s = new DatagramSocket()) {
            for (int i = 0; i < SENT; i++) s.send(new DatagramPacket(payload, payload.length, a));
        }

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(ctx.events().size() + dropped(ctx, "pipeline_full") + dropped(ctx, "kernel"))
                        .as("received + dropped by Sluice + dropped by the kernel").isEqualTo(SENT));
        assertThat(dropped(ctx, "kernel")).isPositive();
        assertThat(input.degradedBecause()).contains("kernel dropped datagrams");
    }

    private static long dropped(CollectingInputContext ctx, String reason) {
        return (long) ctx.meters().get("sluice.input.datagrams.dropped").tag("reason", reason).counter().count();
    }
}
