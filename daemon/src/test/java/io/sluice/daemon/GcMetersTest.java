package io.sluice.daemon;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.core.testkit.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
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
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The GC meters polled from the JVM's beans against Micrometer's, which a notification per collection feeds. */
class GcMetersTest {
    private static final GarbageCollectorMXBean MAJOR = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(gc -> GcMeters.action(gc.getName()).equals("end of major GC")).findFirst().orElseThrow();
    private static final GarbageCollectorMXBean MINOR = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .filter(gc -> GcMeters.action(gc.getName()).equals("end of minor GC")).findFirst().orElseThrow();

    /** Dashboards and alerts written against Micrometer's meters keep working: same families, types and labels, less {@code cause}. */
    @Test
    void exportsMicrometersFamiliesTypesAndLabelsLessTheCause() {
        PrometheusMeterRegistry micrometers = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PrometheusMeterRegistry ours = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GcMeters().bindTo(ours);
        try (JvmGcMetrics theirs = new JvmGcMetrics()) {
            theirs.bindTo(micrometers);
            // Micrometer registers a collector's pause timer at its first notification: one of each kind
            System.gc();
            youngCollection();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                String text = micrometers.scrape();
                return text.contains(MAJOR.getName()) && text.contains(MINOR.getName());
            });
        }
        assertThat(families(ours.scrape())).isNotEmpty().isEqualTo(families(micrometers.scrape()));
    }

    @Test
    void aPauseIsCountedTimedAndItsMaxIsTheCollectorsOwnWhenOneRanBetweenScrapes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GcMeters().bindTo(registry);
        String[] major = {"gc", MAJOR.getName(), "action", "end of major GC"};
        PrometheusText before = PrometheusText.parse(registry.scrape());
        long millisBefore = MAJOR.getCollectionTime();
        System.gc(); // one major collection (G1: a full GC), nothing else runs the major collector here
        long millis = MAJOR.getCollectionTime() - millisBefore;
        PrometheusText after = PrometheusText.parse(registry.scrape());

        assertThat(after.value("jvm_gc_pause_seconds_count", major)).isEqualTo(MAJOR.getCollectionCount())
                .isEqualTo(before.value("jvm_gc_pause_seconds_count", major) + 1);
        assertThat(after.value("jvm_gc_pause_seconds_sum", major)).isEqualTo(MAJOR.getCollectionTime() / 1000.0);
        assertThat(after.value("jvm_gc_pause_seconds_max", major)).isEqualTo(millis / 1000.0);
        String[] minor = {"gc", MINOR.getName(), "action", "end of minor GC"};
        youngCollection();
        PrometheusText later = PrometheusText.parse(registry.scrape());
        assertThat(later.value("jvm_gc_pause_seconds_count", minor)).isPositive();
        assertThat(later.value("jvm_gc_pause_seconds_max", minor)).isLessThanOrEqualTo(later.value("jvm_gc_pause_seconds_sum", minor));
        // the max of a timer lasts two minutes, not until the next scrape
        assertThat(later.value("jvm_gc_pause_seconds_max", major)).isEqualTo(millis / 1000.0);
    }

    @Test
    void allocatedBytesCountWhatAThreadAllocatedAlsoAfterItEnded() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GcMeters().bindTo(registry);
        double before = PrometheusText.parse(registry.scrape()).value("jvm_gc_memory_allocated_bytes_total");
        Thread thread = new Thread(() -> allocate(32 << 20));
        thread.start();
        thread.join();
        double after = PrometheusText.parse(registry.scrape()).value("jvm_gc_memory_allocated_bytes_total");
        assertThat(after - before).isGreaterThanOrEqualTo(32 << 20);
    }

    @Test
    void liveDataIsTheOldGenerationAfterAMajorCollectionWithinItsMax() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new GcMeters().bindTo(registry);
        byte[][] kept = new byte[16][];
        for (int i = 0; i < kept.length; i++) kept[i] = new byte[1 << 20];
        System.gc();
        PrometheusText m = PrometheusText.parse(registry.scrape());
        assertThat(m.value("jvm_gc_live_data_size_bytes")).isGreaterThanOrEqualTo(kept.length << 20)
                .isLessThanOrEqualTo(m.value("jvm_gc_max_data_size_bytes"));
        assertThat(m.value("jvm_gc_max_data_size_bytes")).isEqualTo(ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> LongLivedHeap.isLongLived(p.getName())).mapToLong(p -> p.getUsage().getMax()).sum());
        // a meter holds its object weakly: these must outlive the collection
        assertThat(m.value("jvm_gc_memory_promoted_bytes_total")).isNotNaN().isNotNegative();
        assertThat(kept[kept.length - 1]).hasSize(1 << 20);
    }

    /** The daemon as shipped runs the Serial collector: a real child JVM's /metrics names both of its collectors. */
    @Test
    void aDaemonProcessExportsItsSerialCollectorsPausesWithoutACause(@TempDir Path dir) throws Exception {
        int[] ports = FreePorts.distinct(2);
        Path config = Files.writeString(dir.resolve("pipeline.yaml"), """
                data_dir: %s
                admin: {listen: "127.0.0.1:%d"}
                inputs: {app: {type: tcp, listen: "127.0.0.1:%d"}}
                outputs: {out: {type: blackhole}}
                """.formatted(dir.resolve("data"), ports[0], ports[1]));
        try (DaemonProcess daemon = DaemonProcess.running(dir, config);
             Socket socket = new Socket("127.0.0.1", ports[1]);
             OutputStream out = socket.getOutputStream()) {
            byte[] line = ("{\"msg\":\"" + "x".repeat(1000) + "\"}\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50_000; i++) out.write(line); // ~50 MB through a 256 MiB heap: young collections
            out.flush();
            String[] young = {"gc", "Copy", "action", "end of minor GC"};
            String[] full = {"gc", "MarkSweepCompact", "action", "end of major GC"};
            URI metrics = URI.create("http://127.0.0.1:" + ports[0] + "/metrics");
            await().atMost(Duration.ofSeconds(60)).until(() -> PrometheusText.parse(get(metrics))
                    .value("sluice_events_in_total", "input", "app") == 50_000);
            PrometheusText m = PrometheusText.parse(get(metrics));
            assertThat(m.value("jvm_gc_pause_seconds_count", young)).isPositive();
            assertThat(m.value("jvm_gc_pause_seconds_max", young)).isPositive()
                    .isLessThanOrEqualTo(m.value("jvm_gc_pause_seconds_sum", young));
            assertThat(m.series).containsKeys("jvm_gc_pause_seconds_count{action=\"end of major GC\",gc=\"MarkSweepCompact\"}",
                    "jvm_gc_memory_promoted_bytes_total", "jvm_gc_live_data_size_bytes", "jvm_gc_max_data_size_bytes");
            assertThat(m.value("jvm_gc_pause_seconds_count", full)).isNotNegative();
            assertThat(m.value("jvm_gc_memory_allocated_bytes_total")).isGreaterThan(50_000.0 * line.length);
            assertThat(m.series.keySet()).noneMatch(series -> series.startsWith("jvm_gc") && series.contains("cause="));
        }
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Each jvm_gc family with its type and label names ({@code cause} left out), e.g. {@code jvm_gc_pause_seconds summary [action, gc]}. */
    private static TreeSet<String> families(String scrape) {
        PrometheusText m = PrometheusText.parse(scrape);
        Map<String, String> types = m.types;
        return m.series.keySet().stream().filter(k -> k.startsWith("jvm_gc_")).map(series -> {
            String name = series.replaceFirst("\\{.*", "");
            String family = types.containsKey(name) ? name : name.replaceFirst("_(count|sum)$", "");
            TreeSet<String> labels = new TreeSet<>();
            for (String pair : series.replaceFirst("^[^{]*\\{?", "").replaceFirst("}$", "").split(",(?=[a-z_]+=)")) {
                if (!pair.isEmpty() && !pair.startsWith("cause=")) labels.add(pair.replaceFirst("=.*", ""));
            }
            return family + " " + types.get(family) + " " + labels;
        }).collect(Collectors.toCollection(TreeSet::new));
    }

    private static volatile Object sink;

    /** Allocates until the young collector has run once more (Micrometer's listener then sees one). */
    private static void youngCollection() {
        long count = MINOR.getCollectionCount();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (MINOR.getCollectionCount() == count && System.nanoTime() < until) allocate(1 << 20);
    }

    private static void allocate(int bytes) {
        for (int i = 0; i < bytes / 4096; i++) sink = new byte[4096];
    }
}
