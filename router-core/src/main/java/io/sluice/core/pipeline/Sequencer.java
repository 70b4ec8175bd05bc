package io.sluice.core.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * Puts one source's batches back into their original order. Workers finish batches in any order;
 * each finished batch is offered with its number (0, 1, 2, … as the source published them), and
 * the sequencer hands every batch that is now next in line downstream, on the offering thread.
 *
 * <p>Downstream runs under the sequencer's lock, so it sees one batch at a time in number order;
 * when it blocks (a full sink buffer), the workers finishing later batches of this source wait too,
 * which is how a slow sink pushes back.
 *
 * @param <T> what is ordered ({@link EventBatch} in the pipeline)
 */
final class Sequencer<T> {
    /** Receives batches in order. */
    @FunctionalInterface
    interface Downstream<T> {
        void accept(T batch) throws InterruptedException;
    }

    private final Downstream<T> downstream;
    private final Map<Long, T> waiting = new HashMap<>();
    private long next;

    Sequencer(Downstream<T> downstream) {
        this.downstream = downstream;
    }

    /** Batch {@code number} is finished: passes it, and every batch it was holding up, downstream. */
    void offer(long number, T batch) throws InterruptedException {
        synchronized (waiting) {
            waiting.put(number, batch);
            T ready;
            while ((ready = waiting.remove(next)) != null) {
                next++;
                downstream.accept(ready);
            }
        }
    }
}
