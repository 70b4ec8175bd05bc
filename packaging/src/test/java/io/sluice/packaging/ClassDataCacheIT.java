package io.sluice.packaging;

import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's class-data cache serves every config, whichever first run wrote it: here the writer
 * is a run that only refused its config, and the sidecar example that starts next still finds its
 * file tail, its admin endpoint and Netty's HTTP codec in the cache instead of loading them from the
 * jars (docs/operations.md, "Memory"; ClassDataCacheFill).
 */
class ClassDataCacheIT {
    @TempDir
    Path dir;

    @Test
    void aCacheWrittenByARefusedConfigServesTheSidecar() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        Path cache = dir.resolve("cache");
        Path refused = Files.writeString(dir.resolve("refused.yaml"), "inputs:\n  in: {type: no_such_input}\n");
        try (Distribution.Run first = dist.run(refused, Files.createDirectory(dir.resolve("first")), 1,
                Map.of("SLUICE_CACHE_DIR", cache.toString()))) {
            assertThat(first.process.waitFor(120, TimeUnit.SECONDS)).as("the refused run exited").isTrue();
            assertThat(first.process.exitValue()).as("exit status of a refused config; stderr:%n%s", first.stderrText())
                    .isEqualTo(1);
        }
        assertThat(cacheFiles(cache)).as("the refused run wrote the cache").isNotEmpty();

        Path logs = Files.createDirectory(dir.resolve("app-logs"));
        Files.writeString(logs.resolve("app.log"), "a line\n");
        Path classLog = dir.resolve("class-load.log");
        int adminPort = FreePorts.one();
        Map<String, String> env = Map.of("SLUICE_CACHE_DIR", cache.toString(), "SLUICE_DATA_DIR", dir.resolve("data").toString(),
                "SLUICE_ADMIN_LISTEN", "127.0.0.1:" + adminPort, "APP_LOG_DIR", logs.toString(),
                "SLUICE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        try (Distribution.Run sidecar = dist.run(dist.home.resolve("config/sidecar.yaml"), Files.createDirectory(dir.resolve("second")),
                adminPort, env)) {
            sidecar.awaitReady();
            assertThat(sidecar.terminate()).as("exit status after SIGTERM; stderr:%n%s", sidecar.stderrText()).isZero();
        }
        List<String> loaded = Files.readAllLines(classLog);
        for (String name : List.of("io.sluice.inputs.container.ContainerInput", "io.sluice.core.pipeline.Pipeline",
                "io.sluice.daemon.admin.AdminServer", "io.netty.handler.codec.http.HttpServerCodec", "sun.nio.fs.LinuxWatchService")) {
            assertThat(loaded).as("how %s was loaded", name)
                    .anyMatch(line -> line.contains(" " + name + " source: shared objects file"));
        }
    }

    private static List<Path> cacheFiles(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            // Java 17-24: the archive (.jsa); 25+: the record the next start makes the AOT cache from (.aotconf)
            return files.filter(f -> f.getFileName().toString().matches("sluice-.*\\.(jsa|aot|aotconf)")).toList();
        }
    }
}
