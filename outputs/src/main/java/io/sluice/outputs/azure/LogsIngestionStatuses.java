package io.sluice.outputs.azure;

import io.sluice.outputs.http.Verdict;
import io.sluice.outputs.http.Verdict.Kind;

import java.time.Duration;
import java.util.Map;

/**
 * The Logs Ingestion API's answers (REST API 2023-01-01, "Logs Ingestion - Upload") as verdicts.
 * A 401 reaches this table only after the core fetched a new token once and still got 401.
 */
final class LogsIngestionStatuses {
    private static final Map<Integer, String> PERMANENT = Map.of(
            401, "the token was refused: check tenant_id, client_id and the credential",
            403, "the identity may not write to the rule: grant it 'Monitoring Metrics Publisher' on the data collection rule",
            404, "no such rule or stream at this endpoint: check endpoint, rule_id and stream");

    private LogsIngestionStatuses() {}

    static Verdict classify(int status, String message, Duration retryAfter) {
        String reason = "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        if (status >= 200 && status < 300) return Verdict.DELIVERED;
        if (status == 413) return Verdict.of(Kind.TOO_LARGE, reason);
        if (status == 408 || status == 429 || status >= 500) return Verdict.retry(retryAfter, reason);
        String fix = PERMANENT.get(status);
        if (fix != null) return Verdict.of(Kind.PERMANENT, reason + " (" + fix + ")");
        return Verdict.of(Kind.REFUSE_EVENTS, reason);
    }
}
