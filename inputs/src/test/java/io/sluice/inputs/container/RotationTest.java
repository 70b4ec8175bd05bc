package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rotation under load: a writer appends numbered lines while the file is rotated five times by
 * rename-and-create and five times by copytruncate; every line must arrive exactly once.
 *
 * <p>Two waits in the writer are part of the scenario, not of the reader: copytruncate loses
 * whatever nobody read before the truncation (that data only exists in the copy), so the writer
 * truncates once the reader has caught up, as logrotate's own docs warn; and rotations are spaced
 * so that the reader has seen each new file before the next rotation (real rotations are minutes
 * apart; a file created and rotated away unseen within milliseconds cannot be tailed by anyone).
 */
class RotationTest {
    private static final int LINES = 30_000;
    private static final int PER_ROTATION = 2_700;

    @TempDir
    Path dir;

    @Test
    void everyLineArrivesOnceThroughRenameAndCopytruncate() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path rotated = Files.createDirectories(dir.resolve("rotated"));
        Path app = logs.resolve("app.log");
        Files.createFile(app);
        CollectingInputContext ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log")), ctx);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int renames = 0;
        try {
            await().atMost(Duration.ofSeconds(10)).until(in::isReady);
            Thread writer = new Thread(() -> {
                try {
                    write(app, rotated, ctx);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-writer");
            writer.start();
            writer.join(60_000);
            assertThat(writer.isAlive()).as("writer finished").isFalse();
            assertThat(failure.get()).isNull();
            await().atMost(Duration.ofSeconds(20)).until(() -> ctx.events().size() >= LINES);
            renames = (int) Files.list(rotated).filter(p -> p.getFileName().toString().startsWith("renamed")).count();
            int released = renames;
            // rotated files are read to their end, then released after rotate_wait
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.sourcesClosed() >= released);
            Thread.sleep(300);
        } finally {
            Tails.stop(in);
        }
        assertThat(renames).isEqualTo(5);
        Map<String, Integer> seen = new HashMap<>();
        for (LogEvent e : ctx.events()) seen.merge(e.message(), 1, Integer::sum);
        assertThat(seen.values()).allMatch(n -> n == 1);
        assertThat(seen).hasSize(LINES);
        for (int i = 0; i < LINES; i++) assertThat(seen).containsKey(line(i));
    }

    @Test
    void aFileRenamedWithinTheGlobsIsNotReadAgain() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        Tails.append(app, "one\ntwo\n");
        CollectingInputContext ctx = new CollectingInputContext("pods", dir.resolve("data"));
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/app.log*")), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
            Files.move(app, logs.resolve("app.log.1"));
            Tails.append(logs.resolve("app.log.1"), "three\n"); // a late write to the rotated file
            Tails.append(app, "four\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 4);
            Thread.sleep(1500); // a scan or two: the renamed file must not be taken for a new one
        } finally {
            Tails.stop(in);
        }
        assertThat(Tails.messages(ctx)).containsExactlyInAnyOrder("one", "two", "three", "four");
        // events keep the path the file was found under (its identity came from that name)
        assertThat(ctx.events()).allMatch(e -> e.filePath().endsWith("app.log") || e.message().equals("four"));
    }

    private static void write(Path app, Path rotated, CollectingInputContext ctx) throws Exception {
        OutputStream out = open(app);
        int rotation = 0;
        for (int i = 0; i < LINES; i++) {
            if (i > 0 && i % PER_ROTATION == 0 && rotation < 10) {
                out.flush();
                int sources = rotation + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> ctx.sourcesOpened().size() >= sources);
                if (rotation % 2 == 0) {
                    out.close();
                    Files.move(app, rotated.resolve("renamed-" + rotation + ".log"));
                    out = open(app);
                } else {
                    int written = i;
                    await().atMost(Duration.ofSeconds(20)).until(() -> ctx.events().size() >= written);
                    Files.copy(app, rotated.resolve("copy-" + rotation + ".log"));
                    try (FileChannel ch = FileChannel.open(app, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    }
                }
                rotation++;
            }
            out.write(line(i).concat("\n").getBytes(StandardCharsets.UTF_8));
            if (i % 50 == 0) out.flush();
        }
        out.close();
    }

    private static OutputStream open(Path p) throws Exception {
        return new BufferedOutputStream(Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 4096);
    }

    private static String line(int i) {
        return String.format("line-%06d", i);
    }
}
