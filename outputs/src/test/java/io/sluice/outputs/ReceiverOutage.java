package io.sluice.outputs;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.core.testkit.TestBatches;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP outputs' fault run: a stream of numbered events sent batch after batch through an output,
 * the receiver taken down mid-stream for a while and brought back on the same port. A loop stands in
 * for the sink runner (resend the whole batch on a retriable failure, the marked events on a partial
 * one, never skip ahead), so the unacknowledged window is one batch: afterwards every event must have
 * arrived, and only events of the batch in flight when the receiver went down may have arrived twice.
 */
public final class ReceiverOutage {
    /** Starts a receiver on the test's fixed port; closing it takes it down. */
    public interface Receivers {
        AutoCloseable start() throws Exception;
    }

    private static final Pattern ID = Pattern.compile("outage-event-(\\d+)-end");

    private final int events;
    private final int batchSize;
    private final AtomicInteger batchesDone = new AtomicInteger();
    private final AtomicInteger retriableFailures = new AtomicInteger();
    private final List<SendResult.Refusal> refused = new ArrayList<>();

    public ReceiverOutage(int events, int batchSize) {
        this.events = events;
        this.batchSize = batchSize;
    }

    /** The message of event {@code n}, as the receivers must find it in the request bodies. */
    public static String message(int n) {
        return "outage-event-" + n + "-end";
    }

    /**
     * Runs the stream, takes the receiver down after a few batches for {@code down}, brings it back,
     * and checks what arrived in {@code bodies} (every request body the receivers recorded, decoded).
     */
    public void run(Output out, Receivers receivers, Duration down, Supplier<Collection<String>> bodies) throws Exception {
        AutoCloseable receiver = receivers.start();
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            try {
                sendAll(out);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> batchesDone.get() >= 5);
        receiver.close();
        int doneAtStop = batchesDone.get();
        Thread.sleep(down.toMillis());
        assertThat(batchesDone.get()).as("nothing is acknowledged while the receiver is down").isLessThanOrEqualTo(doneAtStop + 1);
        assertThat(retriableFailures.get()).as("the outage was seen as retriable failures").isPositive();
        receiver = receivers.start();
        try {
            stream.get(2, TimeUnit.MINUTES);
        } finally {
            receiver.close();
        }
        assertThat(refused).as("nothing dead-lettered").isEmpty();
        check(bodies.get());
    }

    private void sendAll(Output out) throws Exception {
        for (int first = 0; first < events; first += batchSize) {
            List<LogEvent> pending = new ArrayList<>();
            for (int n = first; n < Math.min(events, first + batchSize); n++) {
                pending.add(TestBatches.event("outage", message(n), n));
            }
            while (!pending.isEmpty()) {
                SendResult r;
                try {
                    r = out.send(TestBatches.of(pending));
                } catch (RetriableException e) {
                    retriableFailures.incrementAndGet();
                    Thread.sleep(Math.max(200, Math.min(1000, e.retryAfter().toMillis())));
                    continue;
                }
                refused.addAll(r.refused());
                List<LogEvent> again = new ArrayList<>();
                r.toRetry().stream().forEach(i -> again.add(pending.get(i)));
                if (!again.isEmpty()) {
                    retriableFailures.incrementAndGet();
                    Thread.sleep(200);
                }
                pending.clear();
                pending.addAll(again);
            }
            batchesDone.incrementAndGet();
            Thread.sleep(20);
        }
    }

    private void check(Collection<String> bodies) {
        Map<Integer, Integer> arrivals = new HashMap<>();
        for (String body : bodies) {
            Set<Integer> inRequest = new HashSet<>();
            Matcher m = ID.matcher(body);
            while (m.find()) inRequest.add(Integer.parseInt(m.group(1)));
            inRequest.forEach(n -> arrivals.merge(n, 1, Integer::sum));
        }
        List<Integer> missing = new ArrayList<>();
        Set<Integer> duplicatedBatches = new HashSet<>();
        for (int n = 0; n < events; n++) {
            int count = arrivals.getOrDefault(n, 0);
            if (count == 0) missing.add(n);
            if (count > 1) duplicatedBatches.add(n / batchSize);
        }
        assertThat(missing).as("events lost").isEmpty();
        assertThat(duplicatedBatches).as("duplicates only within the unacknowledged window: the batch in flight at the outage")
                .hasSizeLessThanOrEqualTo(1);
    }
}
