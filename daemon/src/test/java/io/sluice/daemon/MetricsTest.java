package io.sluice.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * After a known run through an in-process daemon (TCP in, file out, a lossy sink, dead letters and
 * unrouted events), {@code GET /metrics} parses as Prometheus text and its counters equal what was
 * sent, delivered, dropped and dead-lettered.
 */
class MetricsTest {
    private static final int KEPT = 1000;
    private static final int UNROUTED = 200;
    private static final int INVALID = 50;

    @TempDir
    Path dir;

    @Test
    void eventsSluiceTagsAreCountedByInputAndTag() throws Exception {
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", format: json, max_line_bytes: 1KiB}
                outputs:
                  out: {type: blackhole}
                """;
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            // an upstream collector's own tags pass through uncounted (they are not a bounded label set)
            d.send("app", List.of("not json 1", "not json 2", "not json 3", "{\"msg\":\"" + "x".repeat(2000) + "\"}",
                    "{\"msg\":\"fine\",\"tags\":[\"team-a\"]}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(d.get("/metrics").body())
                    .value("sluice_events_in_total", "input", "app") == 5);
            PrometheusText m = PrometheusText.parse(d.get("/metrics").body());
            assertThat(m.value("sluice_events_tagged_total", "input", "app", "tag", "parse_failed")).isEqualTo(4);
            assertThat(m.value("sluice_events_tagged_total", "input", "app", "tag", "truncated")).isEqualTo(1);
            assertThat(d.get("/metrics").body()).doesNotContain("team-a");
        }
    }

    @Test
    void logfmtLinesReadOnlyInPartAreCountedAsParseFailed() throws Exception {
        String pipeline = """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", format: logfmt}
                outputs:
                  out: {type: blackhole}
                """;
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            d.send("app", List.of("level=info msg=fine", "level=info =secret msg=a", "a=1 \"quoted\" msg=b", "ts=1 msg=c"));
            await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusText.parse(d.get("/metrics").body())
                    .value("sluice_events_in_total", "input", "app") == 4);
            PrometheusText m = PrometheusText.parse(d.get("/metrics").body());
            assertThat(m.value("sluice_events_tagged_total", "input", "app", "tag", "parse_failed")).isEqualTo(2);
        }
    }

    @Test
    void countersEqualTheEventsSentDeliveredDroppedAndDeadLettered() throws Exception {
        Path archive = dir.resolve("out/archive.ndjson");
        Path dead = dir.resolve("dead.ndjson");
        // small raw batches: the stalled sink's 64 KiB buffer then gets many slices, and the ones after
        // it is full are dropped whatever the timing (one 512-record slice would be admitted whole)
        String pipeline = """
                pipeline: {batch_max_records: 20}
                normalize: {on_invalid: dead_letter}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                routes:
                  - name: api
                    when: {field: service.name, in: [api]}
                    to: [archive, lossy]
                outputs:
                  archive: {type: file, path: "%s"}
                  lossy: {type: test_gate, buffer: {max_bytes: 64KiB, when_full: drop_newest}, batch: {max_events: 10}}
                dead_letter: {type: file, path: "%s"}
                """.formatted(archive, dead);
        GateOutputPlugin.open = false; // the lossy sink stalls: its small buffer fills and drops
        GateOutputPlugin.DELIVERED.set(0);
        GateOutputPlugin.SEEN.clear();
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < KEPT; i++) lines.add("{\"service\":\"api\",\"msg\":\"kept " + i + "\",\"pad\":\"" + "p".repeat(200) + "\"}");
            for (int i = 0; i < UNROUTED; i++) lines.add("{\"service\":\"web\",\"msg\":\"unrouted " + i + "\"}");
            for (int i = 0; i < INVALID; i++) lines.add("{\"service\":\"api\",\"msg\":\"bad " + i + "\",\"trace_id\":\"zz\"}");
            d.send("app", lines);
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningDaemon.lines(archive).size() == KEPT && RunningDaemon.lines(dead).size() == INVALID);
            GateOutputPlugin.open = true;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                PrometheusText m = PrometheusText.parse(d.get("/metrics").body());
                return m.value("sluice_events_out_total", "output", "lossy")
                        + m.value("sluice_events_dropped_total", "component", "output.lossy", "reason", "buffer_full") == KEPT
                        && m.value("sluice_events_out_total", "output", "dead_letter") == INVALID;
            });

            var response = d.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
            PrometheusText m = PrometheusText.parse(response.body());

            assertThat(m.value("sluice_events_in_total", "input", "app")).isEqualTo(KEPT + UNROUTED + INVALID);
            assertThat(m.value("sluice_events_out_total", "output", "archive")).isEqualTo(KEPT);
            double lossyOut = m.value("sluice_events_out_total", "output", "lossy");
            double lossyDropped = m.value("sluice_events_dropped_total", "component", "output.lossy", "reason", "buffer_full");
            assertThat(lossyDropped).as("the stalled sink dropped").isPositive();
            assertThat(lossyOut).isEqualTo(GateOutputPlugin.DELIVERED.get()).isEqualTo(KEPT - lossyDropped);
            assertThat(m.value("sluice_events_dropped_total", "component", "router", "reason", "unrouted")).isEqualTo(UNROUTED);
            assertThat(m.value("sluice_events_dead_lettered_total", "stage", "normalize", "type", "invalid_value")).isEqualTo(INVALID);
            assertThat(m.value("sluice_events_out_total", "output", "dead_letter")).isEqualTo(INVALID);
            assertThat(m.value("sluice_bytes_in_total", "input", "app")).isPositive();
            // bytes out count the events' JSON; the file adds a line feed to each
            assertThat(m.value("sluice_bytes_out_total", "output", "archive")).isEqualTo(Files.size(archive) - KEPT);

            // per-sink distributions: batch sizes add up to the events sent; one send-time and one
            // end-to-end observation per batch
            assertThat(m.value("sluice_sink_batch_events_sum", "output", "archive")).isEqualTo(KEPT);
            double batches = m.value("sluice_sink_batch_events_count", "output", "archive");
            assertThat(batches).isBetween(1.0, (double) KEPT);
            assertThat(m.value("sluice_sink_send_seconds_count", "output", "archive")).isEqualTo(batches);
            assertThat(m.value("sluice_sink_end_to_end_seconds_count", "output", "archive")).isEqualTo(batches);
            assertThat(m.value("sluice_sink_send_seconds_bucket", "output", "archive", "le", "+Inf")).isEqualTo(batches);
            assertThat(m.types).containsEntry("sluice_sink_send_seconds", "histogram")
                    .containsEntry("sluice_events_in_total", "counter")
                    .containsEntry("sluice_buffer_bytes", "gauge")
                    .containsKey("jvm_memory_used_bytes");
            assertThat(m.value("sluice_sink_circuit_state", "output", "archive")).isZero();
            assertThat(m.value("sluice_buffer_max_bytes", "output", "lossy")).isEqualTo(64 * 1024);
        } finally {
            GateOutputPlugin.open = true;
        }
    }

    /** The JVM's GC meters under the names, types and labels dashboards read (docs/operations.md), from the collectors' beans. */
    @Test
    void gcMetersKeepMicrometersNamesAndCountTheCollectorsCollections() throws Exception {
        String pipeline = "inputs: {app: {type: tcp, listen: \"127.0.0.1:0\"}}\noutputs: {out: {type: blackhole}}\n";
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> d.get("/metrics").body().contains("jvm_gc_pause_seconds_count"));
            System.gc(); // one full collection: the old collector's count and time move
            PrometheusText m = PrometheusText.parse(d.get("/metrics").body());
            assertThat(m.types).containsEntry("jvm_gc_pause_seconds", "summary")
                    .containsEntry("jvm_gc_pause_seconds_max", "gauge")
                    .containsEntry("jvm_gc_memory_allocated_bytes_total", "counter")
                    .containsEntry("jvm_gc_memory_promoted_bytes_total", "counter")
                    .containsEntry("jvm_gc_live_data_size_bytes", "gauge")
                    .containsEntry("jvm_gc_max_data_size_bytes", "gauge");
            // every collector of this JVM (G1 here, Serial in the distribution) by its name and HotSpot's action
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                String labels = "{action=\"%s\",gc=\"%s\"}".formatted(GcMeters.action(gc.getName()), gc.getName());
                assertThat(m.series).containsKeys("jvm_gc_pause_seconds_count" + labels, "jvm_gc_pause_seconds_sum" + labels,
                        "jvm_gc_pause_seconds_max" + labels);
            }
            String major = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                    .filter(gc -> GcMeters.action(gc).equals("end of major GC")).findFirst().orElseThrow();
            String[] full = {"gc", major, "action", "end of major GC"};
            assertThat(m.value("jvm_gc_pause_seconds_count", full)).isPositive();
            assertThat(m.value("jvm_gc_pause_seconds_max", full)).isLessThanOrEqualTo(m.value("jvm_gc_pause_seconds_sum", full));
            assertThat(m.value("jvm_gc_memory_allocated_bytes_total")).isPositive();
            assertThat(m.value("jvm_gc_live_data_size_bytes")).isPositive().isLessThanOrEqualTo(m.value("jvm_gc_max_data_size_bytes"));
            assertThat(m.series.keySet()).noneMatch(series -> series.startsWith("jvm_gc") && series.contains("cause="));
        }
    }

    @Test
    void theParserRejectsWhatIsNotExpositionFormat() {
        assertThatThrownBy(() -> PrometheusText.parse("a 1\n")).hasMessageContaining("outside its family");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a counter\na{x=\"1\" 1\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na one\n")).hasMessageContaining("not a float");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE a gauge\na 1\na 2\n")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n"))
                .hasMessageContaining("cumulative");
        assertThat(PrometheusText.parse("# HELP a x\n# TYPE a gauge\na{b=\"q\\\"\"} NaN\n").value("a", "b", "q\\\"")).isNaN();
    }
}
