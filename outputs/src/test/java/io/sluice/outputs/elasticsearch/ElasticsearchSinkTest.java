package io.sluice.outputs.elasticsearch;

import io.sluice.core.testkit.FreePorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.ContainerFields;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(EsNodes.class)
@Timeout(600)
class ElasticsearchSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE_NANOS = 1_764_000_000_123_456_789L;   // 2025-11-24T16:00:00.123456789Z

    private final List<Output> opened = new ArrayList<>();

    private Output start(Map<String, Object> config) throws Exception {
        Output out = Outputs.started(config);
        opened.add(out);
        return out;
    }

    @AfterEach
    void closeOutputs() throws Exception {
        for (Output o : opened) o.close();
    }

    /** A varied event: optional schema fields on some, attributes that would clash with a schema field. */
    static LogEvent event(String service, long seq) {
        LogEvent e = TestBatches.event(service, "message " + seq + " with \"quotes\" and ünïcode", seq)
                .timestampNanos(BASE_NANOS + seq * 1_000_001L).createdNanos(BASE_NANOS + seq * 1_000_003L + 7)
                .level(Level.values()[(int) (seq % Level.values().length)]);
        if (seq % 3 == 0) e.traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7");
        if (seq % 5 == 0) e.addTag("tagged").labels(Map.of("env", "test", "cluster", "c1"));
        if (seq % 7 == 0) e.container(new ContainerFields("abc123", null, "containerd", "ns", "pod-" + (seq % 11), null, "app"));
        if (seq % 2 == 0) {
            e.attributesOrCreate().putString("user_id", "u" + seq);
            // a key that, outside attributes, would be an object where log.level is a keyword
            byte[] raw = ("{\"level\":{\"nested\":" + seq + "}}").getBytes(StandardCharsets.UTF_8);
            e.attributesOrCreate().putRawJson("log", raw, 0, raw.length);
        }
        return e;
    }

    static List<SinkBatch> batches(String service, int count, int batchSize) {
        List<SinkBatch> batches = new ArrayList<>();
        for (int from = 0; from < count; from += batchSize) {
            List<LogEvent> events = new ArrayList<>();
            for (int s = from; s < Math.min(count, from + batchSize); s++) events.add(event(service, s));
            batches.add(TestBatches.of(events));
        }
        return batches;
    }

    @Test
    void indexes100kEventsExactlyOnceWithTheirFieldsIntact(EsNode node) throws Exception {
        Output out = Outputs.create(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-bulk",
                "concurrency", 2));
        opened.add(out);
        OutputContext context = Outputs.context();
        out.start(context);
        List<SinkBatch> batches = batches("Checkout API", 100_000, 1000);
        long t0 = System.nanoTime();
        Delivery d = new Delivery(out, Duration.ofMinutes(5)).deliverAll(batches, out.concurrency());
        System.out.printf("100000 events indexed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(d.refused).isEmpty();

        EsHttp es = new EsHttp(node);
        // the service name is made a valid data stream name: lower case, the space replaced
        assertThat(es.count("logs-checkout_api-bulk")).isEqualTo(100_000);

        for (long seq : new long[] {0, 1, 2, 3, 5, 7, 14, 35, 99_999, 54_321}) {
            JsonNode hits = es.post("/logs-checkout_api-bulk/_search",
                    "{\"query\":{\"term\":{\"event.sequence\":" + seq + "}}}").get("hits").get("hits");
            assertThat(hits).hasSize(1);
            JsonNode expected = JSON.readTree(Batches.encode(event("Checkout API", seq)));
            assertThat(hits.get(0).get("_source")).isEqualTo(expected);
        }

        // resending delivered events changes nothing: same ids, create answers 409, counted as delivered
        SendResult again = out.send(batches.get(3));
        assertThat(again.allDelivered()).isTrue();
        assertThat(es.count("logs-checkout_api-bulk")).isEqualTo(100_000);
        assertThat(context.meters().counter("sluice.output.elasticsearch.duplicates", "output", "search").count())
                .isEqualTo(1000);

        JsonNode mapping = es.get("/logs-checkout_api-bulk/_mapping");
        JsonNode props = mapping.elements().next().get("mappings").get("properties");
        assertThat(props.get("@timestamp").get("type").asText()).isEqualTo("date_nanos");
        assertThat(props.get("attributes").get("type").asText()).isEqualTo("flattened");
        assertThat(props.get("service").get("properties").get("name").get("type").asText()).isEqualTo("keyword");
    }

    @Test
    void aTypeConflictIsRefusedWithTheReasonAndTheRestIndexed(EsNode node) throws Exception {
        Output out = start(Map.of("hosts", List.of(node.url()), "data_stream", "logs-{service.name}-conflict"));
        List<LogEvent> events = new ArrayList<>();
        List<byte[]> json = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            LogEvent e = event("billing", s);
            events.add(e);
            String encoded = Batches.encodedString(e);
            if (s % 10 == 3) {
                // a schema field with the wrong type: an object where log.level is a keyword
                encoded = encoded.replaceFirst("\"log\":\\{\"level\":\"[a-z]+\"", "\"log\":{\"level\":{\"oops\":1}");
            }
            json.add(encoded.getBytes(StandardCharsets.UTF_8));
        }
        SendResult result = out.send(Batches.withJson(events, json));

        assertThat(result.toRetry().isEmpty()).isTrue();
        assertThat(result.refused()).extracting(SendResult.Refusal::index)
                .containsExactly(3, 13, 23, 33, 43, 53, 63, 73, 83, 93);
        SendResult.Refusal first = result.refused().get(0);
        assertThat(first.type()).isEqualTo("document_parsing_exception");
        assertThat(first.reason()).contains("[log.level]");
        assertThat(new EsHttp(node).count("logs-billing-conflict")).isEqualTo(90);
    }

    @Test
    void writesToDatedIndicesFromTheEventTimestamp(EsNode node) throws Exception {
        Output out = start(Map.of("hosts", List.of(node.url()), "index", "sluice-{service.name}-%Y.%m.%d"));
        List<LogEvent> events = new ArrayList<>();
        events.add(event("dated", 1).timestampNanos(1_700_000_000_000_000_000L));   // 2023-11-14T22:13:20Z
        events.add(event("dated", 2).timestampNanos(1_700_050_000_000_000_000L));   // 2023-11-15T12:06:40Z
        events.add(event("dated", 3).timestampNanos(1_700_050_000_000_000_001L));
        assertThat(out.send(TestBatches.of(events)).allDelivered()).isTrue();

        EsHttp es = new EsHttp(node);
        assertThat(es.count("sluice-dated-2023.11.14")).isEqualTo(1);
        assertThat(es.count("sluice-dated-2023.11.15")).isEqualTo(2);
        JsonNode mapping = es.get("/sluice-dated-2023.11.15/_mapping");
        assertThat(mapping.get("sluice-dated-2023.11.15").get("mappings").get("properties").get("@timestamp")
                .get("type").asText()).isEqualTo("date_nanos");
    }

    @Test
    void failsOverToTheNextHostWhenOneIsDown(EsNode node) throws Exception {
        String dead = "http://127.0.0.1:" + FreePorts.one();
        Output out = start(Map.of("hosts", List.of(dead, node.url()), "data_stream", "logs-{service.name}-failover"));
        for (int b = 0; b < 4; b++) {
            assertThat(out.send(batches("failover", 400, 100).get(b)).allDelivered()).isTrue();
        }
        assertThat(new EsHttp(node).count("logs-failover-failover")).isEqualTo(400);
    }

    @Test
    void noReachableHostIsARetriableFailure() throws Exception {
        Output out = Outputs.create(Map.of("hosts", List.of("http://127.0.0.1:" + FreePorts.one())));
        opened.add(out);
        assertThatThrownBy(() -> out.start(Outputs.context()))
                .isInstanceOf(RetriableException.class).hasMessageContaining("not reachable");
    }

}
