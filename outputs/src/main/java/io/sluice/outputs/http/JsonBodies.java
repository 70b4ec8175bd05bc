package io.sluice.outputs.http;

import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;

import java.util.Map;
import java.util.UUID;

/**
 * The {@code http} output's protocol: the events' own JSON bytes as NDJSON or as one array, and
 * {@link GenericStatuses} for the answers.
 */
final class JsonBodies implements BatchDelivery.Protocol {
    private final boolean array;
    private final boolean idempotencyKey;
    private final GenericStatuses statuses;

    JsonBodies(boolean array, boolean idempotencyKey, GenericStatuses statuses) {
        this.array = array;
        this.idempotencyKey = idempotencyKey;
        this.statuses = statuses;
    }

    @Override
    public long eventBytes(SinkBatch batch, int i) {
        return batch.jsonLength(i) + 1L; // a newline or a comma
    }

    @Override
    public long bodyBytes() {
        return array ? JsonArrays.BRACKETS : 0;
    }

    @Override
    public void writeBody(SinkBatch batch, int[] events, JsonBytes body) {
        if (array) {
            JsonArrays.write(batch, events, body, JsonBodies::event);
            return;
        }
        for (int i : events) event(batch, i, body).raw((byte) '\n');
    }

    private static JsonBytes event(SinkBatch batch, int i, JsonBytes out) {
        return out.raw(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i));
    }

    @Override
    public String contentType() {
        return array ? "application/json" : "application/x-ndjson";
    }

    /**
     * A name-based UUID of the body: the same events give the same key on every retry (each event's
     * bytes carry its timestamp and sequence, so different batches do not collide).
     */
    @Override
    public Map<String, String> bodyHeaders(JsonBytes body) {
        if (!idempotencyKey) return Map.of();
        return Map.of("Idempotency-Key", UUID.nameUUIDFromBytes(body.toByteArray()).toString());
    }

    @Override
    public Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) {
        return statuses.classify(answer.status(), answer.retryAfter(sender.clock()), Bodies.excerpt(answer.body()));
    }
}
