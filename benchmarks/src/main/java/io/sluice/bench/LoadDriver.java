package io.sluice.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end load driver: for each scenario it generates the fixed data, starts the real
 * {@code sluice} distribution with the scenario's pipeline (input → normalize → blackhole), sends the
 * data as fast as one loopback connection takes it (or lets the tail read the file), and measures
 * until the blackhole has counted every event: events/s, MiB/s, CPU% and peak RSS (VmHWM). It also
 * measures the machine's limits in the same run and writes the table to a Markdown file.
 *
 * <pre>benchmarks/run.sh [--scenarios S1,S2,S3] [--runs 5] [--scale 1.0] [--out docs/performance.md]</pre>
 * (which builds, then runs {@code java -cp ... io.sluice.bench.LoadDriver --dist packaging/target/sluice-X/sluice-X ...}).
 */
public final class LoadDriver {
    private static final Pattern COUNT = Pattern.compile(
            "^sluice_blackhole_events_total\\{[^}]*output=\"bh\"[^}]*\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

    /** Appended to every scenario's pipeline YAML, for experiments (e.g. {@code pipeline: {workers: 1}}). */
    private static String extraConfig = "";
    /** S6's export requests, encoded once before its runs. */
    private static List<byte[]> otlpRequests = List.of();

    /** How a scenario's data reaches the daemon. */
    enum Delivery { TCP, TAILED_FILE, OTLP_HTTP }

    record Scenario(String name, String description, long events, String inputYaml, Delivery delivery,
                    java.util.function.BiFunction<Long, Random, String> line, long targetEventsPerSecond,
                    String transformsYaml) {
        Scenario(String name, String description, long events, String inputYaml, Delivery delivery,
                 java.util.function.BiFunction<Long, Random, String> line, long targetEventsPerSecond) {
            this(name, description, events, inputYaml, delivery, line, targetEventsPerSecond, "");
        }
    }

    /**
     * S9's typical transform stack: Kubernetes metadata for the tailed pod (served by {@link MockApi}),
     * one redact rule, a throttle whose rate no key reaches (every event is counted at the sink).
     */
    static final String TYPICAL_TRANSFORMS = "transforms:\n"
            // no node_name: the mock server cannot select by spec.nodeName, and it holds this one pod only
            + "  - {type: kubernetes_metadata, api_server: \"%API%\"}\n"
            + "  - {type: redact, detectors: [email]}\n"
            + "  - {type: throttle, key: [kubernetes.pod.name], rate: 100000000}\n";

    /** The target for peak RSS in every scenario. */
    private static final long TARGET_RSS_MIB = 256;
    /** What follows this heading in an existing report is kept when the driver rewrites the table. */
    static final String KEPT_HEADING = "## Analysis";

    record Result(String scenario, long events, long bytes, double seconds, double cpuPercent, long peakRssKib) {
        double eventsPerSecond() { return events / seconds; }
        double mibPerSecond() { return bytes / seconds / (1024 * 1024); }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path dist = Path.of(opts.getOrDefault("--dist", "packaging/target/sluice-0.1.0-SNAPSHOT/sluice-0.1.0-SNAPSHOT"));
        int runs = Integer.parseInt(opts.getOrDefault("--runs", "5"));
        double scale = Double.parseDouble(opts.getOrDefault("--scale", "1.0"));
        List<String> wanted = List.of(opts.getOrDefault("--scenarios", "S1,S2,S3").split(","));
        Path out = Path.of(opts.getOrDefault("--out", "docs/performance.md"));
        extraConfig = opts.getOrDefault("--config-extra", "");
        Path work = Files.createTempDirectory("sluice-load");
        String loadBefore = loadAverage();

        List<Scenario> scenarios = List.of(
                new Scenario("S1", "JSON app logs (~220 B) over one TCP connection → normalize → blackhole",
                        (long) (2_000_000 * scale), "{type: tcp, listen: \"127.0.0.1:%PORT%\", format: json}", Delivery.TCP, Data::jsonLine, 1_000_000),
                new Scenario("S2", "Docker json-file log (~220 B lines) tailed from the start → normalize → blackhole",
                        (long) (2_000_000 * scale), "{type: container, paths: [\"%DIR%/*.log\"], format: docker, read_from: beginning}", Delivery.TAILED_FILE, Data::dockerLine, 800_000),
                new Scenario("S3", "RFC 5424 with structured data (~185 B) over TCP, newline framed → parse → normalize → blackhole",
                        (long) (1_000_000 * scale), "{type: syslog, listen: \"127.0.0.1:%PORT%\", protocols: [tcp]}", Delivery.TCP, Data::syslogLine, 1_500_000),
                new Scenario("S9", "S2 + transforms: kubernetes_metadata (in-process mock API server) → redact (email) → throttle",
                        (long) (2_000_000 * scale), "{type: container, paths: [\"%DIR%/*.log\"], format: docker, read_from: beginning}", Delivery.TAILED_FILE, Data::dockerLine, 800_000,
                        TYPICAL_TRANSFORMS),
                // not a target of the performance issue: compared with S1, whose records it carries
                new Scenario("S6", "S1's records as OTLP/HTTP protobuf (512 per request, 4 connections) → otlp input → blackhole",
                        (long) (2_000_000 * scale), "{type: otlp, listen: \"127.0.0.1:%PORT%\"}", Delivery.OTLP_HTTP, Data::jsonLine, 1_000_000));
        MockApi api = wanted.contains("S9") ? MockApi.withPod("default", "app", "node-1") : null;

        Map<String, List<Result>> results = new LinkedHashMap<>();
        Map<String, Long> dataBytes = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            if (!wanted.contains(s.name())) continue;
            Path data = work.resolve(s.name() + ".data");
            long bytes = generate(data, s);
            dataBytes.put(s.name(), bytes);
            if (s.delivery() == Delivery.OTLP_HTTP) {
                otlpRequests = OtlpLoad.encode(data);
                bytes = otlpRequests.stream().mapToLong(b -> b.length).sum(); // MiB/s counts what is sent
            }
            List<Result> rs = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Result r;
                try {
                    r = runOnce(dist, work, s, data, bytes, api == null ? "" : api.url());
                } catch (Exception e) { // e.g. an input type this distribution lacks: report it, go on
                    System.err.println(s.name() + " run " + (run + 1) + " failed: " + e.getMessage());
                    continue;
                }
                System.err.printf(Locale.ROOT, "%s run %d: %,.0f events/s, %.1f MiB/s, CPU %.0f%%, peak RSS %d MiB%n",
                        s.name(), run + 1, r.eventsPerSecond(), r.mibPerSecond(), r.cpuPercent(), r.peakRssKib() / 1024);
                if (r.events() >= 0) rs.add(r);
            }
            results.put(s.name(), rs);
        }
        Map<String, String> limits = limits(work, dataBytes);
        String md = report(scenarios, results, limits, runs, scale, loadBefore + " before, " + loadAverage() + " after");
        Files.createDirectories(out.toAbsolutePath().getParent());
        md += keptAnalysis(out);
        Files.writeString(out, md);
        System.out.println(md);
        deleteTree(work); // the data files are hundreds of MiB
        if (api != null) api.close();
    }

    private static long generate(Path file, Scenario s) throws IOException {
        Random r = new Random(20261125);
        long bytes = 0;
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long n = 0; n < s.events(); n++) {
                byte[] b = (s.line().apply(n, r) + "\n").getBytes(StandardCharsets.UTF_8);
                o.write(b);
                bytes += b.length;
            }
        }
        return bytes;
    }

    private static Result runOnce(Path dist, Path work, Scenario s, Path data, long bytes, String apiUrl) throws Exception {
        int port = freePort();
        int admin = freePort();
        Path runDir = Files.createTempDirectory(work, s.name());
        Path logs = Files.createDirectories(runDir.resolve("logs"));
        String input = s.inputYaml().replace("%PORT%", Integer.toString(port)).replace("%DIR%", logs.toString());
        Path config = runDir.resolve("pipeline.yaml");
        Files.writeString(config, "data_dir: " + runDir.resolve("data") + "\n"
                + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n"
                + "inputs:\n  in: " + input + "\n"
                + "outputs:\n  bh: {type: blackhole}\n"
                + s.transformsYaml().replace("%API%", apiUrl)
                + (extraConfig.isEmpty() ? "" : extraConfig + "\n"));
        ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/sluice").toString(), "run", "-c", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(runDir.resolve("stderr.log").toFile());
        Process p = pb.start();
        try {
            awaitReady(admin, p, runDir);
            long cpu0 = cpuTicks(p.pid());
            long t0 = System.nanoTime();
            if (s.delivery() == Delivery.TCP) {
                sendFile(port, data);
            } else if (s.delivery() == Delivery.OTLP_HTTP) {
                OtlpLoad.post(port, otlpRequests);
            } else {
                // appear whole in the watched directory, as a rotated-in log would
                Path tmp = runDir.resolve("pending.tmp");
                Files.copy(data, tmp);
                t0 = System.nanoTime();
                Files.move(tmp, logs.resolve("app_default_app-" + "0".repeat(64) + ".log"), StandardCopyOption.ATOMIC_MOVE);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long counted;
            while ((counted = count(admin)) < s.events()) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    System.err.println(s.name() + ": only " + counted + " of " + s.events() + " events counted; see " + runDir.resolve("stderr.log"));
                    return new Result(s.name(), -1, bytes, 1, 0, 0);
                }
                // A scrape of /metrics costs the daemon about 10 ms of CPU: polling every 10 ms would take
                // a whole core from the run. Sleep half the time the rate so far says is left (2-200 ms),
                // so a run takes a dozen scrapes and still ends within a few ms of the last event.
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double left = counted > 0 ? (s.events() - counted) / (counted / elapsed) : 0.1;
                Thread.sleep(Math.max(2, Math.min(200, (long) (left * 1000 / 2))));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = cpuTicks(p.pid()) - cpu0;
            long hwm = peakRssKib(p.pid());
            return new Result(s.name(), s.events(), bytes, seconds, 100.0 * cpu / 100.0 / seconds, hwm);
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    private static void sendFile(int port, Path data) throws IOException {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
             FileChannel f = FileChannel.open(data, StandardOpenOption.READ)) {
            long pos = 0;
            long size = f.size();
            while (pos < size) pos += f.transferTo(pos, size - pos, ch);
        }
    }

    private static void awaitReady(int admin, Process p, Path runDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("sluice exited; see " + runDir.resolve("stderr.log"));
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + admin + "/health/ready").toURL().openConnection();
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("sluice not ready in 60 s; see " + runDir.resolve("stderr.log"));
    }

    private static long count(int admin) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + admin + "/metrics").toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = COUNT.matcher(text);
                return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
            }
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    /** The machine's own limits, measured the same way on the same data. */
    private static Map<String, String> limits(Path work, Map<String, Long> dataBytes) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        Path any = work.resolve(dataBytes.keySet().iterator().next() + ".data");
        long size = Files.size(any);
        // loopback TCP into a reader that discards
        try (ServerSocket server = new ServerSocket(0)) {
            Thread sink = new Thread(() -> {
                try (var s = server.accept(); InputStream in = s.getInputStream()) {
                    byte[] buf = new byte[1 << 16];
                    while (in.read(buf) >= 0) { /* discard */ }
                } catch (IOException ignored) {
                    // done
                }
            });
            sink.start();
            long t0 = System.nanoTime();
            sendFile(server.getLocalPort(), any);
            sink.join();
            out.put("loopback TCP → discard", String.format(Locale.ROOT, "%.0f MiB/s", size / ((System.nanoTime() - t0) / 1e9) / 1048576));
        }
        // page-cache read
        long t0 = System.nanoTime();
        try (FileChannel f = FileChannel.open(any, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (f.read(b) >= 0) b.clear();
        }
        out.put("page-cache read (cat > /dev/null)", String.format(Locale.ROOT, "%.0f MiB/s", size / ((System.nanoTime() - t0) / 1e9) / 1048576));
        // single-thread Jackson token parse of S1 lines
        Path s1 = work.resolve("S1.data");
        if (Files.exists(s1)) {
            byte[] all = Files.readAllBytes(s1);
            JsonFactory jf = new JsonFactory();
            long best = Long.MAX_VALUE;
            long lines = 0;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                lines = 0;
                int from = 0;
                for (int i = 0; i < all.length; i++) {
                    if (all[i] == '\n') {
                        try (JsonParser p = jf.createParser(all, from, i - from)) {
                            while (p.nextToken() != null) { /* tokens only */ }
                        }
                        lines++;
                        from = i + 1;
                    }
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            out.put("Jackson token parse of S1, one thread", String.format(Locale.ROOT, "%,.0f lines/s", lines / (best / 1e9)));
        }
        return out;
    }

    private static String report(List<Scenario> scenarios, Map<String, List<Result>> results, Map<String, String> limits,
                                 int runs, double scale, String load) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Measured by the end-to-end load driver (`io.sluice.bench.LoadDriver`) against the real distribution with its "
                + "default settings, pipeline `input → normalize → blackhole`, every count verified through `/metrics`. "
                + "Medians of ").append(runs).append(" runs").append(scale != 1.0 ? " at scale " + scale : "").append(".\n\n");
        md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(cpuModel()).append(", Java ").append(System.getProperty("java.version"))
                .append(", ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append("; 1-minute load average ").append(load).append(" (other work on the machine skews every figure).\n\n");
        md.append("Each row is the median run by events/s (its MiB/s counts the bytes sent, CPU % is the daemon's user+system "
                + "time over the run's wall time, 200% being both cores of a 2-core machine); peak RSS is the highest `VmHWM` of all runs.\n\n");
        md.append("| scenario | events | events/s | MiB/s | CPU % | peak RSS | target met? |\n|---|---|---|---|---|---|---|\n");
        for (Scenario s : scenarios) {
            List<Result> rs = results.get(s.name());
            if (rs == null) continue;
            if (rs.isEmpty()) {
                md.append("| ").append(s.name()).append(" | ").append(s.events()).append(" | failed: see the driver's output | | | |\n");
                continue;
            }
            Result m = median(rs);
            long maxRss = rs.stream().mapToLong(Result::peakRssKib).max().orElse(0);
            String speed = m.eventsPerSecond() >= s.targetEventsPerSecond() ? "yes" : String.format(Locale.ROOT, "no: %.0f%% of %,d/s",
                    100 * m.eventsPerSecond() / s.targetEventsPerSecond(), s.targetEventsPerSecond());
            String rss = maxRss / 1024 <= TARGET_RSS_MIB ? "RSS yes" : "RSS no (" + TARGET_RSS_MIB + " MiB)";
            md.append(String.format(Locale.ROOT, "| %s: %s | %,d | %,.0f | %.0f | %.0f | %d MiB | events/s %s; %s |%n", s.name(),
                    s.description(), s.events(), m.eventsPerSecond(), m.mibPerSecond(), m.cpuPercent(), maxRss / 1024, speed, rss));
        }
        md.append("\nLimits of this machine, measured in the same run:\n\n| limit | value |\n|---|---|\n");
        limits.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append("\nReproduce on an idle machine (check `uptime`): `benchmarks/run.sh` from the project root builds the "
                + "distribution and runs this driver with the defaults (`--scenarios S1,S2,S3 --runs 5 --scale 1.0 --out "
                + "docs/performance.md`); see docs/benchmarks.md.\n");
        return md.toString();
    }

    private static Result median(List<Result> rs) {
        List<Result> sorted = new ArrayList<>(rs);
        sorted.sort((a, b) -> Double.compare(a.eventsPerSecond(), b.eventsPerSecond()));
        return sorted.get(sorted.size() / 2);
    }

    /** The hand-written analysis of an earlier report (from {@link #KEPT_HEADING} on), to keep under the new table. */
    private static String keptAnalysis(Path out) throws IOException {
        if (!Files.exists(out)) return "";
        String old = Files.readString(out);
        int at = old.indexOf("\n" + KEPT_HEADING + "\n");
        return at < 0 ? "" : old.substring(at);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) return l.substring(l.indexOf(':') + 1).trim();
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) m.put(args[i], args[i + 1]);
        return Collections.unmodifiableMap(m);
    }
}
