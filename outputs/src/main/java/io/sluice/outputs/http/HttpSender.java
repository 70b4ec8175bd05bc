package io.sluice.outputs.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.tls.SslContexts;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client of the HTTP outputs: sends a request body with compression and credentials,
 * renews credentials once after a 401, and counts requests, bytes and latency per output.
 *
 * <p>Built on the JDK's {@link HttpClient}: it needs no extra dependency, speaks HTTP/1.1 and HTTP/2,
 * keeps connections alive and reuses them, and leaves Netty to the servers (inputs, admin). The
 * core owns retries and backoff: this class sends once (twice after a 401 with a renewable token).
 */
public final class HttpSender {
    /** A receiver's answer; {@link #bytes} as received (a protobuf answer is not text), {@link #body} as text. */
    public record Exchange(int status, HttpHeaders headers, byte[] bytes) {
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public Duration retryAfter(Clock clock) {
            return RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
        }
    }

    private final String outputId;
    private final HttpCoreSettings settings;
    private final Clock clock;
    private final RetryGate gate;
    private final boolean plainHttpOnly;
    private HttpClient client;
    private MeterRegistry meters;
    private Counter bytesIn;
    private Counter bytesOut;
    private Timer latency;

    public HttpSender(String outputId, HttpCoreSettings settings, Clock clock) {
        this(outputId, settings, clock, false);
    }

    /**
     * {@code plainHttpOnly}: every request of this sender goes to an {@code http://} URI (the caller's
     * one fixed target), so its client never speaks TLS, unless a token source fetches tokens with it.
     */
    public HttpSender(String outputId, HttpCoreSettings settings, Clock clock, boolean plainHttpOnly) {
        this.outputId = outputId;
        this.settings = settings;
        this.clock = clock;
        this.gate = new RetryGate(clock);
        this.plainHttpOnly = plainHttpOnly && !settings.auth().fetchesTokens();
    }

    public void start(MeterRegistry registry) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        SSLContext ssl = settings.tls().sslContext();
        // Without a context the JDK's client takes the JVM's default one, which parses the whole trust store
        // (~140 certificates, about 1 MiB of heap for the daemon's life: docs/performance.md, "Session 10:
        // sink memory"). A client that never speaks TLS gets one that trusts nothing instead: were it ever
        // asked for TLS, the handshake would fail, never pass unchecked.
        if (ssl == null && plainHttpOnly) ssl = SslContexts.context(null, SslContexts.trustingNone());
        if (ssl != null) b.sslContext(ssl);
        client = b.build();
        meters = registry;
        bytesIn = Counter.builder("sluice.output.http.request.bytes").tag("output", outputId).tag("stage", "uncompressed")
                .description("request body bytes before compression").register(registry);
        bytesOut = Counter.builder("sluice.output.http.request.bytes").tag("output", outputId).tag("stage", "sent")
                .description("request body bytes as sent, after compression").register(registry);
        latency = Timer.builder("sluice.output.http.request.duration").tag("output", outputId)
                .description("time from sending a request to its answer").register(registry);
    }

    public Clock clock() {
        return clock;
    }

    /** Asks the next sends to wait, after the receiver said {@code Retry-After}. */
    void holdOff(Duration wait) {
        gate.closeFor(wait);
    }

    /**
     * POSTs the body's bytes and returns the answer, whatever its status.
     *
     * @throws RetriableException the receiver was not reachable, did not answer in time, or asked to wait
     * @throws HttpPermanentException TLS failed: a trust or certificate problem an operator must fix
     */
    public Exchange post(URI uri, Map<String, String> headers, JsonBytes body, String contentType) throws Exception {
        gate.checkOpen(uri.getHost());
        byte[] sent = settings.compression().encode(body.array(), body.length());
        bytesIn.increment(body.length());
        Exchange answer = exchange(uri, headers, sent, contentType);
        if (answer.status() == 401 && settings.auth().forget()) {
            answer = exchange(uri, headers, sent, contentType);
        }
        bytesOut.increment(sent.length);
        return answer;
    }

    /** A GET or a small POST outside the batch path (acknowledgement polls): same client, same credentials. */
    public Exchange call(HttpRequest.Builder request) throws Exception {
        HttpRequest.Builder copy = request.copy();
        Exchange answer = send(request);
        if (answer.status() == 401 && settings.auth().forget()) answer = send(copy);
        return answer;
    }

    private Exchange exchange(URI uri, Map<String, String> headers, byte[] sent, String contentType) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(sent))
                .header("Content-Type", contentType);
        if (settings.compression().contentEncoding != null) {
            r.header("Content-Encoding", settings.compression().contentEncoding);
        }
        headers.forEach(r::setHeader);
        return send(r);
    }

    private Exchange send(HttpRequest.Builder r) throws Exception {
        settings.auth().authorize(r, client);
        HttpRequest request = r.timeout(settings.requestTimeout()).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw HttpPermanentException.tlsFailed(request.uri().getHost(), e, e);
        } catch (HttpTimeoutException e) {
            throw new RetriableException(request.uri().getHost() + " did not answer within "
                    + settings.requestTimeout(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof SSLException ssl) throw HttpPermanentException.tlsFailed(request.uri().getHost(), ssl, e);
            throw new RetriableException(request.uri().getHost() + " not reachable: " + e, e);
        }
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        Counter.builder("sluice.output.http.requests").tag("output", outputId)
                .tag("status", Integer.toString(response.statusCode())).description("requests by answer status")
                .register(meters).increment();
        return new Exchange(response.statusCode(), response.headers(), response.body());
    }

    public String auth() {
        return settings.auth().toString();
    }
}
