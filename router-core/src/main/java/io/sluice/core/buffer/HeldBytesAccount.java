package io.sluice.core.buffer;

import io.sluice.api.framing.HeldBytes;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pipeline's one account of bytes held for clients outside the in-flight bytes
 * ({@code pipeline.held_bytes}): every input's partial lines and events being joined. Unlike
 * {@link InFlightGate} it never makes anyone wait (a connection paused while holding half a line
 * could wait for ever): a charge that does not fit is refused, and counted, and the holder cuts its
 * record. Lock-free: charged from every event loop.
 */
public final class HeldBytesAccount implements HeldBytes {
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final LongAdder refused = new LongAdder();

    public HeldBytesAccount(long limit) {
        this.limit = limit;
    }

    @Override
    public boolean tryCharge(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > limit) {
                refused.increment();
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    @Override
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }

    /** Charges refused so far: each is a record cut short because the account was full. */
    public long refused() {
        return refused.sum();
    }
}
