package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sink-only benchmark, not part of the test run (the name does not match surefire's patterns):
 * events/s into the local node for several bulk sizes and concurrencies. Run with
 * {@code ./mvnw -pl outputs -am test -Dtest=ElasticsearchBulkBench -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dsluice.bench.events=N} to change the events per run; surefire passes it on with
 * {@code -DargLine=-Dsluice.bench.events=N}).
 * The numbers depend on the machine; nothing here asserts a speed.
 */
@ExtendWith(EsNodes.class)
@Timeout(1800)
class ElasticsearchBulkBench {
    private static final int EVENTS = Integer.getInteger("sluice.bench.events", 200_000);

    @Test
    void eventsPerSecondByBulkSize(EsNode node) throws Exception {
        int run = 0;
        for (int concurrency : new int[] {1, 2, 4}) {
            for (int bulk : new int[] {500, 1000, 2500, 5000}) {
                // plain indices, not data streams: the integ-test distribution cannot delete data streams
                String index = "bench-{service.name}-" + run++;
                Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "index", index,
                        "concurrency", concurrency));
                try {
                    List<SinkBatch> batches = ElasticsearchSinkTest.batches("bench", EVENTS, bulk);
                    long t0 = System.nanoTime();
                    Delivery d = new Delivery(out, Duration.ofMinutes(10)).deliverAll(batches, concurrency);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    assertThat(d.refused).isEmpty();
                    System.out.printf("bulk %5d, concurrency %d: %8.0f events/s (%d item retries)%n",
                            bulk, concurrency, EVENTS / seconds, d.itemRetries.get());
                } finally {
                    out.close();
                }
                new EsHttp(node).delete("/" + index.replace("{service.name}", "bench"));
            }
        }
    }
}
