package io.sluice.daemon.tap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.RouteTap;
import io.sluice.core.pipeline.RoutedBatch;
import io.sluice.core.pipeline.SinkRunner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The open taps of {@code GET /tap}. Installs itself on the pipeline only while at least one tap
 * is open, so without taps the router pays one volatile read per batch and nothing else.
 */
public final class TapHub implements RouteTap {
    /** The health component of the taps: Degraded while a tap dropped events within {@link #DROP_WINDOW}. */
    public static final String COMPONENT = "admin.tap";
    static final Duration DROP_WINDOW = Duration.ofMinutes(1);
    private final Supplier<Pipeline> pipeline;
    private final Supplier<Set<String>> inputIds;
    private final Counter dropped;
    private final List<TapSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final int maxTaps;
    /** System.nanoTime() of the last drop; meaningful once {@link #dropped} moved. */
    private volatile long lastDropNanos;

    public TapHub(Supplier<Pipeline> pipeline, Supplier<Set<String>> inputIds, MeterRegistry meters) {
        this(pipeline, inputIds, meters, 8);
    }

    /** @param maxTaps open taps at most: each costs a copy of its events on the pipeline's threads */
    public TapHub(Supplier<Pipeline> pipeline, Supplier<Set<String>> inputIds, MeterRegistry meters, int maxTaps) {
        this.maxTaps = maxTaps;
        this.pipeline = pipeline;
        this.inputIds = inputIds;
        this.dropped = Counter.builder("sluice.tap.dropped")
                .description("events a live tap skipped because its client read too slowly; sinks are not affected")
                .register(meters);
    }

    /** Opens a tap; throws {@link IllegalArgumentException} naming an unknown input or sink. */
    public synchronized TapSubscriber subscribe(TapRequest request) {
        Pipeline p = pipeline.get();
        if (p == null) throw new IllegalStateException("the pipeline is not running");
        if (subscribers.size() >= maxTaps) {
            throw new IllegalStateException(maxTaps + " taps are open, the most at once; close one and try again");
        }
        Set<String> inputs = inputIds.get();
        if (request.input() != null && !inputs.contains(request.input())) {
            throw new IllegalArgumentException("input: no input '" + request.input() + "'; inputs are " + inputs);
        }
        List<String> sinks = p.sinks().stream().map(SinkRunner::id).toList();
        if (request.sink() != null && !sinks.contains(request.sink()) && !TapSubscriber.DEAD_LETTER.equals(request.sink())) {
            throw new IllegalArgumentException("sink: no output '" + request.sink() + "'; outputs are " + sinks
                    + " (or dead_letter for refused events)");
        }
        TapSubscriber s = new TapSubscriber(request, this::dropOne, p.heldBytes());
        subscribers.add(s);
        p.tap(this);
        return s;
    }

    public synchronized void unsubscribe(TapSubscriber s) {
        subscribers.remove(s);
        s.close();
        Pipeline p = pipeline.get();
        if (subscribers.isEmpty() && p != null) p.tap(null);
    }

    private void dropOne() {
        dropped.increment();
        lastDropNanos = System.nanoTime();
    }

    /**
     * Degraded while a tap dropped events in the last minute: someone watching /tap misses events
     * (the sinks do not). Never Unhealthy, and not on the delivery path, so readiness ignores it.
     */
    public ComponentHealth health() {
        long total = (long) dropped.count();
        Map<String, Object> data = Map.of("open_taps", subscribers.size(), "dropped_total", total);
        if (total == 0) return ComponentHealth.ok(COMPONENT, data);
        long ago = System.nanoTime() - lastDropNanos;
        if (ago >= DROP_WINDOW.toNanos()) return ComponentHealth.ok(COMPONENT, data);
        return ComponentHealth.degraded(COMPONENT, "a /tap client reads too slowly: its tap dropped events "
                + Duration.ofNanos(ago).toSeconds() + "s ago (sluice_tap_dropped_total " + total
                + "); the sinks are not affected", data);
    }

    public int open() {
        return subscribers.size();
    }

    @Override
    public void routed(RoutedBatch batch) {
        for (TapSubscriber s : subscribers) s.routed(batch);
    }
}
