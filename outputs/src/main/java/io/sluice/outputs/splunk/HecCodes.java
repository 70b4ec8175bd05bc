package io.sluice.outputs.splunk;

import io.sluice.outputs.http.Verdict;
import io.sluice.outputs.http.Verdict.Kind;

import java.time.Duration;
import java.util.Map;

/**
 * HEC's answer codes (Splunk REST API reference, "HTTP Event Collector status codes") as verdicts.
 * Codes decide where HEC gives one; the HTTP status decides otherwise (413, 429, 5xx from a proxy).
 */
final class HecCodes {
    private record Meaning(Kind kind, String fix) {}

    private static final Map<Integer, Meaning> CODES = Map.ofEntries(
            Map.entry(0, new Meaning(Kind.DELIVERED, null)),
            Map.entry(1, new Meaning(Kind.PERMANENT, "the HEC token is disabled: enable it in Splunk")),
            Map.entry(2, new Meaning(Kind.PERMANENT, "no token was sent: set token")),
            Map.entry(3, new Meaning(Kind.PERMANENT, "the authorization header is malformed: check token")),
            Map.entry(4, new Meaning(Kind.PERMANENT, "the token is not known to Splunk: check token")),
            Map.entry(5, new Meaning(Kind.REFUSE_EVENTS, null)),
            Map.entry(6, new Meaning(Kind.REFUSE_EVENTS, null)),
            Map.entry(7, new Meaning(Kind.PERMANENT, "the index does not exist or the token may not write to it: check index")),
            Map.entry(8, new Meaning(Kind.RETRY, null)),
            Map.entry(9, new Meaning(Kind.RETRY, null)),
            Map.entry(10, new Meaning(Kind.PERMANENT, "the token wants a channel: set indexer_ack: true")),
            Map.entry(11, new Meaning(Kind.PERMANENT, "Splunk refused the channel id")),
            Map.entry(12, new Meaning(Kind.REFUSE_EVENTS, null)),
            Map.entry(13, new Meaning(Kind.REFUSE_EVENTS, null)),
            Map.entry(14, new Meaning(Kind.PERMANENT, "indexer acknowledgement is off for the token: enable it or set indexer_ack: false")),
            Map.entry(15, new Meaning(Kind.REFUSE_EVENTS, null)),
            Map.entry(16, new Meaning(Kind.PERMANENT, "query string authorization is off")),
            Map.entry(18, new Meaning(Kind.RETRY, null)),
            Map.entry(19, new Meaning(Kind.RETRY, null)));

    private HecCodes() {}

    /** {@code code} is HEC's, or -1 when the answer carried none. */
    static Verdict classify(int status, int code, String text, Duration retryAfter) {
        String reason = "HTTP " + status + (code >= 0 ? ", HEC code " + code : "") + (text == null ? "" : ": " + text);
        if (status == 413) return Verdict.of(Kind.TOO_LARGE, reason);
        Meaning m = CODES.get(code);
        if (m == null) {
            if (status >= 200 && status < 300) return Verdict.DELIVERED;
            if (status == 429 || status >= 500) return Verdict.retry(retryAfter, reason);
            if (status == 401 || status == 403) return Verdict.of(Kind.PERMANENT, reason + " (check token)");
            return Verdict.of(Kind.REFUSE_EVENTS, reason);
        }
        return switch (m.kind()) {
            case RETRY -> Verdict.retry(retryAfter, reason);
            case PERMANENT -> Verdict.of(Kind.PERMANENT, reason + " (" + m.fix() + ")");
            default -> m.kind() == Kind.DELIVERED ? Verdict.DELIVERED : Verdict.of(m.kind(), reason);
        };
    }
}
