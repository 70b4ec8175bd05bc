package io.sluice.core.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds and runs {@code router-core/src/test/go/write_logs.go}: Go's logging libraries (zap, zerolog, logrus,
 * go-kit/log, hclog, with pkg/errors: Debian 12's {@code golang-*-dev} packages under
 * {@code /usr/share/gocode}, installed by {@code .ci/run}) write their real output, one scenario per run.
 * The program is built once per JVM into router-core's {@code target/go-write-logs}, without a module proxy
 * (GOPATH mode) or cgo, in a few seconds (less with the build cache there).
 * Skips the calling test, by an assumption, when there is no {@code go} or the packages are missing.
 */
public final class GoLibraries {
    private static final Path GOPATH = Path.of("/usr/share/gocode");
    private static Path binary;

    private GoLibraries() {}

    /** What one run wrote: standard output and standard error apart, and its exit status. */
    public record Output(String stdout, String stderr, int exitStatus) {}

    /** Runs {@code write_logs SCENARIO} (building it on first use). */
    public static synchronized Output run(String scenario) throws Exception {
        Path program = build();
        Path err = Files.createTempFile(program.getParent(), "stderr", ".txt");
        try {
            Process p = new ProcessBuilder(program.toString(), scenario).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("write_logs %s finished", scenario).isTrue();
            return new Output(out, Files.readString(err), p.exitValue());
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Path build() throws Exception {
        if (binary != null) return binary;
        Path source = Path.of("src/test/go/write_logs.go");
        if (!Files.exists(source)) source = Path.of("../router-core/src/test/go/write_logs.go");
        assumeTrue(Files.isDirectory(GOPATH.resolve("src/go.uber.org/zap")), "no Go libraries under " + GOPATH
                + ": apt-get install golang-go golang-go.uber-zap-dev golang-github-rs-zerolog-dev "
                + "golang-github-sirupsen-logrus-dev golang-github-go-kit-log-dev golang-github-hashicorp-go-hclog-dev "
                + "golang-github-pkg-errors-dev");
        Path dir = source.toAbsolutePath().getParent().getParent().getParent().getParent().resolve("target/go-write-logs");
        Files.createDirectories(dir);
        Path program = dir.resolve("write_logs");
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-o", program.toString(), source.toAbsolutePath().toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GO111MODULE", "off");
        env.put("GOPATH", GOPATH.toString());
        env.put("GOFLAGS", "");
        env.put("CGO_ENABLED", "0"); // no C compiler needed (golang-go does not bring one)
        env.put("GOCACHE", dir.resolve("cache").toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            assumeTrue(false, "no go on the PATH: apt-get install golang-go");
            throw e;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("go build finished").isTrue();
        assertThat(p.exitValue()).as("go build: %s", output).isZero();
        binary = program;
        return program;
    }
}
