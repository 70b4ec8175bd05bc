package io.sluice.inputs.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;

/**
 * What became of an export request's records: all in the pipeline, {@code rejected} of them as dead
 * letters. Answered as the OTLP specification says for records a server rejects: a success carrying
 * {@code partial_success} with their count and a message, which exporters log and do not retry
 * (a retry would duplicate the records that went through).
 *
 * @param firstReason why the first rejected record could not be mapped (null when none was rejected)
 */
record ExportOutcome(int records, int rejected, String firstReason) {
    ExportLogsServiceResponse response() {
        if (rejected == 0) return ExportLogsServiceResponse.getDefaultInstance();
        String message = rejected + " of " + records + " log records could not be mapped to schema v1 and were"
                + " dead-lettered; the first: " + firstReason;
        return ExportLogsServiceResponse.newBuilder().setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                .setRejectedLogRecords(rejected).setErrorMessage(message)).build();
    }
}
