package io.sluice.outputs.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import io.sluice.outputs.http.HttpPermanentException;
import io.sluice.outputs.http.Receiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code splunk_hec} against a receiver answering as Splunk's HEC reference describes: status
 * codes with {@code {"text","code"}}, {@code ackId} per request on a channel, and
 * {@code /services/collector/ack}.
 */
class SplunkHecOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    private Receiver hec;
    private final List<Receiver.Request> ackPolls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws Exception {
        hec = new Receiver();
    }

    @AfterEach
    void stop() {
        hec.close();
    }

    private Output start(String extra) throws Exception {
        Output out = Plugins.create("splunk_hec", "hec", "{\"endpoint\":\"" + hec.url("") + "\",\"token\":\"" + TOKEN
                + "\"" + extra + "}");
        out.start(new TestOutputContext("hec", dir));
        return out;
    }

    private static SinkBatch batch(int n) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) events.add(TestBatches.event("svc", "message " + i, i).labels(Map.of("env", "prod")));
        return TestBatches.of(events);
    }

    private static Receiver.Response hecAnswer(int status, int code, String text) {
        return Receiver.Response.of(status, "{\"text\":\"" + text + "\",\"code\":" + code + "}");
    }

    @Test
    void eventEndpointGetsStackedEnvelopesWithTimeMetadataAndIndexedFields() throws Exception {
        Output out = start(",\"index\":\"main\",\"source\":\"sluice\",\"fields\":[\"service.name\",\"labels.env\",\"trace.id\"]");
        SinkBatch batch = batch(3);
        assertThat(out.send(batch).allDelivered()).isTrue();
        Receiver.Request r = hec.requests().get(0);
        assertThat(r.path()).isEqualTo("/services/collector/event");
        assertThat(r.header("Authorization")).isEqualTo("Splunk " + TOKEN);
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        List<String> lines = r.text().lines().toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode env = JSON.readTree(lines.get(i));
            long nanos = batch.event(i).timestampNanos();
            assertThat(env.get("time").isNumber()).isTrue();
            assertThat(env.get("time").decimalValue())
                    .isEqualByComparingTo(new java.math.BigDecimal(nanos / 1000).movePointLeft(6));
            assertThat(env.get("host").asText()).isEqualTo("test-host");
            assertThat(env.get("source").asText()).isEqualTo("sluice");
            assertThat(env.get("sourcetype").asText()).isEqualTo("_json");
            assertThat(env.get("index").asText()).isEqualTo("main");
            assertThat(env.get("fields")).isEqualTo(JSON.readTree("{\"service.name\":\"svc\",\"labels.env\":\"prod\"}"));
            assertThat(env.get("event")).isEqualTo(JSON.readTree(batch.json(i)));
        }
    }

    @Test
    void rawEndpointGetsTheEventLinesWithMetadataInTheQuery() throws Exception {
        Output out = start(",\"endpoint_type\":\"raw\",\"index\":\"main\",\"compression\":\"none\"");
        SinkBatch batch = batch(2);
        out.send(batch);
        Receiver.Request r = hec.requests().get(0);
        assertThat(r.path()).isEqualTo("/services/collector/raw?sourcetype=_json&index=main");
        assertThat(r.text().lines().toList()).containsExactly(batch.json(0), batch.json(1));
    }

    @Test
    void serverBusyIsRetriedInvalidTokenStopsInvalidDataIsDeadLettered() throws Exception {
        hec.then(hecAnswer(503, 9, "Server is busy"), hecAnswer(403, 4, "Invalid token"),
                hecAnswer(400, 6, "Invalid data format"));
        Output out = start("");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("HEC code 9");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(HttpPermanentException.class)
                .hasMessageContaining("HEC code 4").hasMessageContaining("check token").hasMessageNotContaining(TOKEN);
        SendResult refused = out.send(batch(2));
        assertThat(refused.refused()).hasSize(2);
        assertThat(refused.refused().get(0).reason()).contains("HEC code 6").contains("Invalid data format");
    }

    @Test
    void eventsAreAcknowledgedOnlyOnceSplunkSaysIndexed() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        hec.then(Receiver.Response.of(200, "{\"text\":\"Success\",\"code\":0,\"ackId\":7}"));
        hec.handle("/services/collector/ack", r -> {
            ackPolls.add(r);
            boolean indexed = polls.incrementAndGet() >= 3;
            return Receiver.Response.of(200, "{\"acks\":{\"7\":" + indexed + "}}");
        });
        Output out = start(",\"indexer_ack\":true,\"ack_poll_interval\":\"50ms\"");
        assertThat(out.send(batch(2)).allDelivered()).isTrue();
        assertThat(polls).hasValue(3);
        String channel = hec.requests().get(0).header("X-Splunk-Request-Channel");
        assertThat(channel).matches("[0-9a-f-]{36}");
        assertThat(ackPolls).allSatisfy(p -> {
            assertThat(p.header("X-Splunk-Request-Channel")).isEqualTo(channel);
            assertThat(p.path()).isEqualTo("/services/collector/ack?channel=" + channel);
            assertThat(p.header("Authorization")).isEqualTo("Splunk " + TOKEN);
            assertThat(JSON.readTree(p.body())).isEqualTo(JSON.readTree("{\"acks\":[7]}"));
        });
    }

    @Test
    void anAckThatNeverComesMakesTheBatchRetriable() throws Exception {
        hec.then(Receiver.Response.of(200, "{\"text\":\"Success\",\"code\":0,\"ackId\":1}"));
        hec.handle("/services/collector/ack", r -> Receiver.Response.of(200, "{\"acks\":{\"1\":false}}"));
        Output out = start(",\"indexer_ack\":true,\"ack_timeout\":\"300ms\",\"ack_poll_interval\":\"50ms\"");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("ack_timeout");
    }

    @Test
    void aTokenWithoutAcknowledgementIsAConfigurationError() throws Exception {
        hec.then(hecAnswer(400, 14, "ACK is disabled"));
        Output out = start(",\"indexer_ack\":true");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(HttpPermanentException.class)
                .hasMessageContaining("indexer_ack");
    }
}
