package io.sluice.outputs.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.Timestamps;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.Bodies;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.JsonArrays;
import io.sluice.outputs.http.Verdict;

/**
 * A JSON array of records, each the schema v1 event with {@code TimeGenerated} (the column every
 * Log Analytics table has) put in front; the data collection rule's transformation maps the rest.
 */
final class LogsIngestionBodies implements BatchDelivery.Protocol {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code {"TimeGenerated":"2026-01-01T00:00:00.000000000Z",} } at most. */
    private static final int TIME_BYTES = 52;

    @Override
    public long eventBytes(SinkBatch batch, int i) {
        return batch.jsonLength(i) + TIME_BYTES + 1L;
    }

    @Override
    public long bodyBytes() {
        return JsonArrays.BRACKETS;
    }

    @Override
    public void writeBody(SinkBatch batch, int[] events, JsonBytes body) {
        JsonArrays.write(batch, events, body, LogsIngestionBodies::record);
    }

    private static void record(SinkBatch batch, int i, JsonBytes out) {
        out.ascii("{\"TimeGenerated\":").string(Timestamps.format(batch.event(i).timestampNanos())).raw((byte) ',');
        // the event's own object without its opening brace (an encoded event always has fields)
        out.raw(batch.jsonArray(i), batch.jsonOffset(i) + 1, batch.jsonLength(i) - 1);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) {
        return LogsIngestionStatuses.classify(answer.status(), message(answer.body()), answer.retryAfter(sender.clock()));
    }

    /** The service's {@code {"error":{"code","message"}}}, or the body as it came. */
    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.has("message")) return error.path("code").asText("") + ": " + error.path("message").asText();
        } catch (Exception notJson) {
            // fall through
        }
        return Bodies.excerpt(body);
    }
}
