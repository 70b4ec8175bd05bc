package io.sluice.packaging;

import io.sluice.config.ConfigLoader;
import io.sluice.config.PipelineConfig;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.daemon.Daemon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Dockerfile's HEALTHCHECK command, as written (only the port swapped for a free one),
 * against a real daemon's admin endpoint: healthy while it runs, unhealthy once it is gone.
 */
class HealthCheckProbeTest {
    @Test
    void theImagesHealthCheckPassesWhileTheDaemonRunsAndFailsAfter(@TempDir Path dir) throws Exception {
        String yaml = """
                data_dir: %s
                admin: {listen: "127.0.0.1:0"}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  sink: {type: blackhole}
                """.formatted(dir);
        PipelineConfig config = new ConfigLoader(PluginRegistry.load(), Map.of())
                .load(dir.resolve("pipeline.yaml"), yaml).config();
        Daemon daemon = new Daemon(config);
        int port;
        try {
            daemon.start();
            port = daemon.adminAddress().getPort();
            assertThat(runHealthCheck(port)).as("exit status while running").isZero();
        } finally {
            daemon.stop();
        }
        assertThat(runHealthCheck(port)).as("exit status after stop").isNotZero();
    }

    private static int runHealthCheck(int port) throws Exception {
        List<String> cmd = new ArrayList<>(DockerfileTest.healthCheckCommand(Dockerfile.parse(ProjectFiles.read("Dockerfile"))));
        cmd.replaceAll(arg -> arg.replace("/8686", "/" + port));
        assertThat(String.join(" ", cmd)).contains("/" + port);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the health check did not finish in 10 s: " + cmd);
        }
        return p.exitValue();
    }
}
