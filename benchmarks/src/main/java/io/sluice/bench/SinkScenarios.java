package io.sluice.bench;

import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.outputs.elasticsearch.BenchmarkNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sink scenarios of the performance suite: S4 (S1's JSON lines over one TCP connection → the
 * {@code kafka} output → a real local broker), S5 (the same → the {@code elasticsearch} output →
 * a real local node, once per bulk size), S8 (the same → the {@code http} output → a local receiver
 * counting NDJSON lines) and S7 (the same → the {@code otlp} output → a local OTLP/HTTP receiver
 * counting log records). The broker and node come from the outputs module's test
 * harnesses; the router is the real distribution with its default settings. Each run is timed from
 * the first byte sent until {@code sluice_events_out_total} of the output reaches the event count
 * (the sink acknowledged every event), then the sink's own count is checked independently: a plain
 * consumer reads the topic back, {@code _count} after {@code _refresh}, or the receiver's own count.
 *
 * <pre>java -cp ... io.sluice.bench.SinkScenarios --dist packaging/target/sluice-X/sluice-X --es-home DIR
 *      [--scenarios baseline,S4,S5,S8,S7] [--runs 3] [--kafka-events 500000] [--es-events 200000] [--http-events 500000]
 *      [--bulk-sizes 1000,2500,5000,10000] [--out docs/performance-sinks.md]</pre>
 */
public final class SinkScenarios {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    /** One measured run; problem is null when the sink holds exactly the events sent, else what is wrong. */
    record Run(long events, long bytes, double seconds, double cpuPercent, long peakRssKib, String problem) {
        static Run failed(String problem) { return new Run(0, 0, 1, 0, 0, problem); }
        boolean ok() { return problem == null; }
        double eventsPerSecond() { return events / seconds; }
        double mibPerSecond() { return bytes / seconds / (1024 * 1024); }
    }

    /** The runs of one configuration, and the load average when it started. */
    record Row(String scenario, String config, long events, List<Run> runs, String loadAverage) {
        Run median() {
            List<Run> ok = new ArrayList<>(runs.stream().filter(Run::ok).toList());
            if (ok.isEmpty()) return null;
            ok.sort(Comparator.comparingDouble(Run::eventsPerSecond));
            return ok.get(ok.size() / 2);
        }
    }

    private final Path dist;
    private final Path work;
    private final int runs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SinkScenarios(Path dist, Path work, int runs) {
        this.dist = dist;
        this.work = work;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) o.put(args[i], args[i + 1]);
        Path dist = Path.of(o.getOrDefault("--dist", "packaging/target/sluice-0.1.0-SNAPSHOT/sluice-0.1.0-SNAPSHOT"));
        Path esHome = Path.of(o.getOrDefault("--es-home", "outputs/target/es-dist/elasticsearch-8.19.0"));
        List<String> wanted = List.of(o.getOrDefault("--scenarios", "baseline,S4,S5,S8,S7").split(","));
        int runs = Integer.parseInt(o.getOrDefault("--runs", "3"));
        long kafkaEvents = Long.parseLong(o.getOrDefault("--kafka-events", "500000"));
        long esEvents = Long.parseLong(o.getOrDefault("--es-events", "200000"));
        long httpEvents = Long.parseLong(o.getOrDefault("--http-events", "500000"));
        List<Integer> bulkSizes = List.of(o.getOrDefault("--bulk-sizes", "1000,2500,5000,10000").split(","))
                .stream().map(Integer::parseInt).toList();
        Path out = Path.of(o.getOrDefault("--out", "docs/performance-sinks.md"));

        Path work = Files.createTempDirectory("sluice-sinks");
        try {
            run(new SinkScenarios(dist, work, runs), o, out, esHome, wanted, kafkaEvents, esEvents, httpEvents, bulkSizes);
        } finally {
            // the generated data and each run's data_dir: a few hundred MiB
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void run(SinkScenarios bench, Map<String, String> o, Path out, Path esHome, List<String> wanted,
                            long kafkaEvents, long esEvents, long httpEvents, List<Integer> bulkSizes) throws Exception {
        List<Row> rows = new ArrayList<>();
        // the document is rewritten after every row, so an interrupted run still leaves what it measured
        Consumer<List<Row>> write = more -> {
            try {
                Files.writeString(out, Report.markdown(Stream.concat(rows.stream(), more.stream()).toList(), bench.runs, o));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        if (wanted.contains("baseline")) rows.add(bench.baseline(Math.max(kafkaEvents, esEvents)));
        write.accept(List.of());
        if (wanted.contains("S4")) rows.add(bench.kafka(kafkaEvents));
        write.accept(List.of());
        if (wanted.contains("S5")) rows.addAll(bench.elasticsearch(esHome, esEvents, bulkSizes, write));
        write.accept(List.of());
        if (wanted.contains("S8")) rows.add(bench.httpReceiver("S8", httpEvents, "/ingest", CountingReceiver.Counting.NDJSON_LINES,
                url -> "{type: http, uri: \"" + url + "\"}", "http output, defaults (NDJSON, gzip), local counting receiver"));
        write.accept(List.of());
        if (wanted.contains("S7")) rows.add(bench.httpReceiver("S7", httpEvents, "/v1/logs", CountingReceiver.Counting.OTLP_RECORDS,
                url -> "{type: otlp, endpoint: \"" + url + "\"}", "otlp output, defaults (protobuf, gzip), local OTLP receiver"));
        write.accept(List.of());
        System.out.println(Files.readString(out));
    }

    /** The same data into the blackhole, at the same moment: what the router does without a sink's cost. */
    private Row baseline(long events) throws Exception {
        Path data = generate(events);
        String load = loadAverage();
        List<Run> rs = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            rs.add(report("baseline", run, runOnce(data, events, "{type: blackhole}", n -> null)));
        }
        return new Row("S1", "blackhole output (baseline, not verified beyond its own count)", events, rs, load);
    }

    private Row kafka(long events) throws Exception {
        Path data = generate(events);
        String load = loadAverage();
        System.err.println("S4: starting a Kafka broker");
        try (KafkaBroker broker = KafkaBroker.start()) {
            List<Run> rs = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                String topic = "bench-" + run;
                broker.createTopic(topic, 1);
                String output = "{type: kafka, bootstrap_servers: [\"" + broker.bootstrapServers() + "\"], topic: " + topic + "}";
                rs.add(report("S4", run, runOnce(data, events, output, n -> checkTopic(broker, topic, n))));
            }
            return new Row("S4", "kafka output, defaults (zstd, acks=all, idempotent), topic of 1 partition", events, rs, load);
        }
    }

    /** S8 and S7: the output POSTs to a {@link CountingReceiver}, whose count is the run's check. */
    private Row httpReceiver(String scenario, long events, String path, CountingReceiver.Counting counting,
                             java.util.function.Function<String, String> outputYaml, String config) throws Exception {
        Path data = generate(events);
        String load = loadAverage();
        List<Run> rs = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try (CountingReceiver receiver = new CountingReceiver(path, counting)) {
                rs.add(report(scenario, run, runOnce(data, events, outputYaml.apply(receiver.url(path)), receiver::check)));
            }
        }
        return new Row(scenario, config, events, rs, load);
    }

    private List<Row> elasticsearch(Path esHome, long events, List<Integer> bulkSizes, Consumer<List<Row>> written) throws Exception {
        Path data = generate(events);
        System.err.println("S5: starting an Elasticsearch node");
        List<Row> rows = new ArrayList<>();
        try (BenchmarkNode node = BenchmarkNode.start(esHome)) {
            for (int bulk : bulkSizes) {
                String load = loadAverage();
                List<Run> rs = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    // max_bytes is lifted so the bulk size, not the 4 MiB default, bounds each request
                    // a data stream of its own per run, so each count is the run's alone
                    String stream = "logs-bench" + bulk + "r" + run + "-default";
                    String output = "{type: elasticsearch, hosts: [\"" + node.url() + "\"], data_stream: " + stream
                            + ", batch: {max_events: " + bulk + ", max_bytes: 256MiB}}";
                    rs.add(report("S5 bulk " + bulk, run, runOnce(data, events, output, n -> checkIndex(node.url(), stream, n))));
                }
                rows.add(new Row("S5", "elasticsearch output, batch.max_events " + bulk, events, rs, load));
                written.accept(rows);
            }
        }
        return rows;
    }

    /** A check of what the sink holds once the router reported everything delivered: null when right, else the problem. */
    interface Verifier {
        String check(long expected) throws Exception;
    }

    private Run runOnce(Path data, long events, String outputYaml, Verifier verifier) throws Exception {
        int port = freePort();
        int admin = freePort();
        Path dir = Files.createTempDirectory(work, "run");
        Path config = dir.resolve("pipeline.yaml");
        Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n"
                + "admin: {listen: \"127.0.0.1:" + admin + "\"}\n"
                + "inputs:\n  in: {type: tcp, listen: \"127.0.0.1:" + port + "\", format: json}\n"
                + "outputs:\n  sink: " + outputYaml + "\n");
        Path stderr = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(dist.resolve("bin/sluice").toString(), "run", "-c", config.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
        try {
            Metrics metrics = new Metrics(http, admin);
            metrics.awaitReady(p, stderr);
            long bytes = Files.size(data);
            long cpu0 = LoadDriver.cpuTicks(p.pid());
            long t0 = System.nanoTime();
            sendFile(port, data);
            long deadline = t0 + RUN_TIMEOUT.toNanos();
            long out;
            while ((out = metrics.eventsOut("sink")) < events) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    return Run.failed("only " + out + " of " + events + " events delivered; see " + stderr);
                }
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = LoadDriver.cpuTicks(p.pid()) - cpu0;
            long hwm = LoadDriver.peakRssKib(p.pid());
            return new Run(events, bytes, seconds, cpu / seconds, hwm, verifier.check(events));
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    private static Run report(String what, int run, Run r) {
        System.err.printf(Locale.ROOT, "%s run %d: %,.0f events/s, %.1f MiB/s, CPU %.0f%%, peak RSS %d MiB: %s%n",
                what, run, r.eventsPerSecond(), r.mibPerSecond(), r.cpuPercent(), r.peakRssKib() / 1024,
                r.ok() ? "sink verified" : "FAILED: " + r.problem());
        return r;
    }

    /**
     * Reads the topic back from the beginning with a plain consumer: as many records as events sent,
     * each holding exactly one JSON object.
     */
    private static String checkTopic(KafkaBroker broker, String topic, long expected) throws IOException {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteBufferDeserializer.class,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        try (KafkaConsumer<byte[], ByteBuffer> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long count = 0;
            long notOneEvent = 0;
            int idle = 0;
            // read until the topic stays quiet for two seconds, so duplicates would show as well as losses
            while (idle < 10) {
                var recs = consumer.poll(Duration.ofMillis(200));
                int n = recs.count();
                count += n;
                for (var rec : recs) if (!oneJsonObject(rec.value())) notOneEvent++;
                idle = n == 0 ? idle + 1 : 0;
            }
            if (count != expected) return "the topic holds " + count + " records, not " + expected;
            if (notOneEvent > 0) return notOneEvent + " of the topic's records do not hold exactly one JSON object";
            return null;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static boolean oneJsonObject(ByteBuffer value) throws IOException {
        try (JsonParser p = JSON.createParser(value.array(), value.arrayOffset() + value.position(), value.remaining())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (JsonParseException e) {
            return false;
        }
    }

    /** The data stream's document count after a refresh: as many documents as events sent. */
    private String checkIndex(String url, String stream, long expected) throws Exception {
        es(url, "POST", "/" + stream + "/_refresh");
        String body = es(url, "GET", "/" + stream + "/_count");
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(body);
        if (!m.find()) throw new IllegalStateException("unexpected _count answer: " + body);
        long count = Long.parseLong(m.group(1));
        return count == expected ? null : "the data stream holds " + count + " documents, not " + expected;
    }

    private String es(String url, String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** S1's data (same seed as the load driver): n JSON lines of about 220 bytes. */
    private Path generate(long n) throws IOException {
        Path file = work.resolve("S1-" + n + ".data");
        if (Files.exists(file)) return file;
        Random r = new Random(20261125);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < n; i++) o.write((Data.jsonLine(i, r) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    private static void sendFile(int port, Path data) throws IOException {
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
             FileChannel f = FileChannel.open(data, StandardOpenOption.READ)) {
            for (long pos = 0, size = f.size(); pos < size; ) pos += f.transferTo(pos, size - pos, ch);
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Writes the results as Markdown with the machine they ran on and how to reproduce them. */
    static final class Report {
        private Report() {}

        static String markdown(List<Row> rows, int runs, Map<String, String> args) {
            StringBuilder md = new StringBuilder("# Performance: sinks (S4 Kafka, S5 Elasticsearch, S8 HTTP, S7 OTLP)\n\n");
            md.append("Measured by `io.sluice.bench.SinkScenarios` (run `benchmarks/run-sinks.sh`) on ")
                    .append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0)).append(". S1's data (JSON application-log lines of about ")
                    .append("220 bytes) goes over one loopback TCP connection into the real distribution with its default settings "
                            + "(`tcp` input, `format: json` → normalize → the sink), each run timed from the first byte sent until "
                            + "`sluice_events_out_total` of the output reached the event count, i.e. the sink acknowledged every event. "
                            + "Every run's count was then checked at the sink itself: a plain Kafka consumer read the topic back, "
                            + "Elasticsearch's `_count` after `_refresh`, or the count of the local HTTP receiver (S8: NDJSON lines, "
                            + "S7: OTLP log records; the JDK's HTTP server, 2 threads, answering 200). Medians of ").append(runs)
                    .append(" runs. CPU % and peak RSS (`VmHWM`) are the Sluice process's only; the broker and the node run on "
                            + "the same cores.\n\n");
            md.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ").append(Machine.cpu())
                    .append(", ").append(Machine.memory()).append(", Java ").append(System.getProperty("java.version"))
                    .append(". Kafka 4.1.1 broker (KRaft, one node, `-Xmx256m`, 2 network and 2 I/O threads, log on the local disk); "
                            + "Elasticsearch 8.19.0 (one node, `-Xmx512m`, security off). The machine was shared with other builds: "
                            + "the load average when each row started is in the table.\n\n");
            md.append("| scenario | configuration | events | events/s | MiB/s | CPU % | peak RSS | runs ok | load avg (1/5/15 min) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            Row bestEs = null;
            for (Row row : rows) {
                Run m = row.median();
                long ok = row.runs().stream().filter(Run::ok).count();
                if (m == null) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %,d | failed | | | | 0/%d | %s |%n",
                            row.scenario(), row.config(), row.events(), row.runs().size(), row.loadAverage()));
                    continue;
                }
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.1f | %.0f | %d MiB | %d/%d | %s |%n",
                        row.scenario(), row.config(), row.events(), m.eventsPerSecond(), m.mibPerSecond(), m.cpuPercent(),
                        m.peakRssKib() / 1024, ok, row.runs().size(), row.loadAverage()));
                if (row.scenario().equals("S5") && (bestEs == null || m.eventsPerSecond() > bestEs.median().eventsPerSecond())) {
                    bestEs = row;
                }
            }
            if (bestEs != null) {
                md.append("\nBest Elasticsearch bulk size here: **").append(bestEs.config().replaceAll(".* ", ""))
                        .append(String.format(Locale.ROOT, "** events per request (%,.0f events/s).%n", bestEs.median().eventsPerSecond()));
            }
            md.append("\nEvery run (events/s):\n\n");
            for (Row row : rows) {
                md.append("- ").append(row.scenario()).append(", ").append(row.config()).append(": ");
                md.append(String.join(", ", row.runs().stream().map(r -> r.events() == 0 ? "failed: " + r.problem()
                        : String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()) + (r.ok() ? "" : " (not counted: " + r.problem() + ")"))
                        .toList())).append('\n');
            }
            md.append("\nReproduce: `benchmarks/run-sinks.sh` (builds the distribution and the benchmarks offline, unpacks "
                    + "Elasticsearch from the local Maven repository, then runs S4 and S5). Arguments after the script go to "
                    + "`SinkScenarios`; this run used: `").append(args.isEmpty() ? "(defaults)" : String.join(" ",
                    args.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append("`.\n");
            return md.toString();
        }
    }

    /** Facts about the machine for the report. */
    static final class Machine {
        private Machine() {}

        static String cpu() {
            return firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown CPU");
        }

        static String memory() {
            String kib = firstValue(Path.of("/proc/meminfo"), "MemTotal", "").replaceAll("[^0-9]", "");
            return kib.isEmpty() ? "unknown memory" : (Long.parseLong(kib) / 1024 / 1024 + 1) + " GiB RAM";
        }

        private static String firstValue(Path file, String key, String otherwise) {
            try {
                for (String l : Files.readAllLines(file)) {
                    if (l.startsWith(key)) return l.substring(l.indexOf(':') + 1).trim();
                }
            } catch (IOException ignored) {
                // not Linux
            }
            return otherwise;
        }
    }

    /** The router's admin endpoint: readiness and the output counter. */
    static final class Metrics {
        private final HttpClient http;
        private final int port;

        Metrics(HttpClient http, int port) {
            this.http = http;
            this.port = port;
        }

        void awaitReady(Process p, Path stderr) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) throw new IllegalStateException("sluice exited; see " + stderr);
                try {
                    if (get("/health/ready").statusCode() == 200) return;
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("sluice not ready in 60 s; see " + stderr);
        }

        long eventsOut(String output) throws Exception {
            try {
                Pattern line = Pattern.compile("^sluice_events_out_total\\{[^}]*output=\"" + output + "\"[^}]*\\} ([0-9.eE+]+)$",
                        Pattern.MULTILINE);
                Matcher m = line.matcher(get("/metrics").body());
                return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
            } catch (IOException e) {
                return 0;
            }
        }

        private HttpResponse<String> get(String path) throws Exception {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }
}
