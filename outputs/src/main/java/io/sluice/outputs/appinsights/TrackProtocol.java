package io.sluice.outputs.appinsights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.Bodies;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.JsonArrays;
import io.sluice.outputs.http.Verdict;
import io.sluice.outputs.http.Verdict.Kind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The track v2.1 endpoint: a JSON array of envelopes; answers {@code {"itemsReceived","itemsAccepted",
 * "errors":[{"index","statusCode","message"}]}}. On 200 or 206 with errors only the named items are
 * retried (when their status may pass) or refused; everything else was accepted.
 */
final class TrackProtocol implements BatchDelivery.Protocol {
    /** Item and request statuses that may pass (as the Azure Monitor exporters treat them; 439: daily cap). */
    static final Set<Integer> RETRIABLE = Set.of(408, 429, 439, 500, 502, 503, 504);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageEnvelopes envelopes;
    private final JsonBytes measure = new JsonBytes(1024);

    TrackProtocol(MessageEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public long eventBytes(SinkBatch batch, int i) {
        measure.reset();
        envelopes.write(batch.event(i), measure);
        return measure.length() + 1L;
    }

    @Override
    public long bodyBytes() {
        return JsonArrays.BRACKETS;
    }

    @Override
    public void writeBody(SinkBatch batch, int[] events, JsonBytes body) {
        JsonArrays.write(batch, events, body, (b, i, out) -> envelopes.write(b.event(i), out));
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) {
        int status = answer.status();
        Duration after = answer.retryAfter(sender.clock());
        String reason = "HTTP " + status + ": " + Bodies.excerpt(answer.body());
        if (status == 200 || status == 206) return items(answer.body(), events.length, after, reason);
        if (status == 413) return Verdict.of(Kind.TOO_LARGE, reason);
        if (RETRIABLE.contains(status) || status >= 500 || status == 402) return Verdict.retry(after, reason);
        if (status == 401 || status == 403) {
            return Verdict.of(Kind.PERMANENT, reason + " (the resource wants Entra authentication or refused it)");
        }
        if (status == 404) return Verdict.of(Kind.PERMANENT, reason + " (check IngestionEndpoint in connection_string)");
        return Verdict.of(Kind.REFUSE_EVENTS, reason);
    }

    private static Verdict items(String body, int count, Duration after, String reason) {
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (Exception notJson) {
            return Verdict.DELIVERED; // 200 without a readable body: the service took the request
        }
        if (!errors.isArray() || errors.isEmpty()) return Verdict.DELIVERED;
        List<Verdict.Item> items = new ArrayList<>();
        for (JsonNode e : errors) {
            int index = e.path("index").asInt(-1);
            if (index < 0 || index >= count) continue;
            int itemStatus = e.path("statusCode").asInt(500);
            String why = "item status " + itemStatus + ": " + e.path("message").asText("");
            items.add(new Verdict.Item(index, RETRIABLE.contains(itemStatus) ? Kind.RETRY : Kind.REFUSE_EVENTS, why));
        }
        return items.isEmpty() ? Verdict.DELIVERED : Verdict.partial(after, reason, items);
    }
}
