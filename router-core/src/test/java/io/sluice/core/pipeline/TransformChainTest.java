package io.sluice.core.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TransformChainTest {
    private final PipelineMetrics metrics = new PipelineMetrics(new SimpleMeterRegistry());

    private static LogEvent event(String message) {
        return new LogEvent().message(message);
    }

    @Test
    void stepsRunInOrderOnTheEventsTheirConditionTakesAndDroppedEventsLeaveTheBatch() {
        TransformChain chain = new TransformChain(List.of(
                new TransformChain.Step("shout", Condition.startsWith("message", "a"), e -> { e.message(e.message().toUpperCase()); return true; }),
                new TransformChain.Step("no_b", Condition.ALWAYS, e -> !e.message().startsWith("b")),
                new TransformChain.Step("mark", Condition.ALWAYS, e -> { e.message(e.message() + "!"); return true; })));
        LogEvent[] events = {event("apple"), event("banana"), event("cherry"), event("bean")};

        int kept = chain.apply(events, 4, metrics);

        assertThat(kept).isEqualTo(2);
        assertThat(events[0].message()).isEqualTo("APPLE!");
        assertThat(events[1].message()).isEqualTo("cherry!");
        assertThat(events[2]).isNull();
        assertThat(metrics.count("sluice.events.dropped", "component", "transform", "reason", "no_b")).isEqualTo(2);
    }

    @Test
    void refusedEventsAreSeenOnlyByTransformsThatAskAndAreNeverDropped() {
        Transform hide = new Transform() {
            @Override public boolean apply(LogEvent e) { e.message("hidden"); return false; }
            @Override public boolean appliesToRefused() { return true; }
        };
        TransformChain chain = new TransformChain(List.of(
                new TransformChain.Step("drop_all", Condition.ALWAYS, e -> false),
                new TransformChain.Step("hide", Condition.ALWAYS, hide)));
        LogEvent refused = event("secret").reject(new Rejection("normalize", Rejection.INVALID_VALUE, "bad"));
        LogEvent[] events = {refused};

        assertThat(chain.apply(events, 1, metrics)).as("the dead letters still get it").isEqualTo(1);
        assertThat(events[0].message()).isEqualTo("hidden");
    }

    @Test
    void aTransformThatThrowsDropsTheEventRatherThanPassingItOnHalfDone() {
        TransformChain chain = new TransformChain(List.of(
                new TransformChain.Step("buggy", Condition.ALWAYS, e -> { throw new IllegalStateException("bug"); })));
        LogEvent[] events = {event("card 4111 1111 1111 1111")};

        assertThat(chain.apply(events, 1, metrics)).isZero();
        assertThat(metrics.count("sluice.events.dropped", "component", "transform", "reason", "buggy:failed")).isEqualTo(1);
    }
}
