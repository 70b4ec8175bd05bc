package io.sluice.outputs.elasticsearch;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RequestTooLargeException;
import io.sluice.api.plugin.SinkBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node that refuses bulk requests above its {@code http.max_content_length} with 413: the output
 * reports it as {@link RequestTooLargeException}, so the sink runner resends smaller requests
 * instead of the same one forever; smaller requests of the same events go through.
 */
@ExtendWith(EsNodes.class)
@Timeout(300)
class ElasticsearchTooLargeTest {

    @Test
    void aBulkRequestAboveTheNodesLimitIsTooLargeAndItsHalvesAreIndexed(
            @EsNodes.Node(EsNodes.Kind.SMALL_REQUESTS) EsNode node) throws Exception {
        Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-large",
                "manage_template", false));
        try {
            SinkBatch all = ElasticsearchSinkTest.batches("large", 200, 200).get(0);
            assertThat(all.byteSize()).as("well above the node's 16 KiB").isGreaterThan(32 * 1024);

            assertThatThrownBy(() -> out.send(all)).isInstanceOf(RequestTooLargeException.class)
                    .hasMessageContaining("413").hasMessageContaining("batch.max_bytes");

            for (SinkBatch small : ElasticsearchSinkTest.batches("large", 200, 10)) {
                assertThat(out.send(small).allDelivered()).isTrue();
            }
            assertThat(new EsHttp(node).count("logs-large-large")).isEqualTo(200);
        } finally {
            out.close();
        }
    }
}
