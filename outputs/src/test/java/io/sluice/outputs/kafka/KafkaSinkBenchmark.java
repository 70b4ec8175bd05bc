package io.sluice.outputs.kafka;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.kafka.testkit.Configs;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.core.testkit.OutputContexts;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kafka output throughput against a local broker: events/s and MiB/s of schema v1 JSON through
 * {@link KafkaOutput#send}, batches encoded beforehand. Not a test (no assertions, not run by
 * surefire); run it on the test class path:
 * {@code java -cp <test classpath> io.sluice.outputs.kafka.KafkaSinkBenchmark [events] [compression] [senders]}.
 */
public final class KafkaSinkBenchmark {
    private KafkaSinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        String compression = args.length > 1 ? args[1] : "zstd";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic("bench", 6);
            List<SinkBatch> batches = new ArrayList<>();
            long bytes = 0;
            for (int start = 0; start < total; start += 1000) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = start; i < start + 1000; i++) {
                    events.add(TestBatches.event("svc-" + (i % 8), "GET /api/orders/" + i + " 200 in 12ms user=u" + (i % 977), i)
                            .traceId(String.format("%032x", i)));
                }
                SinkBatch b = TestBatches.of(events);
                bytes += b.byteSize();
                batches.add(b);
            }
            KafkaOutputPlugin plugin = new KafkaOutputPlugin();
            Output output = plugin.create("bench", Configs.bind(plugin.options(), Map.of(
                    "bootstrap_servers", List.of(broker.bootstrapServers()), "topic", "bench", "key", "trace.id",
                    "compression", compression)));
            output.start(OutputContexts.of("bench", Files.createTempDirectory("bench")));
            try {
                // warm-up: the first tenth, not counted
                int warm = batches.size() / 10;
                for (int i = 0; i < warm; i++) output.send(batches.get(i));
                long t0 = System.nanoTime();
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(warm);
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Thread th = new Thread(() -> {
                        for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                            try {
                                output.send(batches.get(i));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    });
                    th.start();
                    senders.add(th);
                }
                for (Thread th : senders) th.join();
                long counted = 0;
                long countedBytes = 0;
                for (int i = warm; i < batches.size(); i++) {
                    counted += batches.get(i).size();
                    countedBytes += batches.get(i).byteSize();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("kafka output, %s, " + threads + " sender(s), batches of 1000: %.0f events/s, %.1f MiB/s of JSON (%d events, %.1f s; avg %d B/event)%n",
                        compression, counted / s, countedBytes / s / (1024 * 1024), counted, s, bytes / total);
            } finally {
                output.close();
            }
        }
    }
}
