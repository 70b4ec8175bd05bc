package io.sluice.outputs.blackhole;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BlackholeOutputTest {
    @TempDir
    Path dir;

    @Test
    void countsEventsAndBytesInItsAccessorsAndMetrics() throws Exception {
        Output out = Plugins.create("blackhole", "bench", "{}");
        TestOutputContext context = new TestOutputContext("bench", dir);
        out.start(context);
        SinkBatch a = TestBatches.of(List.of(TestBatches.event("api", "one", 1), TestBatches.event("api", "two", 2)));
        SinkBatch b = TestBatches.of(List.of(TestBatches.event("db", "three", 3)));

        assertThat(out.send(a).allDelivered()).isTrue();
        assertThat(out.send(b).allDelivered()).isTrue();

        BlackholeOutput blackhole = (BlackholeOutput) out;
        assertThat(blackhole.events()).isEqualTo(3);
        assertThat(blackhole.bytes()).isEqualTo(a.byteSize() + b.byteSize())
                .isEqualTo((long) a.json(0).length() + a.json(1).length() + b.json(0).length());
        // sluice.blackhole.events is exported to Prometheus as sluice_blackhole_events_total
        assertThat(context.meters().get("sluice.blackhole.events").tag("output", "bench").counter().count())
                .isEqualTo(3.0);
        assertThat(context.meters().get("sluice.blackhole.bytes").counter().count())
                .isEqualTo((double) blackhole.bytes());
        out.close();
    }

    @Test
    void printIntervalRunsARateThreadUntilClosed() throws Exception {
        Output out = Plugins.create("blackhole", "rate", "{\"print_interval\":\"100ms\"}");
        out.start(new TestOutputContext("rate", dir));
        await().atMost(Duration.ofSeconds(30)).until(() -> rateThreadAlive("rate"));

        out.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> !rateThreadAlive("rate"));
    }

    @Test
    void noRateThreadByDefaultAndIntervalsAreChecked() throws Exception {
        Output out = Plugins.create("blackhole", "quiet", "{}");
        out.start(new TestOutputContext("quiet", dir));
        assertThat(rateThreadAlive("quiet")).isFalse();
        out.close();
        assertThat(Plugins.plugin("blackhole").options().bind(Plugins.tree("{\"print_interval\":\"1ms\"}")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("at least 100ms"));
    }

    private static boolean rateThreadAlive(String id) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("sluice-blackhole-" + id) && t.isAlive());
    }
}
