package io.sluice.core.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the scripts under {@code router-core/src/test/} ({@code python/}, {@code php/}, {@code ruby/}) that
 * make real logging libraries write their output, from router-core's or a sibling module's directory.
 */
final class TestScripts {
    private TestScripts() {}

    /** Whether {@code command} runs and exits 0 within 30 seconds (an interpreter that can load a library). */
    static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code router-core/src/test/<relative>}, absolute. */
    static String script(String relative) {
        Path script = Path.of("src/test", relative);
        if (!Files.exists(script)) script = Path.of("../router-core/src/test", relative);
        return script.toAbsolutePath().toString();
    }

    /**
     * Runs {@code interpreter script args...}; its standard output goes to {@code stdout} when not null.
     * Fails the test when it does not exit 0 within 60 seconds, with what it wrote to standard error.
     */
    static void run(Path stdout, String interpreter, String relativeScript, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(interpreter, script(relativeScript)));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (stdout != null) pb.redirectOutput(stdout.toFile());
        else pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String((stdout != null ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, output).isZero();
    }
}
