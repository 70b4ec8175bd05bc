package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.Transform;
import io.sluice.core.health.RateLimitedLog;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The {@code transforms:} stage: each step, in file order, on every normalized event whose
 * {@code when} holds. Runs on the worker threads between normalization and encoding, so what the
 * sinks, the tap and the dead letters see is the transformed event.
 */
public final class TransformChain {
    public static final TransformChain NONE = new TransformChain(List.of());

    private static final RateLimitedLog LOG = new RateLimitedLog(LoggerFactory.getLogger(TransformChain.class), 10_000);

    /** One configured transform; {@code name} tags its metrics ({@code transforms[0]} when unnamed). */
    public record Step(String name, Condition when, Transform transform) {}

    private final List<Step> steps;
    private final PodLookup pods;

    public TransformChain(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.pods = this.steps.stream().map(Step::transform).filter(PodLookup.class::isInstance)
                .map(PodLookup.class::cast).findFirst().orElse(PodLookup.NONE);
    }

    /** The first step that knows pods ({@code kubernetes_metadata}), or {@link PodLookup#NONE}. */
    public PodLookup pods() {
        return pods;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Closes every step's transform (see {@link Transform#close}); a failure is logged and the rest still close. */
    public void close() {
        for (Step s : steps) {
            try {
                s.transform().close();
            } catch (RuntimeException ex) {
                LOG.error(s.name(), "transform {} failed to close: {}", s.name(), ex.toString());
            }
        }
    }

    /**
     * Applies the steps to {@code events[0..n)} in place, moving the kept events to the front in
     * their order.
     *
     * @return how many were kept
     */
    int apply(LogEvent[] events, int n, PipelineMetrics metrics) {
        if (steps.isEmpty()) return n;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            LogEvent e = events[i];
            if (keeps(e, metrics)) events[kept++] = e;
        }
        for (int i = kept; i < n; i++) events[i] = null;
        return kept;
    }

    private boolean keeps(LogEvent e, PipelineMetrics metrics) {
        for (Step s : steps) {
            boolean refused = e.rejection() != null;
            if (refused && !s.transform().appliesToRefused()) continue;
            try {
                if (!s.when().test(e)) continue;
                if (!s.transform().apply(e) && !refused) {
                    metrics.dropped("transform", s.name(), 1);
                    return false;
                }
            } catch (RuntimeException ex) {
                // dropped rather than passed on half-transformed: a failed redaction must not leak
                metrics.dropped("transform", s.name() + ":failed", 1);
                LOG.error(s.name(), "transform {} failed on an event and dropped it; this is a bug: {}", s.name(), ex.toString());
                return false;
            }
        }
        return true;
    }
}
