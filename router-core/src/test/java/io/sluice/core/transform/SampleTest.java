package io.sluice.core.transform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleTest {
    private Transform sample(String options) {
        return new Sample().create("s", Bound.options(new Sample().options(), options), new SimpleMeterRegistry());
    }

    @Test
    void keepsOneInNPerKeyAndRecordsTheRate() {
        Transform t = sample("{\"rate\": 10, \"key\": [\"service.name\"]}");
        int api = 0;
        int web = 0;
        LogEvent kept = null;
        for (int i = 0; i < 100; i++) {
            LogEvent e = Bound.event("api", "m" + i);
            if (t.apply(e)) { api++; kept = e; }
            if (t.apply(Bound.event("web", "m"))) web++;
        }
        assertThat(api).isEqualTo(10);
        assertThat(web).isEqualTo(10);
        assertThat(kept.attributes().toJson()).isEqualTo("{\"sample_rate\":10}");
    }

    @Test
    void errorsAreKeptUnlessToldOtherwise() {
        Transform keeping = sample("{\"rate\": 1000}");
        Transform strict = sample("{\"rate\": 1000, \"keep_errors\": false}");
        keeping.apply(Bound.event("api", "first"));
        strict.apply(Bound.event("api", "first"));
        assertThat(keeping.apply(Bound.event("api", "boom").level(Level.FATAL))).isTrue();
        assertThat(strict.apply(Bound.event("api", "boom").level(Level.ERROR))).isFalse();
    }
}
