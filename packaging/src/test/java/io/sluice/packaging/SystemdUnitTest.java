package io.sluice.packaging;

import io.sluice.config.PipelineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code packaging/systemd/sluice.service}: parses, runs Sluice as a dedicated unprivileged user, hardened. */
class SystemdUnitTest {
    private static final String FILE = "packaging/systemd/sluice.service";
    private final SystemdUnit unit = SystemdUnit.parse(ProjectFiles.read(FILE));

    @Test
    void hasTheThreeSections() {
        assertThat(unit.sections()).containsKeys("Unit", "Service", "Install");
        assertThat(unit.get("Unit", "Description")).isNotBlank();
        assertThat(unit.get("Install", "WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void runsTheLauncherInTheForegroundAndRestartsOnFailure() {
        assertThat(unit.get("Service", "Type")).as("Sluice does not implement sd_notify").isEqualTo("simple");
        assertThat(unit.get("Service", "ExecStart")).isEqualTo("/opt/sluice/bin/sluice run -c /etc/sluice/pipeline.yaml");
        assertThat(unit.get("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.get("Service", "RestartPreventExitStatus")).as("an invalid config is not retried").isEqualTo("1");
        assertThat(unit.get("Service", "ExecReload")).as("SIGHUP reloads the pipeline").isEqualTo("/bin/kill -HUP $MAINPID");
    }

    @Test
    void stopsGracefullyWithinTheTimeout() {
        assertThat(unit.get("Service", "KillSignal")).isEqualTo("SIGTERM");
        Duration stop = Duration.ofSeconds(Long.parseLong(unit.get("Service", "TimeoutStopSec")));
        assertThat(stop).as("longer than the default shutdown_timeout")
                .isGreaterThan(PipelineSpec.SHUTDOWN_TIMEOUT.defaultValue());
    }

    @Test
    void runsAsADedicatedUserWithItsStateDirectory() {
        boolean dynamic = "yes".equals(unit.get("Service", "DynamicUser"));
        String user = unit.get("Service", "User");
        assertThat(dynamic || (user != null && !user.equals("root"))).as("DynamicUser=yes or User=<not root>").isTrue();
        assertThat(unit.get("Service", "StateDirectory")).isEqualTo("sluice");
        assertThat(unit.get("Service", "Environment")).isNotNull();
        assertThat(unit.sections().get("Service").get("Environment")).contains("SLUICE_DATA_DIR=/var/lib/sluice");
    }

    @Test
    void isHardened() {
        assertThat(unit.get("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.get("Service", "ProtectHome")).isIn("yes", "read-only", "tmpfs");
        assertThat(unit.get("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.get("Service", "PrivateTmp")).isEqualTo("yes");
        assertThat(unit.get("Service", "CapabilityBoundingSet")).as("no capabilities").isEmpty();
        // The JIT needs writable code memory: this setting would crash the JVM.
        assertThat(unit.get("Service", "MemoryDenyWriteExecute")).isNull();
        for (String path : unit.get("Service", "ReadWritePaths").split("\\s+")) {
            assertThat(path).as("writable paths are the state and logs directories").isIn(
                    "/var/lib/" + unit.get("Service", "StateDirectory"), "/var/log/" + unit.get("Service", "LogsDirectory"));
        }
    }

    @Test
    void systemdItselfAcceptsEveryDirective(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        // verify also checks that ExecStart exists: point it at a binary this machine has.
        Path copy = dir.resolve("sluice.service");
        Files.writeString(copy, ProjectFiles.read(FILE).replace("/opt/sluice/bin/sluice", "/bin/true"));
        Process p = new ProcessBuilder("/usr/bin/systemd-analyze", "verify", copy.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(out).doesNotContain("Unknown key", "Unknown section", "Failed to parse", "Invalid");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
