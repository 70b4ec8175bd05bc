package io.sluice.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool} (package {@code prometheus}, installed by .ci/run): checks rule files as Prometheus will load them. */
final class Promtool {
    record Result(int exit, String output) {}

    private Promtool() {}

    static Result checkRules(Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("promtool", "check", "rules", file.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("promtool is not installed: apt-get install prometheus (.ci/run does)", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish in 60 s: " + out);
        }
        return new Result(p.exitValue(), out);
    }
}
