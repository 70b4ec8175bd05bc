package io.sluice.core.transform;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DedupeTest {
    private final AtomicLong clock = new AtomicLong(0);

    private Transform dedupe(String options) {
        return Dedupe.create(Bound.options(new Dedupe().options(), options), clock::get);
    }

    @Test
    void repeatsInsideTheWindowCollapseAndTheNextOccurrenceCarriesTheCount() {
        Transform t = dedupe("{\"window\": \"10s\"}");
        assertThat(t.apply(Bound.event("api", "disk full"))).isTrue();
        clock.set(9_999_999_999L); // the last nanosecond of the window
        assertThat(t.apply(Bound.event("api", "disk full"))).isFalse();
        assertThat(t.apply(Bound.event("api", "disk full"))).isFalse();
        assertThat(t.apply(Bound.event("web", "disk full"))).as("another service is another event").isTrue();
        clock.set(10_000_000_000L); // exactly at the boundary a new window opens
        LogEvent next = Bound.event("api", "disk full");
        assertThat(t.apply(next)).isTrue();
        assertThat(next.attributes().toJson()).isEqualTo("{\"repeat_count\":2}");
        clock.set(20_000_000_001L);
        LogEvent later = Bound.event("api", "disk full");
        assertThat(t.apply(later)).isTrue();
        assertThat(later.attributes()).as("nothing was collapsed in the last window").isNull();
    }

    @Test
    void onlyTheChosenFieldsMakeEventsIdentical() {
        Transform t = dedupe("{\"fields\": [\"service.name\"], \"window\": \"1m\"}");
        assertThat(t.apply(Bound.event("api", "one"))).isTrue();
        assertThat(t.apply(Bound.event("api", "two"))).isFalse();
    }
}
