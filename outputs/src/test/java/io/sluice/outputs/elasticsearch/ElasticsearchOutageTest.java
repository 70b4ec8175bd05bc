package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Elasticsearch taken away for 30 s in the middle of a run and brought back on the same port and
 * data: every event ends up indexed exactly once. Requests that fail while it is down are resent;
 * a request cut off half-way is resent whole, and {@code create} turns its already written
 * documents into 409s, counted as delivered.
 */
@ExtendWith(EsNodes.class)
@Timeout(600)
class ElasticsearchOutageTest {

    @Test
    void aThirtySecondOutageMidRunLosesNothingAndDuplicatesNothing(EsNode node) throws Exception {
        Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-outage",
                "concurrency", 2, "request_timeout", "10s"));
        try {
            List<SinkBatch> batches = ElasticsearchSinkTest.batches("outage", 20_000, 250);
            Delivery d = new Delivery(out, Duration.ofMinutes(6)).pauseBetweenBatches(Duration.ofMillis(100));
            CompletableFuture<Delivery> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return d.deliverAll(batches, out.concurrency());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            await().atMost(Duration.ofMinutes(2)).until(() -> d.batchesDone.get() >= 20);
            node.stop();
            int doneAtStop = d.batchesDone.get();
            Thread.sleep(30_000);
            assertThat(d.batchesDone.get()).as("nothing is delivered while the node is down").isEqualTo(doneAtStop);
            node.start();
            System.out.printf("node restarted in %d ms%n", node.lastStartup().toMillis());

            run.get(Duration.ofMinutes(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(d.requestFailures.get()).as("the outage was seen as retriable failures").isPositive();
            assertThat(d.failureMessages).anySatisfy(m -> assertThat(m).contains("not reachable"));
            assertThat(d.refused).isEmpty();
            assertThat(new EsHttp(node).count("logs-outage-outage")).isEqualTo(20_000);
        } finally {
            out.close();
            node.start();   // whatever happened, leave the shared node running for the other tests
        }
    }
}
