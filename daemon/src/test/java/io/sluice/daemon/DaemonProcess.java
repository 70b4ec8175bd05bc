package io.sluice.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code sluice} as a real child JVM (the test class path, the real CLI), collecting its
 * standard output lines and standard error for assertions. Stopped with real signals.
 */
final class DaemonProcess implements AutoCloseable {
    final Process process;
    final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    final StringBuffer stderr = new StringBuffer();

    private DaemonProcess(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true));
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false));
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    static DaemonProcess start(Path workDir, String... args) throws IOException {
        return withHeap(workDir, "256m", args);
    }

    /**
     * Writes {@code dir/pipeline.yaml}: a tcp input {@code app} on {@code port} with {@code inputOptions}
     * (YAML flow entries, or empty) to a stdout output {@code console} (JSON), no admin endpoint.
     */
    static Path tcpToStdoutConfig(Path dir, int port, String inputOptions) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, """
                data_dir: %s
                admin: {enabled: false}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:%d"%s}
                outputs:
                  console: {type: stdout, format: json}
                """.formatted(dir.resolve("data"), port, inputOptions.isEmpty() ? "" : ", " + inputOptions));
        return file;
    }

    /** {@code sluice run -c config}, returned once the pipeline has started. */
    static DaemonProcess running(Path workDir, Path config) throws Exception {
        return started(start(workDir, "run", "-c", config.toString()));
    }

    private static DaemonProcess started(DaemonProcess p) throws Exception {
        try {
            p.awaitStderr("pipeline started", 60_000);
            return p;
        } catch (Throwable t) {
            p.close();
            throw t;
        }
    }

    /** With the heap a test needs to show what a small one survives. */
    static DaemonProcess withHeap(Path workDir, String maxHeap, String... args) throws IOException {
        return under(List.of(), workDir, maxHeap, args);
    }

    /** {@code sluice run -c config} started through {@code nohup}, which leaves SIGHUP ignored in the daemon. */
    static DaemonProcess runningUnderNohup(Path workDir, Path config) throws Exception {
        return started(under(List.of("nohup"), workDir, "256m", "run", "-c", config.toString()));
    }

    /** The JVM's command after {@code prefix} (a program that execs it, as nohup does). */
    private static DaemonProcess under(List<String> prefix, Path workDir, String maxHeap, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-XX:+UseSerialGC");
        // the daemon's own logging (diagnostics on stderr) comes from StderrLogConfigurator, which logback
        // asks before any logback-test.xml a reactor build (-am) puts on the class path
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.sluice.daemon.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        return new DaemonProcess(pb.start());
    }

    private void pump(BufferedReader r, boolean isOut) {
        try {
            String line;
            while ((line = r.readLine()) != null) {
                if (isOut) stdout.add(line);
                else stderr.append(line).append('\n');
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Waits until stderr contains the text (the daemon logs "pipeline started" when it is up). */
    void awaitStderr(String text, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!stderr.toString().contains(text)) {
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                throw new AssertionError("daemon did not log '" + text + "'; stderr:\n" + stderr);
            }
            Thread.sleep(50);
        }
    }

    String nextLine(long millis) throws InterruptedException {
        return stdout.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends SIGTERM and waits for the exit status. */
    int terminate(long millis) throws Exception {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("daemon did not exit after SIGTERM; stderr:\n" + stderr);
        }
        return process.exitValue();
    }

    /** kill -9: the daemon gets no chance to flush, checkpoint or stop anything. */
    void killNine() throws Exception {
        new ProcessBuilder("kill", "-KILL", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("daemon still running after kill -9");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
