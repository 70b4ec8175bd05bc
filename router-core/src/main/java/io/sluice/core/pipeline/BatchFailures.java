package io.sluice.core.pipeline;

import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.RateLimitedLog;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures of a whole batch inside the pipeline after its records were decoded (transforms, encoding,
 * routing, the tap): a bug, but one that must not lose the batch nor wedge its source. The caller
 * dead-letters the batch's events; this counts the failure ({@code sluice_pipeline_batch_failures_total{stage}}),
 * logs it (rate limited) and keeps the worker pool's health Degraded for a while after the last one.
 */
final class BatchFailures {
    /** Rejection type of events dead-lettered because the pipeline itself failed on their batch. */
    static final String INTERNAL_ERROR = "internal_error";
    private static final RateLimitedLog LOG = new RateLimitedLog(LoggerFactory.getLogger(BatchFailures.class), 10_000);

    private final PipelineMetrics metrics;
    private final AtomicLong total = new AtomicLong();
    private volatile long lastNanos;
    private volatile String lastError;
    private volatile Duration degradedFor = Duration.ofMinutes(5);

    BatchFailures(PipelineMetrics metrics) {
        this.metrics = metrics;
    }

    /** The pipeline failed on a batch of {@code events} events at {@code stage}; {@code outcome}: what became of them. */
    void record(String stage, int events, Throwable failure, String outcome) {
        metrics.batchFailed(stage);
        total.incrementAndGet();
        lastError = stage + ": " + failure;
        lastNanos = System.nanoTime();
        LOG.error("batch-" + stage, "the pipeline failed on a batch of {} events at {} ({}); this is a bug, please "
                + "report it. {}; later batches continue", events, stage, failure.toString(), outcome, failure);
    }

    /** The rejection every event of a failed batch is dead-lettered with. */
    static io.sluice.api.event.Rejection rejection(String stage, Throwable failure) {
        return new io.sluice.api.event.Rejection(stage, INTERNAL_ERROR, INTERNAL_ERROR + ": " + failure);
    }

    void degradedFor(Duration d) {
        this.degradedFor = d;
    }

    /** Degraded while the last failure is recent, else {@code healthy}. */
    ComponentHealth health(String component, Map<String, Object> data, ComponentHealth healthy) {
        long last = lastNanos;
        if (last == 0 || System.nanoTime() - last > degradedFor.toNanos()) return healthy;
        long agoSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - last);
        return ComponentHealth.degraded(component, total.get() + " batch(es) failed inside the pipeline (see "
                + "sluice_pipeline_batch_failures_total), the last " + agoSeconds + " s ago (" + lastError + ")", data);
    }
}
