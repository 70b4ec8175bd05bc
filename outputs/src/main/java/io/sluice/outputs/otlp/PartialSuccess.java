package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A successful export answer that says the receiver rejected some records ({@code partial_success}),
 * judged the same way for OTLP/HTTP and OTLP/gRPC. The OTLP specification makes a partial success a
 * success of the request that must not be retried, and {@code rejected_log_records} is only a count:
 * it does not say which records. So:
 * <ul>
 * <li>every rejected record is counted ({@code sluice_otlp_rejected_records_total}) and the
 * receiver's message is logged;</li>
 * <li>when the count covers every record of the export request, all of them are known rejected and
 * are dead-lettered with the receiver's message;</li>
 * <li>when it covers fewer, nothing is dead-lettered: any record picked would as likely be one the
 * receiver kept, and replaying the dead letters would duplicate it.</li>
 * </ul>
 * The judgement is per export request: a batch split in several requests is judged request by request.
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

    /**
     * Counts the request's rejected records and says what to dead-letter.
     *
     * @param records the number of log records in the export request
     * @return null when the request counts as delivered; else the reason to dead-letter all of its records with
     */
    String deadLetterReason(ExportLogsServiceResponse response, int records) {
        long n = response.getPartialSuccess().getRejectedLogRecords();
        if (n <= 0) return null;
        rejected.increment(n);
        String message = response.getPartialSuccess().getErrorMessage();
        if (n < records) {
            LOG.warn("{}: the backend rejected {} of {} records, not saying which (kept as delivered, counted in "
                    + "sluice_otlp_rejected_records_total): {}", outputId, n, records, message);
            return null;
        }
        LOG.warn("{}: the backend rejected all {} records (dead-lettered): {}", outputId, records, message);
        return "OTLP partial success: the backend rejected all " + records + " records: " + message;
    }
}
