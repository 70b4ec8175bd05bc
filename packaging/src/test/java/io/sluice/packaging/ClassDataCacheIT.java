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
 * The launcher's class-data cache serves every config of its pipeline shape, whichever first run wrote
 * it: here the writer is a run that only refused its config, and the sidecar example that starts next
 * still finds its file tail, its admin endpoint and Netty's HTTP codec in the cache instead of loading
 * them from the jars (docs/operations.md, "Memory"; ClassDataCacheFill). On Java 25, which the
 * distribution runs on, the cache also holds the methods' profiles of the run that recorded it, so each
 * pipeline shape (plugin types, formats, protocols) gets its own, shared by configs that differ only in
 * ports, paths and sizes.
 */
class ClassDataCacheIT {
    @TempDir
    Path dir;

    @Test
    void aCacheWrittenByARefusedConfigServesTheSidecar() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        Path cache = dir.resolve("cache");
        // the sidecar's own pipeline, refused for a size that is not one
        String sidecarYaml = Files.readString(dist.home.resolve("config/sidecar.yaml"));
        assertThat(sidecarYaml).contains("in_flight_bytes: 8MiB");
        Path refused = Files.writeString(dir.resolve("refused.yaml"), sidecarYaml.replace("in_flight_bytes: 8MiB", "in_flight_bytes: lots"));
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

    @Test
    void eachPipelineShapeHasACacheOfItsOwn() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        Path cache = dir.resolve("cache");
        String syslogShape = "inputs:\n  in: {type: syslog, listen: \"127.0.0.1:%d\", protocols: [tcp]}\noutputs:\n  out: {type: blackhole}\n";
        refusedRun(dist, cache, "syslog-a", syslogShape.formatted(5514));
        assertThat(cacheFileNames(cache)).as("the first syslog run's record").singleElement().asString().endsWith(".aotconf");

        // the same shape on another port: its start makes the cache from the first run's record
        refusedRun(dist, cache, "syslog-b", syslogShape.formatted(6514));
        assertThat(cacheFileNames(cache)).as("the syslog shape's cache").singleElement().asString().endsWith(".aot");

        // another shape records a cache of its own and leaves the syslog one as it is
        refusedRun(dist, cache, "json", "inputs:\n  in: {type: tcp, listen: \"127.0.0.1:5514\", format: json}\noutputs:\n  out: {type: blackhole}\n");
        List<String> names = cacheFileNames(cache);
        assertThat(names).as("cache files after a tcp json run").hasSize(2).anyMatch(name -> name.endsWith(".aot"))
                .anyMatch(name -> name.endsWith(".aotconf"));
        String syslogCache = names.stream().filter(name -> name.endsWith(".aot")).findFirst().orElseThrow();
        assertThat(names).as("the json run's record is not the syslog cache's").doesNotContain(syslogCache + "conf");
    }

    @Test
    void aRecordingStartKeepsTheSevenCachesWrittenLast() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        Path cache = Files.createDirectory(dir.resolve("cache"));
        // nine caches of other shapes, written one an hour, the oldest first
        for (int i = 1; i <= 9; i++) {
            Path old = Files.write(cache.resolve("sluice-25-" + i + ".aot"), new byte[] {1});
            Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600L * (10 - i))));
            Files.createFile(cache.resolve("sluice-25-" + i + ".writing"));
        }
        Path javaSeventeens = Files.write(cache.resolve("sluice-17-1.jsa"), new byte[] {1});
        refusedRun(dist, cache, "new-shape", "inputs:\n  in: {type: stdin}\n");
        List<String> names;
        try (Stream<Path> files = Files.list(cache)) {
            names = files.map(f -> f.getFileName().toString()).toList();
        }
        assertThat(names).as("cache files after a start of a new shape").contains("sluice-25-3.aot", "sluice-25-9.aot")
                .doesNotContain("sluice-25-1.aot", "sluice-25-1.writing", "sluice-25-2.aot", "sluice-25-2.writing")
                .filteredOn(name -> name.endsWith(".aotconf")).hasSize(1);
        assertThat(names.stream().filter(name -> name.endsWith(".aot"))).as("the older caches kept").hasSize(7);
        assertThat(javaSeventeens).as("another Java's archive").exists();
    }

    /** A run of {@code pipeline} refused for a size that is not one, which leaves the shape of {@code pipeline} as it is. */
    private void refusedRun(Distribution dist, Path cache, String name, String pipeline) throws Exception {
        Path config = Files.writeString(dir.resolve(name + ".yaml"), "pipeline: {in_flight_bytes: lots}\n" + pipeline);
        try (Distribution.Run run = dist.run(config, Files.createDirectory(dir.resolve(name)), 1,
                Map.of("SLUICE_CACHE_DIR", cache.toString()))) {
            assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as("the refused run %s exited", name).isTrue();
            assertThat(run.process.exitValue()).as("exit status of %s; stderr:%n%s", name, run.stderrText()).isEqualTo(1);
            assertThat(run.stderrText()).as("%s's refusal", name).contains("in_flight_bytes");
        }
    }

    private static List<String> cacheFileNames(Path cache) throws Exception {
        return cacheFiles(cache).stream().map(f -> f.getFileName().toString()).sorted().toList();
    }

    private static List<Path> cacheFiles(Path cache) throws Exception {
        if (!Files.isDirectory(cache)) return List.of();
        try (Stream<Path> files = Files.list(cache)) {
            // Java 17-24: the archive (.jsa); 25+: the record the next start makes the AOT cache from (.aotconf)
            return files.filter(f -> f.getFileName().toString().matches("sluice-.*\\.(jsa|aot|aotconf)")).toList();
        }
    }
}
