package io.sluice.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sluice top} in a real terminal: tmux runs it against a daemon under load; the captured
 * screen shows the input and output with events moving (a rate above zero and totals that grow),
 * the circuit and health, and {@code q} quits.
 */
class TopTmuxTest {
    @TempDir
    Path dir;

    private final String server = "sluice-top-test-" + ProcessHandle.current().pid();

    @Test
    void topShowsAMovingPipelineAndQuitsOnQ() throws Exception {
        Path archive = dir.resolve("out/archive.ndjson");
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(archive);
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline);
             BackgroundLoad load = BackgroundLoad.start(() -> d.send("app",
                     IntStream.range(0, 100).mapToObj(i -> "{\"msg\":\"tick " + i + "\"}").toList()), Duration.ofMillis(50))) {
            try {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                tmux("new-session", "-d", "-s", "top", "-x", "160", "-y", "30", java, "-cp", System.getProperty("java.class.path"),
                        "io.sluice.daemon.cli.Main", "top", "--url", "http://127.0.0.1:" + d.daemon.adminAddress().getPort());

                await().atMost(Duration.ofSeconds(30)).until(() -> eventsPerSecond(screen(), "app") > 0);
                String first = screen();
                assertThat(first).contains("INPUT", "EVENTS/S", "OUTPUT", "BUFFER", "CIRCUIT", "HEALTH");
                assertThat(row(first, "archive")).contains("closed").contains("Healthy");
                assertThat(row(first, "app")).contains("Healthy");
                long total = total(first, "app");
                await().atMost(Duration.ofSeconds(10)).until(() -> total(screen(), "app") > total);
                // the output moves too: awaited, as one refresh can fall on a pause of the file sink (a GC, a
                // busy core) and show 0 events/s for that interval although events keep flowing
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(eventsPerSecond(screen(), "archive")).as("the output moves too").isPositive());

                tmux("send-keys", "-t", "top", "q");
                await().atMost(Duration.ofSeconds(10)).until(() -> tmuxExit("has-session", "-t", "top") != 0);
            } finally {
                tmuxExit("kill-server");
            }
        }
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "top");
    }

    private static String row(String screen, String name) {
        for (String line : screen.split("\n")) if (line.startsWith(name + " ")) return line;
        return "";
    }

    /** The second column (events/s, e.g. 1.9k) of a component's row; 0 while it is not shown. */
    private static double eventsPerSecond(String screen, String name) {
        String[] cols = row(screen, name).trim().split("\\s+");
        return cols.length > 1 ? number(cols[1]) : 0;
    }

    /** The input's TOTAL column. */
    private static long total(String screen, String name) {
        String[] cols = row(screen, name).trim().split("\\s+");
        return cols.length > 3 ? (long) number(cols[3]) : 0;
    }

    private static double number(String human) {
        Matcher m = Pattern.compile("([0-9.]+)([kMG]?)").matcher(human);
        if (!m.matches()) return 0;
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "k" -> v * 1e3;
            case "M" -> v * 1e6;
            case "G" -> v * 1e9;
            default -> v;
        };
    }

    private String tmux(String... args) throws Exception {
        Process p = start(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tmux %s: %s", List.of(args), out).isZero();
        return out;
    }

    private int tmuxExit(String... args) throws Exception {
        Process p = start(args);
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue();
    }

    /** tmux on a server of this test's own (-L), so no one else's sessions are touched. */
    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
