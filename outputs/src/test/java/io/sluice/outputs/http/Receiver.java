package io.sluice.outputs.http;

import com.github.luben.zstd.ZstdInputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.sluice.core.testkit.TlsFiles;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLParameters;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP receiver on a free loopback port for testing HTTP outputs: records every request with its
 * body decoded (gzip undone), and answers from a script of responses (200 once the script runs out),
 * or from a handler per path for protocol endpoints (tokens, acknowledgements).
 */
public final class Receiver implements AutoCloseable {
    /** @param sentBytes the body's length as it came over the wire, before decompression */
    public record Request(String method, String path, Map<String, String> headers, byte[] body, int sentBytes) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public record Response(int status, Map<String, String> headers, String body) {
        public static Response of(int status) {
            return new Response(status, Map.of(), "");
        }

        public static Response of(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Response> script = new ArrayDeque<>();
    private final Map<String, Function<Request, Response>> handlers = new ConcurrentHashMap<>();

    public Receiver() throws IOException {
        this(0);
    }

    /** On a given port (0: any free one), so a test can take the receiver down and bring it back where it was. */
    public Receiver(int port) throws IOException {
        this(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** An HTTPS receiver presenting {@code ssl}'s certificate; with {@code needClientAuth}, mutual TLS. */
    public Receiver(SSLContext ssl, boolean needClientAuth) throws IOException {
        this(https(ssl, needClientAuth));
    }

    private Receiver(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server side of {@code tls}: its server certificate and key, trusting its CA for client certificates. */
    public static SSLContext serverContext(TlsFiles tls) throws Exception {
        tls.openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server.key", "-out", "server.p12",
                "-passout", "pass:secret");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.dir.resolve("server.p12"))) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(tls.ca)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ssl;
    }

    private static HttpServer https(SSLContext ssl, boolean needClientAuth) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        return s;
    }

    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The subject of the client certificate on the last request, for mutual TLS tests. */
    volatile String lastClient;

    /** Answers the next requests (other than handled paths) in this order. */
    public synchronized Receiver then(Response... responses) {
        script.addAll(List.of(responses));
        return this;
    }

    /** Answers requests whose path starts with {@code prefix} with the handler; not recorded as requests. */
    public Receiver handle(String prefix, Function<Request, Response> handler) {
        handlers.put(prefix, handler);
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex instanceof HttpsExchange tls) {
                try {
                    lastClient = ((java.security.cert.X509Certificate) tls.getSSLSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
                    lastClient = null;
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            byte[] raw = ex.getRequestBody().readAllBytes();
            byte[] body = decode(headers.get("content-encoding"), raw);
            String path = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            Request request = new Request(ex.getRequestMethod(), path, headers, body, raw.length);
            Response response = null;
            for (var h : handlers.entrySet()) {
                if (path.startsWith(h.getKey())) response = h.getValue().apply(request);
            }
            if (response == null) {
                synchronized (this) {
                    requests.add(request);
                    response = script.isEmpty() ? Response.of(200, "{}") : script.poll();
                }
            }
            response.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) ex.getResponseBody().write(out);
        }
    }

    /** Undoes the Content-Encodings the HTTP outputs send: gzip and zstd (RFC 8878 frames). */
    public static byte[] decode(String contentEncoding, byte[] raw) throws IOException {
        if (contentEncoding == null) return raw;
        try (InputStream in = switch (contentEncoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(raw));
            case "zstd" -> new ZstdInputStream(new ByteArrayInputStream(raw));
            default -> throw new IOException("unexpected Content-Encoding " + contentEncoding);
        }) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
