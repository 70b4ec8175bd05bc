package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.outputs.http.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A successful export answer that says the backend rejected some records ({@code partial_success}).
 * The OTLP specification forbids retrying them, and does not say which records they were, so every
 * record of that request goes to the dead letters with the backend's message: nothing rejected is
 * lost, at the cost of dead-lettering some that were taken. The rejected count itself is the metric
 * {@code sluice_otlp_rejected_records_total}.
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

    Verdict verdict(ExportLogsServiceResponse response, int records) {
        long n = response.getPartialSuccess().getRejectedLogRecords();
        if (n <= 0) return Verdict.DELIVERED;
        rejected.increment(n);
        String message = response.getPartialSuccess().getErrorMessage();
        LOG.warn("{}: the backend rejected {} of {} records: {}", outputId, n, records, message);
        return Verdict.of(Verdict.Kind.REFUSE_EVENTS, "OTLP partial success: the backend rejected " + n + " of " + records
                + " records (it does not say which, so all of the request's records are dead-lettered): " + message);
    }
}
