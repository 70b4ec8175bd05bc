package io.sluice.outputs.elasticsearch;

import io.sluice.core.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Elasticsearch node from the distribution the build unpacked ({@code sluice.es.home}), run
 * as a child process on free loopback ports with its own config, data and log dirs under a temp
 * dir. Elasticsearch refuses to run as root, so under root (CI) it runs as the system user
 * {@value #USER}, created when missing. {@link #stop} and {@link #start} keep the port and data
 * dir, so a test can take the node away and bring it back.
 */
final class EsNode implements AutoCloseable {
    static final String USER = "sluice-es";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final boolean security;
    private final Map<String, String> settings;
    private final Path home;
    private final Path javaHome;
    private final Path root;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private Duration lastStartup;

    private EsNode(String name, boolean security, Map<String, String> settings, Path home, Path javaHome)
            throws Exception {
        this.name = name;
        this.security = security;
        this.settings = settings;
        this.home = home;
        this.javaHome = javaHome;
        this.root = Files.createTempDirectory("sluice-es-" + name + "-");
        int[] ports = FreePorts.distinct(2);
        this.httpPort = ports[0];
        this.transportPort = ports[1];
        copyTree(home.resolve("config"), root.resolve("config"));
        for (String dir : List.of("data", "logs", "tmp")) Files.createDirectories(root.resolve(dir));
        // jvm.options names logs/ and data/ relative to ES_HOME, which the service user may not write
        Path jvmOptions = root.resolve("config/jvm.options");
        Files.writeString(jvmOptions, Files.readString(jvmOptions)
                .replace("=logs/", "=" + root.resolve("logs") + "/")
                .replace("HeapDumpPath=data", "HeapDumpPath=" + root.resolve("data")));
        if (runningAsRoot()) {
            ensureUser();
            run(List.of("chown", "-R", USER + ":" + USER, root.toString()));
        }
    }

    /**
     * Creates the node's dirs and starts it, waiting until it answers {@code /_cluster/health}.
     *
     * @param home     the unpacked distribution
     * @param javaHome the runtime it runs on ({@code ES_JAVA_HOME})
     */
    static EsNode start(String name, boolean security, Map<String, String> settings, Path home, Path javaHome)
            throws Exception {
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("no Elasticsearch distribution at " + home.toAbsolutePath()
                    + "; the outputs build unpacks it in generate-test-resources");
        }
        EsNode node = new EsNode(name, security, settings, home, javaHome);
        try {
            node.start();
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }

    String name() { return name; }
    int httpPort() { return httpPort; }
    Path configDir() { return root.resolve("config"); }
    Path home() { return home; }
    boolean security() { return security; }
    Duration lastStartup() { return lastStartup; }

    String url() {
        return (security ? "https" : "http") + "://127.0.0.1:" + httpPort;
    }

    /** The users the node's processes (launcher and server JVM) run as. */
    List<String> processUsers() {
        Process p = process;
        if (p == null) return List.of();
        return Stream.concat(Stream.of(p.toHandle()), p.descendants())
                .map(h -> h.info().user().orElse("?")).distinct().toList();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    synchronized void start() throws Exception {
        if (isRunning()) return;
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>();
        if (runningAsRoot()) cmd.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups"));
        cmd.addAll(List.of("env",
                "ES_JAVA_HOME=" + javaHome,
                "ES_JAVA_OPTS=-Xms512m -Xmx512m",
                "ES_PATH_CONF=" + root.resolve("config"),
                "ES_TMPDIR=" + root.resolve("tmp"),
                "HOME=" + root,
                home.resolve("bin/elasticsearch").toString()));
        List<String> es = new ArrayList<>(List.of(
                "discovery.type=single-node",
                "cluster.name=sluice-test-" + name,
                "node.name=" + name,
                "network.host=127.0.0.1",
                "http.port=" + httpPort,
                "transport.port=" + transportPort,
                "path.data=" + root.resolve("data"),
                "path.logs=" + root.resolve("logs"),
                // a nearly full build disk must not turn indices read-only under the tests
                "cluster.routing.allocation.disk.threshold_enabled=false"));
        if (!security) es.add("xpack.security.enabled=false");
        settings.forEach((k, v) -> es.add(k + "=" + v));
        for (String s : es) {
            cmd.add("-E");
            cmd.add(s);
        }
        Path console = root.resolve("console.log");
        // jvm.options names logs/gc.log and data/ relative to the working directory: make it the node's own root
        process = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
        awaitReady(console);
        lastStartup = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("Elasticsearch node %s ready on %s after %d ms%n", name, url(), lastStartup.toMillis());
    }

    private void awaitReady(Path console) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpClient client = security ? ProbeClients.trustingClient() : http;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch node " + name + " exited with " + process.exitValue()
                        + ":\n" + tail(console));
            }
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(3)).GET().build();
                int status = client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                // with security on, 401 already shows the node is up and serving HTTPS
                if (status == 200 || (security && status == 401)) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException("Elasticsearch node " + name + " not ready after " + READY_TIMEOUT + ":\n" + tail(console));
    }

    /** Stops the node (the launcher and the server JVM it forked) by pid, keeping its data. */
    synchronized void stop() {
        if (process == null) return;
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is not worth failing the run for
        }
    }

    /** Runs one of the distribution's tools (e.g. {@code elasticsearch-reset-password}) against this node. */
    String tool(String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (runningAsRoot()) cmd.addAll(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER, "--clear-groups"));
        cmd.addAll(List.of("env", "ES_JAVA_HOME=" + javaHome,
                "ES_PATH_CONF=" + root.resolve("config"), "HOME=" + root, home.resolve("bin/" + tool).toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private static String tail(Path console) {
        try {
            List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console log: " + e + ")";
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void ensureUser() throws Exception {
        Process id = new ProcessBuilder("id", "-u", USER).redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        if (id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0) return;
        run(List.of("useradd", "-r", "-M", "-s", "/usr/sbin/nologin", USER));
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd + " did not finish");
        }
        if (p.exitValue() != 0) throw new IllegalStateException(cmd + " failed (" + p.exitValue() + "): " + out);
        return out;
    }


    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
