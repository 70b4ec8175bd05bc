package io.sluice.outputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.plugin.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an OTLP receiver's {@code partial_success} means for a batch. It is never retried (the
 * specification forbids it). The rejected records are counted
 * ({@code sluice_otlp_rejected_records_total}) and logged with the receiver's message; OTLP does not
 * say which records they were, so only when the receiver rejected all of them is the batch
 * dead-lettered (as {@code otlp_rejected}, with that message); otherwise dead-lettering a guess
 * would also replay records the receiver kept.
 */
final class PartialSuccess {
    private static final Logger LOG = LoggerFactory.getLogger(PartialSuccess.class);

    private final String id;
    private final Counter rejected;

    PartialSuccess(String id, Counter rejected) {
        this.id = id;
        this.rejected = rejected;
    }

    SendResult apply(ExportLogsServiceResponse response, int batchSize) {
        ExportLogsPartialSuccess p = response.getPartialSuccess();
        long n = p.getRejectedLogRecords();
        if (n <= 0) return SendResult.delivered();
        rejected.increment(n);
        LOG.warn("{}: the receiver rejected {} of {} records: {}", id, n, batchSize, p.getErrorMessage());
        if (n < batchSize) return SendResult.delivered();
        SendResult all = SendResult.builder();
        String reason = "rejected by the receiver: " + p.getErrorMessage();
        for (int i = 0; i < batchSize; i++) all.refuse(i, "otlp_rejected", reason);
        return all;
    }
}
