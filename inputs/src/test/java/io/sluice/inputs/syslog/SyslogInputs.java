package io.sluice.inputs.syslog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: a syslog input from options, and external commands run with a time limit. */
final class SyslogInputs {
    private SyslogInputs() {}

    static SyslogInput create(String optionsJson) throws IOException {
        OptionSpec.Binding binding = new SyslogInputPlugin().options().bind(new ObjectMapper().readTree(optionsJson));
        assertThat(binding.problems()).isEmpty();
        return (SyslogInput) new SyslogInputPlugin().create("sys", binding.options());
    }

    /** Stops reading, waits for it and closes {@code input}; nothing when it was not created. */
    static void stop(SyslogInput input) throws InterruptedException {
        if (input == null) return;
        input.stop();
        input.awaitStop(Duration.ofSeconds(10));
        input.close();
    }

    /** Runs a command in {@code dir}, feeding {@code stdin}; fails the test on a non-zero exit or a hang. */
    static String run(Path dir, byte[] stdin, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(output);
        assertThat(p.exitValue()).as("%s exit; output: %s", command, text).isZero();
        return text;
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Path.of(dir, program).toFile().canExecute()) return true;
        }
        return false;
    }
}
