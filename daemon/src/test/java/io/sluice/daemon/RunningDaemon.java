package io.sluice.daemon;

import io.sluice.config.ConfigLoader;
import io.sluice.config.LoadedConfig;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.inputs.tcp.TcpInput;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An in-process {@link Daemon} started from a YAML snippet (its {@code data_dir} and an admin
 * endpoint on a free port are added), with helpers to send TCP lines and call the admin endpoint
 * with a real HTTP client.
 */
final class RunningDaemon implements AutoCloseable {
    final Daemon daemon;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningDaemon(Daemon daemon) {
        this.daemon = daemon;
    }

    /** @param yaml the inputs, routes and outputs; listeners should use port 0 */
    static RunningDaemon start(Path dir, String yaml) throws Exception {
        return start(dir, "{listen: \"127.0.0.1:0\"}", yaml);
    }

    /** @param admin the {@code admin:} block as a YAML flow map, e.g. {@code {listen: "0.0.0.0:0"}} */
    static RunningDaemon start(Path dir, String admin, String yaml) throws Exception {
        String full = "data_dir: " + dir.resolve("data") + "\nadmin: " + admin + "\n" + yaml;
        LoadedConfig loaded = new ConfigLoader(PluginRegistry.load(), Map.of()).load(dir.resolve("pipeline.yaml"), full);
        Daemon d = new Daemon(loaded.config());
        try {
            d.start();
        } catch (Exception e) {
            d.stop();
            throw e;
        }
        return new RunningDaemon(d);
    }

    int tcpPort(String inputId) {
        return ((TcpInput) daemon.inputs().get(inputId)).boundAddress().getPort();
    }

    URI admin(String pathAndQuery) {
        var a = daemon.adminAddress();
        return URI.create("http://127.0.0.1:" + a.getPort() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(admin(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes the lines on one connection, newline-terminated, and closes it. */
    void send(String inputId, List<String> lines) throws IOException {
        try (Socket s = new Socket("127.0.0.1", tcpPort(inputId));
             OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536)) {
            for (String l : lines) out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The lines of a sink's output file; none while it does not exist (or is not a regular file). */
    static List<String> lines(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.stop();
    }
}
