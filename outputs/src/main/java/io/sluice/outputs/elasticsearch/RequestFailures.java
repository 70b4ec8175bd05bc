package io.sluice.outputs.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import io.sluice.api.plugin.RetriableException;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.ResponseException;

import java.io.IOException;

/**
 * Turns a failed request into what the pipeline needs: {@link RetriableException} for what may
 * pass (connection refused, timeouts, 429 and 5xx), a plain {@link ElasticsearchSinkException}
 * with the operator's next step for what will not (credentials, privileges, request too large).
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
            return new RetriableException("Elasticsearch at " + where + " answered " + status + ": " + detail, e);
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
            return new ElasticsearchSinkException("Elasticsearch at " + where + " found the bulk request too large (413):"
                    + " lower batch.max_bytes or raise http.max_content_length", e);
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
