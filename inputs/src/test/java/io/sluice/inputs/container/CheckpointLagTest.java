package io.sluice.inputs.container;

import io.micrometer.core.instrument.Gauge;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sluice.inputs.container.Tails.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The checkpoint lag gauge: bytes of the tailed files that sinks have not acknowledged yet. */
class CheckpointLagTest {
    private static final String LINE = "line of exactly thirty bytes!\n"; // 30 bytes
    @TempDir
    Path dir;

    private static double gauge(CollectingInputContext ctx, String name) {
        Gauge g = ctx.meters().find(name).tag("input", "pods").gauge();
        assertThat(g).as(name).isNotNull();
        return g.value();
    }

    @Test
    void lagIsWhatIsReadButNotAcknowledgedAndDropsToZeroOnAcks() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        CollectingInputContext ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ctx.holdAcks(true);
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log")), ctx);
        try {
            int n = 1000;
            append(app, LINE.repeat(n));
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == n);
            long size = Files.size(app);
            assertThat(size).isEqualTo(30L * n);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(ctx, "sluice.input.checkpoint.lag.bytes") == size);
            assertThat(gauge(ctx, "sluice.input.files.tracked")).isEqualTo(1.0);

            // acks are cumulative: acknowledging the next batch acknowledges everything before it
            ctx.holdAcks(false);
            append(app, LINE);
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == n + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(ctx, "sluice.input.checkpoint.lag.bytes") == 0.0);
        } finally {
            Tails.stop(in);
        }
    }

    @Test
    void unreadBytesCountWhileThePipelineIsFull() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        int n = 5000;
        append(app, LINE.repeat(n));
        CollectingInputContext ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ctx.capacity(false);
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log")), ctx);
        try {
            // the reader publishes one batch, which is acknowledged, then waits for capacity
            await().atMost(Duration.ofSeconds(10)).until(() -> !ctx.events().isEmpty()
                    && gauge(ctx, "sluice.input.checkpoint.lag.bytes") == 30.0 * (n - ctx.events().size()));
            assertThat(ctx.events().size()).isLessThan(n);
            ctx.capacity(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == n);
            await().atMost(Duration.ofSeconds(10)).until(() -> gauge(ctx, "sluice.input.checkpoint.lag.bytes") == 0.0);
        } finally {
            Tails.stop(in);
        }
    }
}
