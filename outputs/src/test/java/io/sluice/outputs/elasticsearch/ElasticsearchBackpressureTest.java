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
 * A node with a write thread pool of one thread and a queue of one under eight concurrent bulk
 * requests rejects work with 429s; the rejected items are retried alone and every event ends up
 * indexed exactly once.
 */
@ExtendWith(EsNodes.class)
@Timeout(600)
class ElasticsearchBackpressureTest {

    @Test
    void rejectedItemsAreRetriedAloneAndIndexedExactlyOnce(@EsNodes.Node(EsNodes.Kind.TINY_WRITE_QUEUE) EsNode node)
            throws Exception {
        Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-pressure",
                "concurrency", 8));
        try {
            List<SinkBatch> batches = ElasticsearchSinkTest.batches("pressure", 40_000, 200);
            Delivery d = new Delivery(out, Duration.ofMinutes(5)).deliverAll(batches, out.concurrency());

            assertThat(d.itemRetries.get() + d.requestFailures.get())
                    .as("the tiny write queue pushed back with 429s").isPositive();
            assertThat(d.refused).isEmpty();
            assertThat(new EsHttp(node).count("logs-pressure-pressure")).isEqualTo(40_000);
            System.out.printf("429 push-back: %d items retried, %d whole requests retried%n",
                    d.itemRetries.get(), d.requestFailures.get());
        } finally {
            out.close();
        }
    }
}
