package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.otel.EventToOtlp;
import io.sluice.api.otel.OtlpJson;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.GenericStatuses;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.Verdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * OTLP/HTTP as one protocol of the HTTP batch core: each request is one export request (protobuf or
 * OTLP/JSON) mapped by {@link EventToOtlp}; the core splits by size, compresses, authenticates,
 * honours {@code Retry-After} and keeps failures in order. Only the transport lives here, so an
 * OTLP/gRPC transport can share the mapping and {@link PartialSuccess}.
 *
 * <p>Statuses, as the OTLP specification says: 429, 502, 503 and 504 are retried; 413 is not
 * retried as is but split in halves by the core (an event too large alone is dead-lettered);
 * 401/403/404/405/407/415 stop the output until the configuration is fixed; any other status
 * (400, 500, ...) dead-letters the request's records with the backend's message.
 */
final class OtlpHttpProtocol implements BatchDelivery.Protocol {
    /** The OTLP/HTTP statuses a client retries (OTLP specification, "Retryable Response Codes"). */
    static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

    private final boolean json;
    private final EventToOtlp mapper = new EventToOtlp();
    private final GenericStatuses statuses = new GenericStatuses(RETRYABLE);
    private final PartialSuccess partialSuccess;
    private SinkBatch mappedBatch;
    private EventToOtlp.Mapped[] mapped;

    OtlpHttpProtocol(String outputId, boolean json) {
        this.json = json;
        this.partialSuccess = new PartialSuccess(outputId);
    }

    @Override
    public void start(MeterRegistry meters) {
        partialSuccess.start(meters);
    }

    /**
     * The event as an export request of its own: an upper bound of what it adds to a larger one
     * (there its resource and scope are shared with its neighbours), so a cut request never exceeds
     * the limit. The event is mapped here once and kept until the batch is done, for {@link #writeBody}.
     */
    @Override
    public long eventBytes(SinkBatch batch, int i) {
        EventToOtlp.Mapped m = mapped(batch, i);
        return json ? encode(mapper.request(List.of(m))).length : m.aloneSize();
    }

    @Override
    public void writeBody(SinkBatch batch, int[] events, JsonBytes body) {
        List<EventToOtlp.Mapped> list = new ArrayList<>(events.length);
        for (int i : events) list.add(mapped(batch, i));
        body.raw(encode(mapper.request(list))); // a byte buffer here; protobuf bytes are not JSON, and need not be
        // not kept while the request travels (that promoted them); a request cut in halves after a 413 maps again
        for (int i : events) mapped[i] = null;
    }

    @Override
    public void batchDone() {
        mappedBatch = null;
        mapped = null;
    }

    /** Event {@code i} of the batch being delivered, mapped on first use (the delivery is single-threaded). */
    private EventToOtlp.Mapped mapped(SinkBatch batch, int i) {
        if (batch != mappedBatch) {
            mappedBatch = batch;
            mapped = new EventToOtlp.Mapped[batch.size()];
        }
        EventToOtlp.Mapped m = mapped[i];
        if (m == null) mapped[i] = m = mapper.mapOne(batch.event(i));
        return m;
    }

    private byte[] encode(ExportLogsServiceRequest request) {
        if (!json) return request.toByteArray();
        try {
            return OtlpJson.print(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // printing a built message to memory does not fail
        }
    }

    @Override
    public String contentType() {
        return json ? "application/json" : "application/x-protobuf";
    }

    @Override
    public Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            String rejected = partialSuccess.deadLetterReason(response(answer.bytes()), events.length);
            return rejected == null ? Verdict.DELIVERED : Verdict.of(Verdict.Kind.REFUSE_EVENTS, rejected);
        }
        return statuses.classify(status, answer.retryAfter(sender.clock()), ErrorStatus.message(answer, json));
    }

    private ExportLogsServiceResponse response(byte[] body) {
        if (body.length == 0) return ExportLogsServiceResponse.getDefaultInstance();
        try {
            return json ? OtlpJson.parseResponse(body) : ExportLogsServiceResponse.parseFrom(body);
        } catch (IOException unreadable) {
            return ExportLogsServiceResponse.getDefaultInstance(); // the 2xx says the records were taken
        }
    }
}
