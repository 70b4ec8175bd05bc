package io.sluice.inputs.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real child process tails a file and is killed with SIGKILL mid-way; a new one resumes from the
 * stored checkpoint. Every line must arrive, and the only duplicates are the lines delivered after
 * the last stored checkpoint (acknowledged but not yet persisted when the process died).
 */
class CrashTest {
    private static final int LINES = 50_000;
    private static final int WIDTH = "line-0000000\n".length();

    @TempDir
    Path dir;

    @Test
    void killMinusNineLosesNothing() throws Exception {
        Path app = dir.resolve("app.log");
        Files.writeString(app, numbered(0, LINES));
        Path data = dir.resolve("data");
        Path delivered = Files.createFile(dir.resolve("delivered.txt"));

        Process first = child(app, data, delivered);
        int beforeKill;
        try {
            // killed after at least one checkpoint was stored, and well before the end
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Files.exists(new Checkpoints(data).file()) && lines(delivered).size() >= 20_000);
        } finally {
            first.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no last checkpoint
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        beforeKill = lines(delivered).size();
        assertThat(beforeKill).isLessThan(LINES);
        long checkpoint = new Checkpoints(data).load().values().stream().findFirst().orElseThrow().offset();
        int resumeLine = (int) (checkpoint / WIDTH);
        assertThat(checkpoint % WIDTH).isZero();

        Process second = child(app, data, delivered);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> lines(delivered).size() >= beforeKill + LINES - resumeLine);
            Thread.sleep(300);
        } finally {
            second.destroyForcibly();
            second.waitFor(20, TimeUnit.SECONDS);
        }
        List<String> all = lines(delivered);
        Set<String> distinct = new HashSet<>(all);
        assertThat(distinct).hasSize(LINES);
        // duplicates are exactly what was delivered after the last persisted checkpoint
        assertThat(all).hasSize(beforeKill + LINES - resumeLine);
        assertThat(beforeKill - resumeLine).isGreaterThanOrEqualTo(0);
    }

    /**
     * Killed mid-file, then the file is rotated (renamed to a name {@code paths} does not match, a new
     * file takes its name) before the restart: the renamed file is found again by device and inode in
     * its directory and read from its checkpoint to the end, so the lines written between the crash
     * and the rotation arrive too, then the new file.
     */
    @Test
    void aFileRotatedWhileDownIsReadToItsEndUnderItsNewName() throws Exception {
        Path app = dir.resolve("app.log");
        Files.writeString(app, numbered(0, LINES));
        Path data = dir.resolve("data");
        Path delivered = Files.createFile(dir.resolve("delivered.txt"));

        Process first = child(app, data, delivered);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Files.exists(new Checkpoints(data).file()) && lines(delivered).size() >= 10_000);
        } finally {
            first.destroyForcibly();
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        int beforeKill = lines(delivered).size();
        assertThat(beforeKill).isLessThan(LINES);
        int resumeLine = (int) (new Checkpoints(data).load().values().stream().findFirst().orElseThrow().offset() / WIDTH);

        // while down: more lines, then rotation to a name the glob does not match, then a new file
        Tails.append(app, numbered(LINES, LINES + 1000));
        Files.move(app, dir.resolve("app.log.1"));
        Files.writeString(app, numbered(LINES + 1000, LINES + 2000));
        int total = LINES + 2000;

        Process second = child(app, data, delivered);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> new HashSet<>(lines(delivered)).size() >= total);
            // released once read to the end and rotate_wait passed: the checkpoints forget it
            await().atMost(Duration.ofSeconds(30)).until(() -> new Checkpoints(data).load().size() == 1);
        } finally {
            second.destroyForcibly();
            second.waitFor(20, TimeUnit.SECONDS);
        }
        List<String> all = lines(delivered);
        assertThat(new HashSet<>(all)).hasSize(total);
        assertThat(all).hasSize(beforeKill + total - resumeLine);
    }

    /** Lines {@code line-<from>} .. {@code line-<to - 1>}, each {@link #WIDTH} bytes. */
    private static String numbered(int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) * WIDTH);
        for (int i = from; i < to; i++) sb.append(String.format("line-%07d\n", i));
        return sb.toString();
    }

    private static List<String> lines(Path p) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        int complete = s.lastIndexOf('\n') + 1;
        return s.substring(0, complete).lines().toList();
    }

    private static Process child(Path app, Path data, Path delivered) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                app.toString(), data.toString(), delivered.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(app.resolveSibling("child.out").toFile()));
        return pb.start();
    }
}
