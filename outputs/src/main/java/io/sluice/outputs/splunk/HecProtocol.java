package io.sluice.outputs.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.Bodies;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.Verdict;

/** HEC's request bodies and answers, with indexer acknowledgement when configured. */
final class HecProtocol implements BatchDelivery.Protocol {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HecEnvelope envelope;
    private final IndexerAck ack;
    private final JsonBytes measure = new JsonBytes(1024);

    HecProtocol(HecEnvelope envelope, IndexerAck ack) {
        this.envelope = envelope;
        this.ack = ack;
    }

    @Override
    public long eventBytes(SinkBatch batch, int i) {
        measure.reset();
        envelope.write(batch, i, measure);
        return measure.length();
    }

    @Override
    public void writeBody(SinkBatch batch, int[] events, JsonBytes body) {
        for (int i : events) envelope.write(batch, i, body);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) throws Exception {
        JsonNode body = parse(answer.body());
        int code = body.path("code").asInt(-1);
        String text = body.has("text") ? body.path("text").asText() : Bodies.excerpt(answer.body());
        Verdict v = HecCodes.classify(answer.status(), code, text, answer.retryAfter(sender.clock()));
        if (v.kind() != Verdict.Kind.DELIVERED || ack == null) return v;
        if (!body.has("ackId")) {
            return Verdict.of(Verdict.Kind.PERMANENT, "HEC answered without an ackId although indexer_ack is on:"
                    + " enable indexer acknowledgement on the token or set indexer_ack: false");
        }
        return ack.await(sender, body.path("ackId").asLong());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception notJson) {
            return JSON.createObjectNode(); // a proxy's HTML error page: the status decides
        }
    }
}
