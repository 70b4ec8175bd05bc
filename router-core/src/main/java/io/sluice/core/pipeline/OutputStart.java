package io.sluice.core.pipeline;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.core.resilience.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * The one start-up rule for sinks: a sink that is down when Sluice starts (Elasticsearch unreachable,
 * a directory not writable) is a readiness matter and a retry, never a failed start. The first
 * attempt runs at pipeline start; if it fails, the sink's threads retry with backoff while the
 * events routed to it wait in its buffer, and readiness names the reason until a start succeeds.
 */
final class OutputStart {
    private static final Logger LOG = LoggerFactory.getLogger(OutputStart.class);

    private final String id;
    private final Output output;
    private final OutputContext context;
    private final Backoff backoff;
    private volatile boolean started;
    /** Why the last attempt failed; null once started. */
    private volatile String failure;

    OutputStart(String id, Output output, OutputContext context, Backoff backoff) {
        this.id = id;
        this.output = output;
        this.context = context;
        this.backoff = backoff;
    }

    /** A start that needs no attempt: the output was started by its caller (a reload, a test). */
    static OutputStart alreadyStarted(String id, Output output) {
        OutputStart s = new OutputStart(id, output, null, null);
        s.started = true;
        return s;
    }

    /** The first attempt, on the starting thread; a failure is logged and left to {@link #awaitStarted}. */
    void tryOnce() {
        if (attempt() || failure == null) return;
        LOG.warn("output {}: cannot start: {}; inputs open anyway, events for it wait in its buffer and the "
                + "start is retried with backoff (readiness names it until then)", id, failure);
    }

    /**
     * Blocks the calling sink thread until the output started, retrying with backoff; false when
     * {@code giveUp} says the pipeline stopped waiting for it.
     */
    synchronized boolean awaitStarted(BooleanSupplier giveUp) throws InterruptedException {
        for (int n = 0; !started; n++) {
            if (giveUp.getAsBoolean()) return false;
            long until = System.currentTimeMillis() + backoff.delayMillis(n);
            while (System.currentTimeMillis() < until) {
                if (giveUp.getAsBoolean()) return false;
                Thread.sleep(Math.min(200, Math.max(1, until - System.currentTimeMillis())));
            }
            if (attempt()) LOG.info("output {}: started after {} failed attempts", id, n + 1);
        }
        return true;
    }

    private synchronized boolean attempt() {
        if (started) return true;
        try {
            output.start(context);
            started = true;
            failure = null;
            return true;
        } catch (Exception e) {
            failure = e.getMessage() != null ? e.getMessage() : e.toString();
            return false;
        }
    }

    boolean started() {
        return started;
    }

    /** Why the output has not started yet, or null. */
    String failure() {
        return started ? null : failure;
    }
}
