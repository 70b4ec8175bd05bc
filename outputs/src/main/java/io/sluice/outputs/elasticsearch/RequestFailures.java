package io.sluice.outputs.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.sluice.api.plugin.RequestTooLargeException;
import io.sluice.api.plugin.RetriableException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;
import java.time.Duration;

/**
 * Turns a failed request into the failure kind the sink runner acts on: {@link RetriableException}
 * for what may pass (connection refused, timeouts, 429 and 5xx, with the node's {@code Retry-After}),
 * {@link RequestTooLargeException} for a 413 (the runner resends the batch in halves), and the
 * permanent {@link ElasticsearchSinkException} with the operator's next step for what will not pass
 * by itself (401, 403, TLS trust, any other 4xx of the whole request).
 */
final class RequestFailures {
    private RequestFailures() {}

    static Exception of(IOException e, String where, Auth auth) {
        int status = status(e);
        String detail = detail(e);
        if (status == 0 && isTls(e)) {
            return new ElasticsearchSinkException("TLS with Elasticsearch at " + where + " failed (" + e.getMessage()
                    + "): trust the nodes' CA with tls.ca_file or tls.fingerprint", e);
        }
        if (status == 0) {
            return new RetriableException("Elasticsearch at " + where + " not reachable: " + e, e);
        }
        if (status == 429 || status >= 500) {
            return new RetriableException("Elasticsearch at " + where + " answered " + status + ": " + detail, e,
                    retryAfter(e));
        }
        if (status == 401) {
            return new ElasticsearchSinkException("Elasticsearch at " + where + " refused the credentials (401, auth: "
                    + auth + "): check auth in the output's config. " + detail, e);
        }
        if (status == 403) {
            return new ElasticsearchSinkException("Elasticsearch at " + where + " denied the request (403, auth: "
                    + auth + "): the user or key lacks a privilege. " + detail, e);
        }
        if (status == 413) {
            // resent in halves by the runner; the advice is for the log, and for an event too large alone
            return new RequestTooLargeException("Elasticsearch at " + where + " found the bulk request too large (413):"
                    + " lower batch.max_bytes or raise the nodes' http.max_content_length", e);
        }
        return new ElasticsearchSinkException("Elasticsearch at " + where + " answered " + status + ": " + detail, e);
    }

    /** The same for the typed client's exceptions, used on start. */
    static Exception ofClient(Exception e, String where, Auth auth) {
        if (e instanceof ElasticsearchException es) {
            return of(new StatusException(es.status(), es.getMessage(), es), where, auth);
        }
        if (e instanceof TransportException t) {
            // the transport wraps the low-level failure (connection refused, a ResponseException)
            if (t.getCause() instanceof IOException io) return of(io, where, auth);
            int status = t.statusCode();
            return of(status > 0 ? new StatusException(status, t.getMessage(), t) : t, where, auth);
        }
        if (e instanceof IOException io) return of(io, where, auth);
        return e;
    }

    /** A certificate or handshake problem: configuration, not a passing outage. */
    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) return true;
        }
        return false;
    }

    private static int status(IOException e) {
        if (e instanceof ResponseException r) return r.getResponse().getStatusLine().getStatusCode();
        if (e instanceof StatusException s) return s.status;
        return 0;
    }

    /** A {@code Retry-After} in seconds (a proxy in front of the nodes may send one), zero when absent or a date. */
    private static Duration retryAfter(IOException e) {
        if (!(e instanceof ResponseException r)) return Duration.ZERO;
        String header = r.getResponse().getHeader("Retry-After");
        try {
            return header == null ? Duration.ZERO : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return Duration.ZERO;
        }
    }

    private static String detail(IOException e) {
        if (e instanceof ResponseException r) {
            try {
                String body = r.getResponse().getEntity() == null ? "" : EntityUtils.toString(r.getResponse().getEntity());
                return body.length() > 500 ? body.substring(0, 500) + "..." : body;
            } catch (IOException | RuntimeException ignored) {
                return r.getResponse().getStatusLine().toString();
            }
        }
        return String.valueOf(e.getMessage());
    }

    /** A status from the typed client, carried like a ResponseException's. */
    private static final class StatusException extends IOException {
        final int status;

        StatusException(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }
    }
}
