package io.sluice.outputs.http;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The status table of the generic {@code http} output. The retriable statuses are the user's
 * ({@code retry_on}); the rest is fixed: 2xx delivered, 413 split, credentials and addressing
 * errors permanent, any other status refuses the request's events with the receiver's answer.
 */
public final class GenericStatuses {
    static final Set<Integer> DEFAULT_RETRIABLE = Set.of(408, 425, 429, 500, 502, 503, 504);

    private static final Map<Integer, String> PERMANENT = Map.of(
            401, "the receiver refused the credentials: check auth",
            403, "the receiver denied the request: the credentials lack a permission",
            404, "the receiver has no such resource: check uri",
            405, "the receiver does not take POST at this uri: check uri",
            407, "a proxy wants credentials",
            415, "the receiver does not take this body's Content-Type or Content-Encoding: check compression");

    private final Set<Integer> retriable;

    public GenericStatuses(Set<Integer> retriable) {
        this.retriable = Set.copyOf(retriable);
    }

    public Verdict classify(int status, Duration retryAfter, String body) {
        String reason = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + body);
        if (status >= 200 && status < 300) return Verdict.DELIVERED;
        if (retriable.contains(status)) return Verdict.retry(retryAfter, reason);
        if (status == 413) return Verdict.of(Verdict.Kind.TOO_LARGE, reason);
        String fix = PERMANENT.get(status);
        if (fix != null) return Verdict.of(Verdict.Kind.PERMANENT, reason + " (" + fix + ")");
        return Verdict.of(Verdict.Kind.REFUSE_EVENTS, reason);
    }
}
