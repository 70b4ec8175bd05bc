package io.sluice.inputs.container;

import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.sluice.inputs.container.Tails.append;
import static io.sluice.inputs.container.Tails.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Checkpoints: stored in the data dir, advanced only by acknowledgements, tied to the file's identity. */
class CheckpointTest {
    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private static String lines(String prefix, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) sb.append(prefix).append(i).append('\n');
        return sb.toString();
    }

    private static List<String> expected(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    @Test
    void restartReadsAgainOnlyWhatWasNotAcknowledged() throws Exception {
        Path app = dir.resolve("app.log");
        append(app, lines("line-", 0, 20_000));
        Map<String, Object> options = Map.of("paths", List.of(app.toString()));
        CollectingInputContext first = new CollectingInputContext("pods", data());
        ContainerInput in = Tails.start(options, first);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> first.events().size() == 20_000);
            first.holdAcks(true);
            append(app, lines("line-", 20_000, 25_000));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.events().size() == 25_000);
        } finally {
            Tails.stop(in);
        }
        assertThat(new Checkpoints(data()).load()).hasSize(1);

        CollectingInputContext second = new CollectingInputContext("pods", data());
        ContainerInput again = Tails.start(options, second);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> second.events().size() >= 5_000);
            Thread.sleep(300);
        } finally {
            Tails.stop(again);
        }
        assertThat(messages(second)).containsExactlyElementsOf(expected("line-", 20_000, 25_000));
    }

    /**
     * Stop stores what was acknowledged: here it lands while the reader waits for capacity in the
     * middle of a batch, before the first periodic store (250 ms after start), so only the store at
     * stop can have written the checkpoint.
     */
    @Test
    void stopWhileWaitingForCapacityStoresWhatWasAcknowledged() throws Exception {
        int width = "line-0000000\n".length();
        Path app = dir.resolve("app.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2_000; i++) sb.append(String.format("line-%07d\n", i));
        append(app, sb.toString());
        CollectingInputContext ctx = new CollectingInputContext("pods", data());
        ctx.capacity(false); // the reader publishes one batch (acknowledged at once), then waits
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString()), "format", "text"), ctx);
        try {
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(20))
                    .until(() -> !ctx.events().isEmpty());
        } finally {
            Tails.stop(in);
        }
        long published = (long) ctx.events().size() * width;
        assertThat(new Checkpoints(data()).load()).as("checkpoints stored at stop").containsKey(FileKey.of(app));
        assertThat(new Checkpoints(data()).load().get(FileKey.of(app)).offset()).isEqualTo(published);
    }

    @Test
    void aSplitRecordPendingAtStopIsReadWholeAfterRestart() throws Exception {
        Path app = dir.resolve("app.log");
        String chunk = "x".repeat(16_384);
        append(app, ContainerInputTest.docker("before\n", "stdout", "2026-01-02T03:04:05Z")
                + ContainerInputTest.docker(chunk, "stdout", "2026-01-02T03:04:06Z"));
        Map<String, Object> options = Map.of("paths", List.of(app.toString()), "flush_timeout", "1m");
        CollectingInputContext first = new CollectingInputContext("pods", data());
        ContainerInput in = Tails.start(options, first);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.events().size() == 1);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(first)).containsExactly("before");

        append(app, ContainerInputTest.docker("end\n", "stdout", "2026-01-02T03:04:07Z"));
        CollectingInputContext second = new CollectingInputContext("pods", data());
        ContainerInput again = Tails.start(options, second);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.events().size() == 1);
            Thread.sleep(200);
        } finally {
            Tails.stop(again);
        }
        assertThat(messages(second)).containsExactly(chunk + "end");
        assertThat(second.events().get(0).offset()).isEqualTo(first.events().get(0).offset()
                + ContainerInputTest.docker("before\n", "stdout", "2026-01-02T03:04:05Z").length());
    }

    @Test
    void aReusedInodeIsReadFromItsStart() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        append(app, lines("old-", 0, 3));
        Map<String, Object> options = Map.of("paths", List.of(logs + "/*.log"));
        CollectingInputContext first = new CollectingInputContext("pods", data());
        ContainerInput in = Tails.start(options, first);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.events().size() == 3);
        } finally {
            Tails.stop(in);
        }
        FileKey old = FileKey.of(app);
        Files.delete(app);
        // the file system hands a freed inode out again; try a few times to get the same one
        List<Path> misses = new ArrayList<>();
        Path reused = null;
        for (int i = 0; i < 50 && reused == null; i++) {
            Path candidate = dir.resolve("candidate-" + i);
            Files.writeString(candidate, lines("new-", 0, 10), StandardCharsets.UTF_8);
            if (FileKey.of(candidate).equals(old)) {
                reused = candidate;
            } else {
                misses.add(candidate);
            }
        }
        for (Path p : misses) Files.delete(p);
        assumeTrue(reused != null, "the file system did not reuse the inode");
        Files.move(reused, app);
        assertThat(FileKey.of(app)).isEqualTo(old);

        CollectingInputContext second = new CollectingInputContext("pods", data());
        ContainerInput again = Tails.start(options, second);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.events().size() >= 10);
            Thread.sleep(200);
        } finally {
            Tails.stop(again);
        }
        assertThat(messages(second)).containsExactlyElementsOf(expected("new-", 0, 10));
    }

    @Test
    void aCheckpointWhoseFingerprintDoesNotMatchIsIgnored() throws Exception {
        Path app = dir.resolve("app.log");
        append(app, lines("line-", 0, 10));
        Files.createDirectories(data());
        new Checkpoints(data()).store(List.of(new Checkpoints.Entry(FileKey.of(app),
                "another file's first bytes".getBytes(StandardCharsets.UTF_8), 40, app.toString())));
        CollectingInputContext ctx = new CollectingInputContext("pods", data());
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString())), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 10);
            Thread.sleep(200);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(ctx)).containsExactlyElementsOf(expected("line-", 0, 10));
    }

    /**
     * What a kill -9 leaves behind: the checkpoint the periodic thread stored while the reader was in
     * the middle of a file several read budgets long. A new input on that data dir resumes exactly
     * there and reads on to the end, including what was appended while it was down.
     */
    @Test
    void aPeriodicCheckpointInTheMiddleOfABigFileResumesThereAndReadsToTheEnd() throws Exception {
        int lines = 150_000; // ~2 MB: two read budgets; the collecting context keeps every event in memory
        int width = "line-0000000\n".length();
        Path app = dir.resolve("app.log");
        StringBuilder sb = new StringBuilder(lines * width);
        for (int i = 0; i < lines; i++) sb.append(String.format("line-%07d\n", i));
        append(app, sb.toString());
        Map<String, Object> options = Map.of("paths", List.of(dir + "/*.log"), "format", "text");

        CollectingInputContext first = new CollectingInputContext("pods", data());
        first.capacity(false); // the reader publishes one batch, then waits for capacity mid-file
        ContainerInput in = Tails.start(options, first);
        Path crashed = Files.createDirectories(dir.resolve("crashed"));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(new Checkpoints(data()).file()));
            // copied while the first input still runs: only the periodic thread has stored it
            Files.copy(new Checkpoints(data()).file(), new Checkpoints(crashed).file());
        } finally {
            first.capacity(true);
            Tails.stop(in);
        }
        long checkpoint = new Checkpoints(crashed).load().get(FileKey.of(app)).offset();
        assertThat(checkpoint).isPositive().isLessThan(Files.size(app) / 2);
        assertThat(checkpoint % width).isZero();
        int resume = (int) (checkpoint / width);
        append(app, lines("more-", 0, 100));

        CollectingInputContext second = new CollectingInputContext("pods", crashed);
        ContainerInput again = Tails.start(options, second);
        int expectedCount = lines - resume + 100;
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(second.events().size()).as("events read after the restart").isGreaterThanOrEqualTo(expectedCount));
            Thread.sleep(300);
        } finally {
            Tails.stop(again);
        }
        List<String> got = messages(second);
        assertThat(got).hasSize(expectedCount);
        assertThat(got.get(0)).isEqualTo(String.format("line-%07d", resume));
        assertThat(got.get(lines - resume - 1)).isEqualTo(String.format("line-%07d", lines - 1));
        assertThat(got.subList(lines - resume, expectedCount)).containsExactlyElementsOf(expected("more-", 0, 100));
        assertThat(second.events().get(0).offset()).isEqualTo(checkpoint);
        assertThat(new Checkpoints(crashed).load().get(FileKey.of(app)).offset()).isEqualTo(Files.size(app));
    }
}
