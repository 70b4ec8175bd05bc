package io.sluice.packaging;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sluice's diagnostics on stderr are JSON lines, also what the launcher's start-up settings could add:
 * slf4j reports the provider named with {@code -Dslf4j.provider} at INFO, and the JVM writing the
 * class-data cache warns about every class it cannot archive, unless told not to.
 */
class StartUpStderrIT {
    @TempDir
    Path dir;

    @Test
    void theFirstStartAndALaterOnePrintOnlyJsonLinesOnStderr() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        Path logs = Files.createDirectory(dir.resolve("app-logs"));
        Files.writeString(logs.resolve("app.log"), "a line\n");
        int adminPort = FreePorts.one();
        Map<String, String> env = Map.of("SLUICE_CACHE_DIR", dir.resolve("cache").toString(),
                "SLUICE_DATA_DIR", dir.resolve("data").toString(), "SLUICE_ADMIN_LISTEN", "127.0.0.1:" + adminPort,
                "APP_LOG_DIR", logs.toString());
        // the first start writes the class-data cache as it exits (Java 25: the record the second start makes
        // the AOT cache from), every later one reads it
        for (String run : new String[] {"first", "second"}) {
            try (Distribution.Run sidecar = dist.run(dist.home.resolve("config/sidecar.yaml"), Files.createDirectory(dir.resolve(run)),
                    adminPort, env)) {
                sidecar.awaitReady();
                assertThat(sidecar.terminate()).as("exit status after SIGTERM; stderr:%n%s", sidecar.stderrText()).isZero();
                assertThat(sidecar.stderrText().lines()).as("%s start's stderr", run)
                        .isNotEmpty().allMatch(line -> line.startsWith("{\"@timestamp\":"));
            }
        }
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the cache the first start wrote")
                    .anyMatch(name -> name.matches("sluice-.*\\.(jsa|aot)"));
        }
    }
}
