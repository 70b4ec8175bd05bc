package io.sluice.inputs.syslog;

import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.inputs.net.BackpressureProbe;
import io.sluice.core.testkit.TlsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Backpressure reaches syslog senders on TCP and TLS: they stall while the pipeline is full, nothing is lost. */
class SyslogBackpressureTest {
    private static final String PAD = "p".repeat(1000);

    @TempDir
    Path dir;

    private SyslogInput input;
    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        sender.shutdownNow();
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
            input.close();
        }
    }

    private static byte[] octetCounted(int i) {
        byte[] msg = ("<14>1 - h app - - - " + i + " " + PAD).getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + msg.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(msg, 0, frame, prefix.length, msg.length);
        return frame;
    }

    @Test
    void tcpSenderStallsWhileThePipelineIsFull() throws Exception {
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\"]}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir.resolve("data"));
        input.start(ctx);
        InetSocketAddress a = input.tcpAddress();
        BackpressureProbe.run(sender, ctx, () -> new Socket(a.getAddress(), a.getPort()), 30_000,
                SyslogBackpressureTest::octetCounted);
    }

    @Test
    void tlsSenderStallsWhileThePipelineIsFull() throws Exception {
        Assumptions.assumeTrue(SyslogInputs.onPath("openssl"), "openssl CLI is not installed");
        TlsFiles tls = TlsFiles.create(dir, "pressure");
        input = SyslogInputs.create("{\"listen\":\"127.0.0.1:0\",\"protocols\":[\"tcp\"],\"tls\":{\"cert_file\":\""
                + tls.serverCert + "\",\"key_file\":\"" + tls.serverKey + "\"}}");
        CollectingInputContext ctx = new CollectingInputContext("sys", dir.resolve("data"));
        input.start(ctx);
        var client = tls.clientContext(false);
        BackpressureProbe.run(sender, ctx, () -> TlsFiles.connect(client, input.tcpAddress()), 30_000,
                SyslogBackpressureTest::octetCounted);
    }
}
