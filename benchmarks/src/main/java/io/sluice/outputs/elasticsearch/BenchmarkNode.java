package io.sluice.outputs.elasticsearch;

import java.nio.file.Path;
import java.util.Map;

/**
 * Opens the outputs module's package-private Elasticsearch harness ({@link EsNode}, from its test-jar)
 * to the sink benchmarks: one plain-HTTP node, security off, default settings, on free loopback ports.
 * It lives in the harness's package so the harness can stay package-private for the tests.
 */
public final class BenchmarkNode implements AutoCloseable {
    private final EsNode node;

    private BenchmarkNode(EsNode node) {
        this.node = node;
    }

    /** Starts a node from the unpacked distribution at {@code home} on this JVM's runtime; returns once it answers. */
    public static BenchmarkNode start(Path home) throws Exception {
        return new BenchmarkNode(EsNode.start("bench", false, Map.of(), home.toAbsolutePath(), Path.of(System.getProperty("java.home"))));
    }

    /** The node's base URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return node.url();
    }

    @Override
    public void close() {
        node.close();
    }
}
