package io.sluice.inputs.tcp;

import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.inputs.net.BackpressureProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;


/** The pipeline pushing back must stop the input reading (so the sender blocks) and lose nothing. */
class TcpInputBackpressureTest {
    @TempDir
    Path dir;

    private TcpInput input;
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

    @Test
    void noCapacityStopsReadingAndNothingIsLostWhenItReturns() throws Exception {
        input = TcpInputTest.create("{\"listen\":\"127.0.0.1:0\"}");
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        input.start(ctx);

        // 40,000 lines of ~1 KB: far more than the loopback socket buffers can hold
        String pad = "p".repeat(1000);
        InetSocketAddress a = input.boundAddress();
        BackpressureProbe.run(sender, ctx, () -> new Socket(a.getAddress(), a.getPort()), 40_000,
                i -> (i + " " + pad + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
