package io.sluice.bench;

import com.github.luben.zstd.ZstdInputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * The fast local receiver of the HTTP sink scenarios: the JDK's HTTP server on loopback, decoding
 * each request (gzip or zstd) and counting what it holds (NDJSON lines for S8, OTLP log records for
 * S7), then answering 200. The count is the sink-side check of a run: as many as events sent.
 */
final class CountingReceiver implements AutoCloseable {
    /** How a decoded body is counted. */
    enum Counting {
        NDJSON_LINES {
            @Override
            long count(byte[] body) {
                long n = 0;
                for (byte b : body) if (b == '\n') n++;
                return n;
            }
        },
        OTLP_RECORDS {
            @Override
            long count(byte[] body) throws IOException {
                long n = 0;
                for (ResourceLogs rl : ExportLogsServiceRequest.parseFrom(body).getResourceLogsList()) {
                    for (ScopeLogs sl : rl.getScopeLogsList()) n += sl.getLogRecordsCount();
                }
                return n;
            }
        };

        abstract long count(byte[] body) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    CountingReceiver(String path, Counting counting) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(threads);
        server.createContext(path, ex -> answer(ex, counting));
        server.start();
    }

    private void answer(HttpExchange ex, Counting counting) throws IOException {
        try (ex) {
            byte[] body = decode(ex.getRequestHeaders().getFirst("Content-Encoding"), ex.getRequestBody().readAllBytes());
            counted.addAndGet(counting.count(body));
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            ex.sendResponseHeaders(400, -1);
        }
    }

    private static byte[] decode(String encoding, byte[] raw) throws IOException {
        if (encoding == null) return raw;
        try (InputStream in = "zstd".equals(encoding) ? new ZstdInputStream(new ByteArrayInputStream(raw))
                : new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return in.readAllBytes();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    long counted() {
        return counted.get();
    }

    long requests() {
        return requests.get();
    }

    /** Null when the receiver counted exactly {@code expected} once no request came for a second, else the problem. */
    String check(long expected) throws InterruptedException {
        long before;
        do {
            before = requests.get();
            Thread.sleep(1000);
        } while (requests.get() != before);
        long n = counted.get();
        return n == expected ? null : "the receiver counted " + n + ", not " + expected + " (" + requests.get() + " requests)";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
