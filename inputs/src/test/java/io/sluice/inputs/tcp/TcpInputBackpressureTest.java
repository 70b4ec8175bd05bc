package io.sluice.inputs.tcp;

import io.sluice.core.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        }
    }

    @Test
    void noCapacityStopsReadingAndNothingIsLostWhenItReturns() throws Exception {
        input = TcpInputTest.create("{\"listen\":\"127.0.0.1:0\"}");
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        ctx.capacity(false);
        input.start(ctx);

        // 40,000 lines of ~1 KB: far more than the loopback socket buffers can hold
        int lines = 40_000;
        String pad = "p".repeat(1000);
        AtomicLong linesWritten = new AtomicLong();
        InetSocketAddress a = input.boundAddress();
        Future<?> sent = sender.submit(() -> {
            try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < lines; i++) {
                    out.write((i + " " + pad + "\n").getBytes(StandardCharsets.UTF_8));
                    linesWritten.incrementAndGet();
                }
            }
            return null;
        });

        // the sender stalls: its writes stop making progress while the input is not reading
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long before = linesWritten.get();
            int eventsBefore = ctx.events().size();
            Thread.sleep(700);
            return before > 0 && linesWritten.get() == before && ctx.events().size() == eventsBefore;
        });
        assertThat(sent.isDone()).as("sender blocked").isFalse();
        assertThat(linesWritten.get()).isLessThan(lines);
        assertThat(ctx.events().size()).as("collected while paused").isLessThan(lines);

        ctx.capacity(true);
        sent.get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> ctx.events().size() >= lines);
        List<LogEvent> events = ctx.events();
        assertThat(events).hasSize(lines);
        for (int i = 0; i < lines; i++) {
            String m = events.get(i).message();
            assertThat(m.substring(0, m.indexOf(' '))).isEqualTo(Integer.toString(i));
        }
    }
}
