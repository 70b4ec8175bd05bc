package io.sluice.core.transform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private Transform throttle(String options) {
        return Throttle.create("t", Bound.options(new Throttle().options(), options), meters, clock::get);
    }

    private int passed(Transform t, String service, int events) {
        int n = 0;
        for (int i = 0; i < events; i++) if (t.apply(Bound.event(service, "m"))) n++;
        return n;
    }

    @Test
    void eachKeyGetsItsBurstThenItsRate() {
        Transform t = throttle("{\"rate\": 10, \"burst\": 5}");
        assertThat(passed(t, "noisy", 100)).isEqualTo(5);
        assertThat(passed(t, "quiet", 3)).isEqualTo(3); // a noisy service does not use up another's tokens
        clock.addAndGet(500_000_000L); // half a second refills 5 tokens
        assertThat(passed(t, "noisy", 100)).isEqualTo(5);
        clock.addAndGet(10_000_000_000L); // a long quiet spell refills only up to the burst
        assertThat(passed(t, "noisy", 100)).isEqualTo(5);
        assertThat(meters.counter("sluice.transform.throttled", "transform", "t", "action", "dropped").count()).isEqualTo(285);
    }

    @Test
    void errorsAreExemptOnlyWhenAsked() {
        Transform strict = throttle("{\"rate\": 1}");
        Transform lenient = throttle("{\"rate\": 1, \"exempt_errors\": true}");
        for (Transform t : new Transform[] {strict, lenient}) t.apply(Bound.event("api", "use the token"));
        assertThat(strict.apply(Bound.event("api", "boom").level(Level.ERROR))).isFalse();
        assertThat(lenient.apply(Bound.event("api", "boom").level(Level.ERROR))).isTrue();
    }

    @Test
    void excessGoesToTheOverflowOutputInsteadOfBeingDropped() {
        Transform t = throttle("{\"rate\": 1, \"overflow_to\": \"cold\"}");
        LogEvent first = Bound.event("api", "a");
        LogEvent second = Bound.event("api", "b");
        assertThat(t.apply(first)).isTrue();
        assertThat(t.apply(second)).isTrue();
        assertThat(first.divertTo()).isNull();
        assertThat(second.divertTo()).isEqualTo("cold");
        assertThat(new Throttle().outputsNamed(Bound.options(new Throttle().options(), "{\"rate\": 1, \"overflow_to\": \"cold\"}")))
                .containsEntry("overflow_to", "cold");
    }

    @Test
    void keysBeyondMaxKeysForgetTheLeastRecentlySeen() {
        Transform t = throttle("{\"rate\": 1, \"max_keys\": 64}");
        for (int i = 0; i < 100_000; i++) t.apply(Bound.event("svc-" + i, "m")); // a key per event: unbounded cardinality
        // svc-0 was forgotten long ago, so it starts with a fresh bucket; the latest key still has its empty one
        assertThat(t.apply(Bound.event("svc-0", "m"))).isTrue();
        assertThat(t.apply(Bound.event("svc-99999", "m"))).isFalse();
    }

    @Test
    void stripesBoundTheStateTheyHold() {
        StripedLru<Object> lru = new StripedLru<>(1000, 64);
        for (int i = 0; i < 100_000; i++) lru.with("k" + i, Object::new, v -> v);
        assertThat(lru.size()).isLessThanOrEqualTo(1000).isGreaterThan(500);
    }

    @Test
    void workersOnManyThreadsPassExactlyTheBurst() throws Exception {
        Transform t = throttle("{\"rate\": 1, \"burst\": 1000}");
        AtomicLong passed = new AtomicLong();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 5000; j++) if (t.apply(Bound.event("api", "m"))) passed.incrementAndGet();
            });
            threads[i].start();
        }
        for (Thread th : threads) th.join();
        assertThat(passed.get()).isEqualTo(1000);
    }
}
