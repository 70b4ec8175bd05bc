package io.sluice.packaging;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the JIT compiles while the start-up warm-up runs, as the launcher starts the daemon: the record path
 * the workers call, each method compiled on its own, and never the warm-up's own per-record loop, into which
 * C2 would inline that whole path (the run's largest compile, made just as real records arrive, for code only
 * the warm-up runs; docs/performance.md, "Session 18").
 */
class WarmUpCompileIT {
    /** A -XX:+PrintCompilation line: uptime, compile id, flags, tier, method. */
    private static final Pattern COMPILE = Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*([0-4])\\s+(\\S+)");

    /** One compile a -XX:+PrintCompilation line reports. */
    private record Compile(int tier, String method) {
    }

    @TempDir
    Path dir;

    @Test
    void theWarmUpCompilesTheWorkersRecordPathAndNotItsOwnLoop() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        int adminPort = FreePorts.one();
        Path config = Files.writeString(dir.resolve("sluice.yaml"), """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d", format: json}
                outputs:
                  out: {type: blackhole}
                """.formatted(FreePorts.one()));
        Map<String, String> env = Map.of("SLUICE_CACHE_DIR", dir.resolve("cache").toString(),
                "SLUICE_DATA_DIR", dir.resolve("data").toString(), "SLUICE_ADMIN_LISTEN", "127.0.0.1:" + adminPort,
                "SLUICE_JAVA_OPTS", "-XX:+PrintCompilation");
        try (Distribution.Run run = dist.run(config, Files.createDirectory(dir.resolve("run")), adminPort, env)) {
            // no records arrive, so the warm-up runs until its CPU budget (1 s by default) is spent
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("sluice exited", () -> !run.process.isAlive())
                    .until(() -> run.stderrText().contains("JIT warm-up ran"));
            assertThat(run.stderrText()).as("the warm-up's end").contains("stopped: its CPU budget was spent");
            assertThat(run.terminate()).as("exit status after SIGTERM").isZero();
            // the launcher sends the JVM's own output to stderr; stdout too, should that ever change
            List<Compile> compiles = (run.stderrText() + "\n" + String.join("\n", run.stdoutLines()))
                    .lines().map(COMPILE::matcher).filter(Matcher::find)
                    .map(m -> new Compile(Integer.parseInt(m.group(1)), m.group(2))).toList();
            assertThat(compiles).as("C2 compiles of the record path the workers call")
                    .contains(new Compile(4, "io.sluice.core.pipeline.RecordProcessor::process"))
                    .contains(new Compile(4, "io.sluice.api.schema.EventEncoder::encode"));
            assertThat(compiles).as("compiles of the warm-up's own per-record loop")
                    .noneMatch(c -> c.method().equals("io.sluice.core.pipeline.WarmUp$Block::run"));
        }
    }
}
