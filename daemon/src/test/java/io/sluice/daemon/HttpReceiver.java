package io.sluice.daemon;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** A real HTTP receiver on loopback that answers every POST to /ingest with one status and a body. */
final class HttpReceiver implements AutoCloseable {
    private final HttpServer server;

    /** @param body the answer's body from the request's headers */
    HttpReceiver(int status, Function<Headers, String> body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ingest", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body.apply(exchange.getRequestHeaders()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
