package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.core.testkit.TestBatches;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for the core's retry loop in tests: sends a batch, resends what the output hands back
 * (the whole batch on a {@link RetriableException}, the marked events otherwise) after a short pause,
 * and collects what it refused.
 */
final class RetryingSender {
    private final Output output;
    private final List<SendResult.Refusal> refused = new ArrayList<>();
    private int retriableFailures;

    RetryingSender(Output output) {
        this.output = output;
    }

    /** Delivers every event or refuses it; fails when that takes longer than {@code limit}. */
    void deliver(List<LogEvent> events, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        List<LogEvent> pending = events;
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError(pending.size() + " events still undelivered after " + limit);
            SendResult result;
            try {
                result = output.send(TestBatches.of(pending));
            } catch (RetriableException e) {
                retriableFailures++;
                Thread.sleep(500);
                continue;
            }
            List<LogEvent> again = new ArrayList<>();
            for (int i = result.toRetry().nextSetBit(0); i >= 0; i = result.toRetry().nextSetBit(i + 1)) {
                again.add(pending.get(i));
            }
            for (SendResult.Refusal r : result.refused()) {
                refused.add(new SendResult.Refusal(events.indexOf(pending.get(r.index())), r.type(), r.reason()));
            }
            if (!again.isEmpty()) {
                retriableFailures++;
                Thread.sleep(500);
            }
            pending = again;
        }
    }

    /** Refusals, with indexes into the events first given to {@link #deliver}. */
    List<SendResult.Refusal> refused() {
        return refused;
    }

    int retriableFailures() {
        return retriableFailures;
    }
}
