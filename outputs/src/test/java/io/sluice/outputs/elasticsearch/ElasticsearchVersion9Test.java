package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SinkBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The same basic run against Elasticsearch 9.1: the 8.19 client speaks to it through REST compatibility. */
@ExtendWith(EsNodes.class)
@EsNodes.NeedsEs9
@Timeout(600)
class ElasticsearchVersion9Test {

    @Test
    void indexesEveryEventExactlyOnceWithItsFieldsIntact(@EsNodes.Node(EsNodes.Kind.PLAIN_9) EsNode node) throws Exception {
        Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-nine"));
        try {
            List<SinkBatch> batches = ElasticsearchSinkTest.batches("nine", 20_000, 1000);
            Delivery d = new Delivery(out, Duration.ofMinutes(5)).deliverAll(batches, out.concurrency());
            assertThat(d.refused).isEmpty();

            EsHttp es = new EsHttp(node);
            assertThat(es.count("logs-nine-nine")).isEqualTo(20_000);
            assertThat(out.send(batches.get(0)).allDelivered()).as("a resend is answered 409 and counted delivered").isTrue();
            assertThat(es.count("logs-nine-nine")).isEqualTo(20_000);
            JsonNode hits = es.post("/logs-nine-nine/_search", "{\"query\":{\"term\":{\"event.sequence\":12346}}}")
                    .get("hits").get("hits");
            assertThat(hits.get(0).get("_source"))
                    .isEqualTo(new ObjectMapper().readTree(Batches.encode(ElasticsearchSinkTest.event("nine", 12_346))));
        } finally {
            out.close();
        }
    }
}
