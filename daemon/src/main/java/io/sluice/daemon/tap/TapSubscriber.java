package io.sluice.daemon.tap;

import io.sluice.api.framing.HeldBytes;
import io.sluice.core.pipeline.RoutedBatch;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One open tap: picks the events it asked for, every {@code sample}-th, until {@code limit}, and
 * copies their JSON into a bounded queue its HTTP stream drains. Called on pipeline threads: it
 * never blocks; when the client reads too slowly the queue is full and events are dropped for the
 * tap only (counted in {@code sluice.tap.dropped}). What waits in the queue is also charged to the
 * pipeline's held-bytes account, beside the inputs' partial lines: when that is full, the tap drops.
 * {@link #close} gives back what is still queued.
 */
public final class TapSubscriber {
    /** Events waiting for the client; small, so a stalled client costs little memory. */
    static final int QUEUE_EVENTS = 1024;
    /** Bytes waiting for the client at most, whatever the events' size (1,024 large events could be a GiB). */
    static final long QUEUE_BYTES = 4L * 1024 * 1024;
    /** Sink filter meaning "events a stage refused". */
    static final String DEAD_LETTER = "dead_letter";

    private final TapRequest request;
    /** Called for each event this tap skips (counted and reported by the hub). */
    private final Runnable dropped;
    private final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_EVENTS);
    private final AtomicLong matched = new AtomicLong();
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final HeldBytes account;
    private volatile boolean closed;

    TapSubscriber(TapRequest request, Runnable dropped, HeldBytes account) {
        this.request = request;
        this.dropped = dropped;
        this.account = account;
    }

    public TapRequest request() {
        return request;
    }

    void routed(RoutedBatch b) {
        if (request.input() != null && !request.input().equals(b.inputId())) return;
        String sink = request.sink();
        boolean deadLetters = DEAD_LETTER.equals(sink);
        int sinkIndex = sink == null || deadLetters ? -1 : b.outputIndex(sink);
        for (int i = 0; i < b.size(); i++) {
            if (sink != null && !(deadLetters ? b.deadLettered(i) : b.routedTo(i, sinkIndex))) continue;
            if ((matched.getAndIncrement() % request.sample()) != 0) continue;
            if (!reserve()) return;
            int length = b.jsonLength(i);
            if (queuedBytes.addAndGet(length) > QUEUE_BYTES) {
                queuedBytes.addAndGet(-length);
                drop();
                continue;
            }
            if (!account.tryCharge(length)) {
                queuedBytes.addAndGet(-length);
                drop();
                continue;
            }
            byte[] json = Arrays.copyOfRange(b.jsonArray(), b.jsonOffset(i), b.jsonOffset(i) + length);
            if (!queue.offer(json)) {
                queuedBytes.addAndGet(-length);
                account.release(length);
                drop();
            }
        }
        if (closed) drain(); // closed while this batch was being queued: give that back too
    }

    private void drop() {
        taken.decrementAndGet();
        dropped.run();
    }

    /** The client went away: gives back what its queue holds. */
    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        while (poll() != null) {
            // each poll gives its bytes back
        }
    }

    /** Counts an event against the limit; false once the limit is reached (several sources may race here). */
    private boolean reserve() {
        int t;
        do {
            t = taken.get();
            if (t >= request.limit()) return false;
        } while (!taken.compareAndSet(t, t + 1));
        return true;
    }

    /** The next event's JSON, or null when none is waiting. */
    public byte[] poll() {
        byte[] json = queue.poll();
        if (json != null) {
            queuedBytes.addAndGet(-json.length);
            account.release(json.length);
        }
        return json;
    }

    /** The limit is reached and the client has everything. */
    public boolean finished() {
        return taken.get() >= request.limit() && queue.isEmpty();
    }
}
