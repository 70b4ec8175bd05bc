package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.schema.SchemaV1Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events carrying every schema field, Kubernetes metadata included, are indexed by a real node with
 * the mapping the template gives, not one Elasticsearch guessed; label keys of any shape and an
 * oversized annotation are indexed without a conflict or a refusal.
 */
@ExtendWith(EsNodes.class)
@Timeout(600)
class ElasticsearchKubernetesFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldIsIndexedWithTheTemplatesTypeAndLabelKeysNeverConflict(EsNode node) throws Exception {
        Output out = Outputs.started(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-k8s"));
        try {
            List<LogEvent> events = new ArrayList<>();
            List<byte[]> json = new ArrayList<>();
            LogEvent full = SampleEvents.everyField();
            LogEvent web = SampleEvents.kubernetesSuppliesTheContainerId().serviceName("api");
            for (LogEvent e : List.of(full, web)) {
                events.add(e);
                json.add(Batches.encode(e));
            }
            // From a producer that kept dots in the keys (not Sluice's encoder): "app" is a keyword and
            // "app.kubernetes.io/name" would make "app" an object under a plain object mapping.
            LogEvent dotted = SampleEvents.kubernetesSuppliesTheContainerId().serviceName("api").sequence(2);
            String big = "x".repeat(40_000); // over Lucene's 32766-byte term limit, as a kubectl last-applied annotation can be
            events.add(dotted);
            json.add(Batches.encodedString(dotted)
                    .replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"web\",\"app.kubernetes.io/name\":\"web-ui\"}")
                    .replace("\"node\":{\"name\":\"node-2\"}",
                            "\"node\":{\"name\":\"node-2\"},\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":\"" + big + "\"}")
                    .getBytes(StandardCharsets.UTF_8));

            SendResult result = out.send(Batches.withJson(events, json));

            assertThat(result.refused()).isEmpty();
            assertThat(result.allDelivered()).isTrue();
        } finally {
            out.close();
        }

        EsHttp es = new EsHttp(node);
        assertThat(es.count("logs-api-k8s")).isEqualTo(3);
        JsonNode live = es.get("/logs-api-k8s/_mapping").elements().next().at("/mappings/properties");
        // the test distribution has no wildcard/match_only_text module: the output then installs the basic types
        IndexTemplate.FieldTypes types = live.at("/message/type").asText().equals("match_only_text")
                ? IndexTemplate.FieldTypes.ECS : IndexTemplate.FieldTypes.BASIC;
        JsonNode template = JSON.readTree(new IndexTemplate(TargetTemplate.parse("logs-{service.name}-k8s"), true).body(types))
                .at("/template/mappings/properties");
        List<String> problems = new ArrayList<>();
        for (String field : SchemaV1Fields.contract()) {
            JsonNode indexed = MappingPaths.find(live, field);
            JsonNode planned = MappingPaths.find(template, field);
            String expected = planned == null ? "<not in the template>" : MappingPaths.type(planned);
            if (indexed == null) problems.add(field + " is not in the index's mapping");
            else if (!MappingPaths.type(indexed).equals(expected)) {
                problems.add(field + " is indexed as " + MappingPaths.type(indexed) + ", the template says " + expected);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(live.at("/kubernetes/properties/labels/type").asText()).isEqualTo("flattened");
        assertThat(live.at("/container/properties/image/properties/hash/properties/all/type").asText()).isEqualTo("keyword");
        assertThat(live.at("/orchestrator/properties/resource/properties/parent/properties/type/type").asText()).isEqualTo("keyword");

        // the fields answer the queries a user writes
        assertThat(hits(es, "{\"term\":{\"kubernetes.labels.app_kubernetes_io/name\":\"api-server\"}}")).isEqualTo(1);
        assertThat(hits(es, "{\"term\":{\"kubernetes.labels.app.kubernetes.io/name\":\"web-ui\"}}")).isEqualTo(1);
        assertThat(hits(es, "{\"term\":{\"kubernetes.labels.app\":\"web\"}}")).isEqualTo(2);
        assertThat(hits(es, "{\"term\":{\"kubernetes.deployment.name\":\"web\"}}")).isEqualTo(2);
        assertThat(hits(es, "{\"term\":{\"orchestrator.resource.parent.type\":\"Deployment\"}}")).isEqualTo(2);
        assertThat(hits(es, "{\"term\":{\"container.image.hash.all\":\"sha256:ab12\"}}")).isEqualTo(2);
    }

    private static long hits(EsHttp es, String query) throws Exception {
        return es.post("/logs-api-k8s/_count", "{\"query\":" + query + "}").get("count").asLong();
    }
}
