package io.sluice.core.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.sluice.api.event.Rejection;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.RateLimitedLog;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RequestTooLargeException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.core.resilience.Backoff;
import io.sluice.core.resilience.SinkCircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives one sink: its bounded buffer, batching, and the one retry mechanism every sink shares —
 * exponential backoff with full jitter, and a circuit breaker. It acts on the output's failure kinds
 * (see {@link Output}): transient failures are retried until they pass or shutdown gives up; a
 * permanent one opens the circuit at once, is logged once and shown in readiness until a probe
 * succeeds; a request refused for its size is resent in halves; events the sink refuses for good go
 * to the dead-letter path; a batch is never failed for one record.
 */
public final class SinkRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);

    private final String id;
    private final Output output;
    private final SinkQueue queue;
    private final boolean dropWhenFull;
    private final int maxEvents;
    private final long maxBytes;
    private final long maxDelayMillis;
    private final Backoff backoff;
    private final SinkCircuitBreaker breaker;
    private final PipelineMetrics metrics;
    private final DeadLetters deadLetters;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private final SinkMeters sinkMeters;
    /** Looked up at the first send, not before: /metrics shows an output's counters once it has sent. */
    private PipelineMetrics.OutCounters out;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong undelivered = new AtomicLong();
    private volatile boolean stopping;
    private volatile String lastError;
    /** What the operator must fix, from a {@link PermanentOutputException}; null once a send succeeds. */
    private final AtomicReference<String> permanentFailure = new AtomicReference<>();
    /** The open circuit's length: how often a permanently failing sink is probed. */
    private final Duration probeEvery;
    /** The buffer passed to a successor: this runner takes nothing more and must not close it. */
    private volatile boolean handedOver;

    /** From now on the successor takes from the buffer; this runner finishes its current group and stops. */
    void handOver() {
        handedOver = true;
        stopping = true;
    }

    public SinkRunner(String id, Output output, Options common, PipelineMetrics metrics, DeadLetters deadLetters,
                      Path bufferDir, io.sluice.core.buffer.MemoryBudget budget) {
        this(id, output, common, metrics, deadLetters,
                SinkQueues.open(id, common.get(SinkOptions.BUFFER_BLOCK), metrics, bufferDir, budget));
    }

    /**
     * A runner for a reconfigured output that continues with its predecessor's buffer (same id,
     * same buffer options): nothing is copied, and a disk buffer's directory stays with one owner.
     */
    static SinkRunner sharingBuffer(SinkRunner previous, Output output, Options common) {
        SinkRunner next = new SinkRunner(previous.id, output, common, previous.metrics, previous.deadLetters, previous.queue);
        next.predecessor = previous;
        return next;
    }

    /** The runner whose buffer this one continues; it finishes its last group before this one takes. */
    private volatile SinkRunner predecessor;
    /** Retries the output's start when it was down at pipeline start; null when started by the caller. */
    private volatile OutputStart starter;

    private SinkRunner(String id, Output output, Options common, PipelineMetrics metrics, DeadLetters deadLetters,
                       SinkQueue queue) {
        this.id = id;
        this.output = output;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.sinkMeters = new SinkMeters(id, metrics.registry());
        Options buffer = common.get(SinkOptions.BUFFER_BLOCK);
        Options batch = common.get(SinkOptions.BATCH_BLOCK);
        Options retry = common.get(SinkOptions.RETRY_BLOCK);
        this.queue = queue;
        this.dropWhenFull = "drop_newest".equals(buffer.get(SinkOptions.BUFFER_WHEN_FULL));
        this.maxEvents = batch.get(SinkOptions.BATCH_MAX_EVENTS);
        this.maxBytes = batch.get(SinkOptions.BATCH_MAX_BYTES);
        this.maxDelayMillis = output.batchesPayOff() || batch.isSet(SinkOptions.BATCH_MAX_DELAY)
                ? batch.get(SinkOptions.BATCH_MAX_DELAY).toMillis() : 0;
        this.backoff = new Backoff(retry.get(SinkOptions.RETRY_INITIAL), retry.get(SinkOptions.RETRY_MAX));
        this.probeEvery = retry.get(SinkOptions.BREAKER_OPEN_FOR);
        this.breaker = new SinkCircuitBreaker(id, retry.get(SinkOptions.BREAKER_FAILURES), probeEvery);
        registerGauges();
    }

    /** Registers this runner's gauges (again, after a reload that replaced it was abandoned). */
    void registerGauges() {
        gauges.add(Gauge.builder("sluice.buffer.bytes", queue, SinkQueue::bytes).tag("output", id).register(metrics.registry()));
        gauges.add(Gauge.builder("sluice.buffer.max.bytes", queue, SinkQueue::maxBytes).tag("output", id).register(metrics.registry()));
        gauges.add(Gauge.builder("sluice.sink.circuit.state", breaker, SinkCircuitBreaker::stateCode)
                .description("0 closed, 1 open, 2 half-open").tag("output", id).register(metrics.registry()));
    }

    private final List<io.micrometer.core.instrument.Meter> gauges = new ArrayList<>();

    /** Removes this runner's gauges, so a replacement with the same id reports its own state. */
    void unregisterGauges() {
        for (var g : gauges) metrics.registry().remove(g);
        gauges.clear();
    }

    /** How long a partial batch waits for more events: batch.max_delay, or 0 for an output batching does not pay off for. */
    long maxDelayMillis() {
        return maxDelayMillis;
    }

    public String id() {
        return id;
    }

    Output output() {
        return output;
    }

    /** Starts the output (or, when it is down, leaves retrying it to the sink threads), then the threads. */
    void start(io.sluice.api.plugin.OutputContext context) {
        OutputStart s = new OutputStart(id, output, context, backoff);
        s.tryOnce();
        starter = s;
        start();
    }

    /** Starts the threads of an output its caller already started. */
    void start() {
        int n = Math.max(1, output.concurrency());
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(this::run, "sink-" + id + (n > 1 ? "-" + i : ""));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** Called by workers in source order; blocks while the buffer is full (policy block). */
    void put(SinkSlice batch) throws InterruptedException {
        if (dropWhenFull) {
            if (!queue.offer(batch)) {
                metrics.dropped("output." + id, "buffer_full", batch.size());
                rateLimited.warn("full-" + id, "output {}: buffer full ({} bytes), dropping new events as configured "
                        + "(when_full: drop_newest); the sink is not keeping up, or the buffer is too small", id, queue.maxBytes());
                batch.batch.delivered();
            }
            return;
        }
        if (!queue.put(batch)) { // closed while waiting: shutdown gave up on this sink
            undelivered.addAndGet(batch.size());
            batch.batch.delivered();
        }
    }

    private void run() {
        try {
            SinkRunner before = predecessor;
            if (before != null) {
                // never two writers at once: the old output finishes its last group (retrying as long as it must)
                while (!before.awaitThreads(1000)) {
                    if (stopping && !handedOver) before.abandonRemaining();
                }
                predecessor = null;
            }
            OutputStart s = starter;
            if (s != null && !s.awaitStarted(() -> abandoned)) return; // shutdown gave up: abandonRemaining counted the rest
            int readFailures = 0;
            while (!handedOver && (!stopping || !queue.isEmpty())) {
                List<SinkSlice> group;
                try {
                    group = queue.takeGroup(100, maxDelayMillis, maxEvents, maxBytes);
                    readFailures = 0;
                } catch (RuntimeException e) {
                    unexpected("reading its buffer", e);
                    if (abandon()) return;
                    Thread.sleep(backoff.delayMillis(readFailures++));
                    continue;
                }
                if (group.isEmpty()) continue;
                SendGroup batch = new SendGroup(group);
                boolean done = deliverDespiteBugs(batch);
                if (done) {
                    sinkMeters.acknowledged(batch.event(0).createdNanos());
                } else if (queue.keepsUndelivered()) {
                    // shutdown gave up on the sink; the records stay unacknowledged on disk for the next start
                    LOG.info("output {}: {} events stay in the disk buffer for the next start", id, batch.size());
                    keptInBuffer.addAndGet(batch.size());
                    continue;
                } else {
                    undelivered.addAndGet(batch.size());
                }
                for (SinkSlice b : group) {
                    try {
                        b.batch.delivered();
                    } catch (RuntimeException e) {
                        // the events are delivered; what failed is telling their input (an acknowledgement)
                        unexpected("completing a delivered group", e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@link #deliverWithinLimits} with every unexpected failure (a bug in an output or in Sluice, not
     * one of the output failure kinds) treated as a failed send: counted, shown in health, and the
     * group retried with backoff; the thread never dies with a group in hand.
     */
    private boolean deliverDespiteBugs(SendGroup batch) throws InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                return deliverWithinLimits(batch);
            } catch (RuntimeException e) {
                sendStarted = 0;
                unexpected("sending a group of " + batch.size() + " events", e);
                failed();
                if (abandon()) return false;
                Thread.sleep(backoff.delayMillis(attempt++));
            }
        }
    }

    /** A failure no output failure kind explains: a bug, counted and logged; the output's health shows it for a while. */
    private void unexpected(String what, RuntimeException e) {
        metrics.sinkFailedUnexpectedly(id);
        lastError = e.toString();
        lastUnexpectedNanos = System.nanoTime();
        rateLimited.error("bug-" + id, "output {}: unexpected failure while {}; this is a bug, please report it. "
                + "The sink thread carries on (retrying what it holds)", id, what, e);
    }

    /** When {@link #unexpected} last happened (System.nanoTime), 0 never. */
    private volatile long lastUnexpectedNanos;
    /** How long the output's health stays Degraded after an unexpected failure. */
    private static final long UNEXPECTED_SHOWN_NANOS = TimeUnit.MINUTES.toNanos(5);
    /** Events left unacknowledged in the disk buffer when shutdown gave up on this sink. */
    private final AtomicLong keptInBuffer = new AtomicLong();

    /** Sends until every event is delivered or dead-lettered; false only when shutdown abandoned it. */
    private boolean deliver(SendGroup batch) throws InterruptedException {
        int attempt = 0;
        SendGroup pending = batch;
        while (true) {
            if (!breaker.tryAcquire()) {
                if (abandon()) return false;
                Thread.sleep(Math.min(1000, backoff.ceilingMillis(attempt)));
                continue;
            }
            long t0 = System.nanoTime();
            sendStarted = t0;
            long serverWaitMillis = 0;
            try {
                SendResult result = output.send(pending);
                sinkMeters.sent(pending.size(), System.nanoTime() - t0);
                if (result.toRetry().cardinality() == pending.size()) {
                    // nothing got through: as far as the circuit breaker is concerned, the send failed
                    breaker.failure(System.nanoTime() - t0, new RetriableException("every event was returned for retry"));
                    failed();
                } else {
                    breaker.success(System.nanoTime() - t0);
                    lastError = null;
                    failingSince = 0;
                    if (permanentFailure.getAndSet(null) != null) {
                        LOG.info("output {}: sends succeed again; the circuit is closed", id);
                    }
                }
                int refused = 0;
                for (SendResult.Refusal r : result.refused()) {
                    refused++;
                    deadLetters.submitRefused(pending.event(r.index()),
                            new Rejection("output." + id, r.type() == null ? Rejection.REFUSED_BY_SINK : r.type(), r.reason()));
                }
                int retry = result.toRetry().cardinality();
                long notOut = 0; // bytes of events retried or refused: not delivered by this send
                for (int i = result.toRetry().nextSetBit(0); i >= 0; i = result.toRetry().nextSetBit(i + 1)) {
                    if (i < pending.size()) notOut += pending.jsonLength(i);
                }
                for (SendResult.Refusal r : result.refused()) notOut += pending.jsonLength(r.index());
                if (out == null) out = metrics.out(id);
                out.add(pending.size() - retry - refused, pending.byteSize() - notOut);
                sendStarted = 0;
                if (retry == 0) return true;
                pending = pending.subset(result.toRetry());
                metrics.retry(id);
                rateLimited.warn("partial-" + id, "output {}: {} events were not accepted this time and are retried", id, retry);
            } catch (InterruptedException e) {
                throw e;
            } catch (RequestTooLargeException e) {
                // the target answered: says nothing about its health, and resending unchanged cannot pass
                breaker.release();
                sendStarted = 0;
                return deliverInHalves(pending, e);
            } catch (RetriableException e) {
                breaker.failure(System.nanoTime() - t0, e);
                sinkMeters.failed(System.nanoTime() - t0);
                metrics.retry(id);
                lastError = e.getMessage();
                failed();
                serverWaitMillis = Math.min(e.retryAfter().toMillis(), MAX_SERVER_WAIT_MILLIS);
                rateLimited.warn("retry-" + id, "output {}: send failed, retrying with backoff: {}", id, e.getMessage());
            } catch (PermanentOutputException e) {
                breaker.failurePermanently(System.nanoTime() - t0, e);
                sinkMeters.failed(System.nanoTime() - t0);
                metrics.retry(id);
                lastError = e.getMessage();
                failed();
                if (permanentFailure.getAndSet(e.getMessage()) == null) {
                    LOG.error("output {}: {}. Sending stops until this is fixed: Sluice probes every {} ms "
                            + "(retry.circuit_open_for) and resumes by itself; events wait in the buffer",
                            id, e.getMessage(), probeEvery.toMillis());
                }
            } catch (Exception e) {
                breaker.failure(System.nanoTime() - t0, e);
                sinkMeters.failed(System.nanoTime() - t0);
                metrics.retry(id);
                lastError = e.toString();
                failed();
                rateLimited.error("fail-" + id, "output {}: send failed with an error that may need the operator "
                        + "(check the sink's configuration and credentials); retrying: {}", id, e.toString());
            }
            sendStarted = 0;
            if (abandon()) return false;
            Thread.sleep(Math.max(backoff.delayMillis(attempt++), serverWaitMillis));
        }
    }

    /** A target's Retry-After is honoured up to this, so a wrong header cannot park a sink for hours. */
    private static final long MAX_SERVER_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(10);

    /**
     * One routed slice may hold more events than {@code batch.max_events} (or bytes than
     * {@code batch.max_bytes}): the group is sent in consecutive pieces within both limits, in order.
     */
    private boolean deliverWithinLimits(SendGroup batch) throws InterruptedException {
        if (batch.size() <= maxEvents && batch.byteSize() <= maxBytes) return deliver(batch);
        int from = 0;
        while (from < batch.size()) {
            int to = from;
            long bytes = 0;
            while (to < batch.size() && to - from < maxEvents && (to == from || bytes + batch.jsonLength(to) <= maxBytes)) {
                bytes += batch.jsonLength(to++);
            }
            BitSet piece = new BitSet();
            piece.set(from, to);
            if (!deliver(batch.subset(piece))) return false;
            from = to;
        }
        return true;
    }

    /**
     * The target refused {@code batch} for its size: delivers its halves in order, each split again if
     * still refused; an event refused alone goes to the dead-letter path with the target's reason.
     */
    private boolean deliverInHalves(SendGroup batch, RequestTooLargeException e) throws InterruptedException {
        if (batch.size() == 1) {
            deadLetters.submitRefused(batch.event(0), new Rejection("output." + id, Rejection.TOO_LARGE, e.getMessage()));
            return true;
        }
        rateLimited.warn("too-large-" + id, "output {}: the target refused {} events ({} bytes) as too large; "
                + "sending them in halves: {}", id, batch.size(), batch.byteSize(), e.getMessage());
        int half = batch.size() / 2;
        BitSet first = new BitSet();
        first.set(0, half);
        BitSet second = new BitSet();
        second.set(half, batch.size());
        return deliver(batch.subset(first)) && deliver(batch.subset(second));
    }

    /** During a shutdown past its deadline, retries stop. */
    private volatile boolean abandoned;

    private boolean abandon() {
        return abandoned;
    }

    /** When the send in progress started (System.nanoTime), 0 when none is. */
    private volatile long sendStarted;

    /**
     * Liveness: every sink thread runs, and no send has hung for longer than {@code limitNanos}
     * (sends are bounded by the sinks' own timeouts; one that never returns needs a restart).
     */
    ComponentHealth liveness(long limitNanos) {
        for (Thread t : threads) {
            if (!t.isAlive() && !stopping) return ComponentHealth.failing("output." + id, "sink thread " + t.getName() + " died");
        }
        long started = sendStarted;
        if (started != 0 && System.nanoTime() - started > limitNanos) {
            return ComponentHealth.failing("output." + id, "a send has not returned for "
                    + (System.nanoTime() - started) / 1_000_000_000L + " s: the sink is wedged");
        }
        return ComponentHealth.ok("output." + id);
    }

    /**
     * The output's health: Unhealthy while it fails permanently or its circuit is open; Degraded
     * once it has been retrying for {@code degradedAfter} (it still delivers when the target comes
     * back, but someone should look); Healthy otherwise.
     */
    public ComponentHealth health() {
        String name = "output." + id;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("circuit", breaker.state());
        long since = failingSince;
        long retryingMillis = since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        data.put("retrying_for_ms", retryingMillis);
        String error = lastError;
        if (error != null) data.put("last_error", error);
        OutputStart s = starter;
        String notStarted = s == null ? null : s.failure();
        if (notStarted != null) {
            return ComponentHealth.failing(name, "cannot start, retrying with backoff (events wait in its "
                    + "buffer): " + notStarted, data);
        }
        String permanent = permanentFailure.get();
        if (permanent != null) {
            return ComponentHealth.failing(name, "failing until the operator acts: " + permanent
                    + " (probed every " + probeEvery.toMillis() + " ms)", data);
        }
        if (breaker.isOpen()) {
            return ComponentHealth.failing(name, "circuit open after repeated failures: " + error, data);
        }
        if (since != 0 && retryingMillis >= degradedAfter.toMillis()) {
            return ComponentHealth.degraded(name, "retrying for " + retryingMillis / 1000 + " s: " + error, data);
        }
        long bug = lastUnexpectedNanos;
        if (bug != 0 && System.nanoTime() - bug < UNEXPECTED_SHOWN_NANOS) {
            return ComponentHealth.degraded(name, "an unexpected failure (a bug) "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - bug) + " s ago; the sink carries on: " + error, data);
        }
        return ComponentHealth.ok(name, data);
    }

    /**
     * The buffer's health: Degraded above 80% of {@code buffer.max_bytes} (the sink is falling
     * behind), Unhealthy above 90% (close to pushing back on inputs or dropping).
     */
    public ComponentHealth bufferHealth() {
        String name = "buffer." + id;
        long used = queue.bytes();
        long max = queue.maxBytes();
        Map<String, Object> data = Map.of("bytes", used, "max_bytes", max);
        if (used > max * 9 / 10) {
            return ComponentHealth.failing(name, "buffer above 90% (" + used + " of " + max
                    + " bytes): the sink is not keeping up", data);
        }
        if (used > max * 8 / 10) {
            return ComponentHealth.degraded(name, "buffer above 80% (" + used + " of " + max + " bytes)", data);
        }
        return ComponentHealth.ok(name, data);
    }

    /** When sends started failing without a success since (System.nanoTime), 0 while they succeed. */
    private volatile long failingSince;
    /** How long an output may retry before its health says Degraded. */
    private volatile Duration degradedAfter = Duration.ofMinutes(2);

    void degradedAfter(Duration retrying) {
        this.degradedAfter = retrying;
    }

    private void failed() {
        if (failingSince == 0) failingSince = System.nanoTime();
    }

    public String circuitState() {
        return breaker.state();
    }

    long bufferedBytes() {
        return queue.bytes();
    }

    /** Finish what is buffered, then stop. */
    void stopWhenDrained() {
        stopping = true;
    }

    /** Stop retrying and drop what is left (counted); used when the shutdown timeout passed. */
    void abandonRemaining() {
        abandoned = true;
        stopping = true;
        for (SinkSlice b : queue.abandon()) {
            undelivered.addAndGet(b.size());
            b.batch.delivered();
        }
    }

    /** Closes the buffer (a disk buffer forces and persists its read position), unless it was handed over. */
    void closeBuffer() {
        if (handedOver) return;
        try {
            keptRecords = queue.unacknowledgedRecords();
            queue.close();
        } catch (java.io.IOException e) {
            LOG.warn("output {}: closing its buffer failed: {}", id, e.toString());
        }
    }

    boolean awaitThreads(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : threads) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) t.join(left);
            if (t.isAlive()) return false;
        }
        return true;
    }

    void interrupt() {
        threads.forEach(Thread::interrupt);
    }

    /**
     * What this sink's disk buffer keeps for the next start: the events shutdown gave up sending, and
     * the buffer records not yet acknowledged when the buffer closed (each holds one or more events).
     */
    public record Kept(long events, long records) {}

    /** What the buffer kept at close (see {@link Kept}); zeros for a memory buffer or before close. */
    public Kept kept() {
        return new Kept(keptInBuffer.get(), keptRecords);
    }

    private volatile long keptRecords;

    /** Events this sink could not deliver before shutdown gave up. */
    public long undelivered() {
        return undelivered.get();
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
