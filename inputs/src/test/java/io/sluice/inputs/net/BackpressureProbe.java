package io.sluice.inputs.net;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backpressure check for any stream listener: with the pipeline's capacity off, a sender of far
 * more data than the socket buffers hold must stall (the input stopped reading); with capacity back,
 * every record arrives once, in order. Record {@code i}'s message must start with {@code "i "}.
 */
public final class BackpressureProbe {
    private BackpressureProbe() {}

    /** @param record the bytes on the wire for record {@code i} (about 1 KB each, framed) */
    public static void run(ExecutorService sender, CollectingInputContext ctx, Callable<Socket> connect,
                           int records, IntFunction<byte[]> record) throws Exception {
        ctx.capacity(false);
        AtomicLong written = new AtomicLong();
        Future<?> sent = sender.submit(() -> {
            try (Socket s = connect.call()) {
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < records; i++) {
                    out.write(record.apply(i));
                    written.incrementAndGet();
                }
                out.flush();
            }
            return null;
        });

        // the sender stalls: its writes stop making progress while the input is not reading
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            long before = written.get();
            int eventsBefore = ctx.events().size();
            Thread.sleep(700);
            return before > 0 && written.get() == before && ctx.events().size() == eventsBefore;
        });
        assertThat(sent.isDone()).as("sender blocked").isFalse();
        assertThat(written.get()).isLessThan(records);
        assertThat(ctx.events().size()).as("collected while paused").isLessThan(records);

        ctx.capacity(true);
        sent.get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> ctx.events().size() >= records);
        List<LogEvent> events = ctx.events();
        assertThat(events).hasSize(records);
        for (int i = 0; i < records; i++) {
            String m = events.get(i).message();
            assertThat(m.substring(0, m.indexOf(' '))).isEqualTo(Integer.toString(i));
        }
    }
}
