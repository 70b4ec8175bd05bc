package io.sluice.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Java runtime the distribution ships in {@code runtime/} (packaging/src/build/bundle-runtime.sh): what
 * {@code bin/sluice} runs on unless {@code SLUICE_JAVA_HOME} names another, a Java 25 whose default
 * class-data archive a command maps (it is made with the compact object headers the launcher turns on). That
 * it records, makes and maps its AOT cache over two starts without a line on stderr that is not JSON is
 * {@link StartUpStderrIT}'s, and that the cache serves the sidecar {@link ClassDataCacheIT}'s.
 */
class BundledRuntimeIT {
    private static final Pattern VERSION = Pattern.compile("\\(Java (\\d+)[.+)]");

    @TempDir
    Path dir;

    private Distribution unpackedWithRuntime() throws Exception {
        Distribution dist = Distribution.unpackBuilt(Files.createDirectory(dir.resolve("unpacked")));
        assumeTrue(Files.isExecutable(dist.home.resolve("runtime/bin/java")),
                "this build found no JDK 25+ to link (bundle-runtime.sh), so the distribution has no runtime/");
        return dist;
    }

    @Test
    void runsOnItsOwnJava25EvenWithJavaHomeSetAndOnSluiceJavaHomeWhenNamed() throws Exception {
        Distribution dist = unpackedWithRuntime();
        String testJava = System.getProperty("java.home");

        String own = sluiceVersion(dist, Map.of("JAVA_HOME", testJava));
        assertThat(feature(own)).as("`sluice version` with JAVA_HOME=%s: %s", testJava, own).isGreaterThanOrEqualTo(25);

        String named = sluiceVersion(dist, Map.of("SLUICE_JAVA_HOME", testJava));
        assertThat(feature(named)).as("`sluice version` with SLUICE_JAVA_HOME=%s: %s", testJava, named)
                .isEqualTo(Runtime.version().feature());

        Process missing = command(dist, Map.of("SLUICE_JAVA_HOME", dir.resolve("no-such-java").toString()), "version").start();
        String err = new String(missing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(missing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).as("a SLUICE_JAVA_HOME without bin/java; stderr: %s", err).isEqualTo(3);
        assertThat(err).contains("SLUICE_JAVA_HOME").contains("no-such-java");
    }

    @Test
    void aCommandMapsTheRuntimesClassDataArchive() throws Exception {
        Distribution dist = unpackedWithRuntime();
        Path cdsLog = dir.resolve("cds.log");
        sluiceVersion(dist, Map.of("SLUICE_JAVA_OPTS", "-Xlog:cds=info:file=" + cdsLog));
        assertThat(Files.readAllLines(cdsLog)).as("`sluice version`'s -Xlog:cds")
                .anyMatch(line -> line.contains("Opened") && line.contains("runtime/lib/server/classes_coh.jsa"));
    }

    @Test
    void onJava25SurvivorsHoldTheBatchesInFlightAndTwoOrThreeCpusGetASecondC2Thread() throws Exception {
        Distribution dist = unpackedWithRuntime();
        Path flags = dir.resolve("flags.txt");
        sluiceVersion(dist, Map.of("SLUICE_JAVA_OPTS", printFlagsInto(flags)));
        String printed = Files.readString(flags);
        assertThat(flag(printed, "TargetSurvivorRatio")).as("TargetSurvivorRatio").isEqualTo(90);
        int cpus = Runtime.getRuntime().availableProcessors();
        int compilers = flag(printed, "CICompilerCount");
        if (cpus == 2 || cpus == 3) {
            assertThat(compilers).as("compiler threads on %d CPUs", cpus).isEqualTo(3);
        } else {
            assertThat(compilers).as("compiler threads on %d CPUs (the JVM's own count)", cpus).isNotEqualTo(0);
        }
    }

    @Test
    void theRunThatRecordsTheAotCacheCompilesWithTheJvmsOwnCount() throws Exception {
        Distribution dist = unpackedWithRuntime();
        Path cache = dir.resolve("cache");
        Path config = Files.writeString(dir.resolve("refused.yaml"),
                "pipeline: {in_flight_bytes: lots}\ninputs:\n  in: {type: tcp, listen: \"127.0.0.1:5514\", format: json}\n");
        int recording = compilerThreadsOfARefusedRun(dist, cache, config, "recording");
        try (var files = Files.list(cache)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the first run's record").anyMatch(n -> n.endsWith(".aotconf"));
        }
        int cached = compilerThreadsOfARefusedRun(dist, cache, config, "cached");
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus == 2 || cpus == 3) {
            assertThat(recording).as("compiler threads of the recording run on %d CPUs", cpus).isEqualTo(2);
            assertThat(cached).as("compiler threads of a run on the cache, %d CPUs", cpus).isEqualTo(3);
        } else {
            assertThat(cached).as("compiler threads on %d CPUs (the JVM's own count)", cpus).isEqualTo(recording);
        }
    }

    private int compilerThreadsOfARefusedRun(Distribution dist, Path cache, Path config, String name) throws Exception {
        Path flags = dir.resolve(name + "-flags.txt");
        Process p = command(dist, Map.of("SLUICE_CACHE_DIR", cache.toString(), "SLUICE_JAVA_OPTS", printFlagsInto(flags)),
                "run", "-c", config.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the %s run of a refused config: %s", name, out).isEqualTo(1);
        return flag(Files.readString(flags), "CICompilerCount");
    }

    /** JVM options that write the launched JVM's final flags into {@code file} (the VM's output, not stderr). */
    private static String printFlagsInto(Path file) {
        return "-XX:+UnlockDiagnosticVMOptions -XX:+PrintFlagsFinal -XX:-DisplayVMOutputToStderr -XX:+LogVMOutput -XX:LogFile=" + file;
    }

    private static int flag(String printFlagsFinal, String name) {
        Matcher m = Pattern.compile("\\s" + name + "\\s+=\\s+(\\d+)").matcher(printFlagsFinal);
        assertThat(m.find()).as("%s in -XX:+PrintFlagsFinal", name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int feature(String versionLine) {
        Matcher m = VERSION.matcher(versionLine);
        assertThat(m.find()).as("a Java version in %s", versionLine).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private String sluiceVersion(Distribution dist, Map<String, String> env) throws Exception {
        Process p = command(dist, env, "version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sluice version: %s", out).isZero();
        return out;
    }

    private ProcessBuilder command(Distribution dist, Map<String, String> env, String... args) {
        ProcessBuilder pb = new ProcessBuilder(dist.home.resolve("bin/sluice").toString());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().remove("SLUICE_JAVA_OPTS");
        pb.environment().remove("SLUICE_JAVA_HOME");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        return pb;
    }
}
