package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.plugin.SendResult;
import io.sluice.outputs.http.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A successful export answer that says the receiver rejected some records ({@code partial_success}).
 * The OTLP specification forbids retrying them and does not say which records they were. Both
 * transports count them ({@code sluice_otlp_rejected_records_total}) and log the receiver's message;
 * what goes to the dead letters differs by transport (docs/otel.md):
 * <ul>
 * <li>OTLP/HTTP ({@link #verdict}): every record of that request is dead-lettered, so nothing
 * rejected is lost, at the cost of dead-lettering some that were taken;</li>
 * <li>OTLP/gRPC ({@link #result}): the batch is dead-lettered (as {@code otlp_rejected}) only when
 * every record was rejected, so no record the receiver kept is replayed.</li>
 * </ul>
 */
final class PartialSuccess {
    private static final Logger LOG = LoggerFactory.getLogger(PartialSuccess.class);

    private final String outputId;
    private Counter rejected;

    PartialSuccess(String outputId) {
        this.outputId = outputId;
    }

    void start(MeterRegistry meters) {
        rejected = Counter.builder("sluice.otlp.rejected.records").tag("output", outputId)
                .description("log records an OTLP backend rejected in a partial success").register(meters);
    }

    /** OTLP/HTTP: a partial success dead-letters all of the request's records. */
    Verdict verdict(ExportLogsServiceResponse response, int records) {
        long n = countRejected(response, records);
        if (n <= 0) return Verdict.DELIVERED;
        return Verdict.of(Verdict.Kind.REFUSE_EVENTS, "OTLP partial success: the backend rejected " + n + " of " + records
                + " records (it does not say which, so all of the request's records are dead-lettered): "
                + response.getPartialSuccess().getErrorMessage());
    }

    /** OTLP/gRPC: a partial success dead-letters the batch only when every record was rejected. */
    SendResult result(ExportLogsServiceResponse response, int records) {
        long n = countRejected(response, records);
        if (n <= 0 || n < records) return SendResult.delivered();
        SendResult all = SendResult.builder();
        String reason = "rejected by the receiver: " + response.getPartialSuccess().getErrorMessage();
        for (int i = 0; i < records; i++) all.refuse(i, "otlp_rejected", reason);
        return all;
    }

    private long countRejected(ExportLogsServiceResponse response, int records) {
        long n = response.getPartialSuccess().getRejectedLogRecords();
        if (n <= 0) return n;
        rejected.increment(n);
        LOG.warn("{}: the backend rejected {} of {} records: {}", outputId, n, records,
                response.getPartialSuccess().getErrorMessage());
        return n;
    }
}
