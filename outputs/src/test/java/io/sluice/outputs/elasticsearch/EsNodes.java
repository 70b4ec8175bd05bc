package io.sluice.outputs.elasticsearch;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Gives tests a real Elasticsearch node ({@link EsNode}) as a parameter. Each kind of node is
 * started once per test run, on first use, and kept in the root store, which stops it (by pid) and
 * removes its dirs when the run ends. {@code -Dsluice.skipServices=true} disables these tests.
 */
final class EsNodes implements ParameterResolver, ExecutionCondition {

    /** The kinds of node the tests use. */
    enum Kind {
        /** Security off, plain HTTP, default settings. */
        PLAIN(8, false, Map.of()),
        /** A write thread pool queue of 1, so concurrent bulk requests get 429 rejections. */
        TINY_WRITE_QUEUE(8, false, Map.of("thread_pool.write.size", "1", "thread_pool.write.queue_size", "1")),
        /** Requests above 16 KiB refused with 413, so a large bulk request is "too large". */
        SMALL_REQUESTS(8, false, Map.of("http.max_content_length", "16kb")),
        /** Security left on: 8.19 auto-configures HTTPS with its own CA and authentication. */
        SECURED(8, true, Map.of()),
        /** Elasticsearch 9 (needs Java 21+), security off: the 8.19 client must speak to it too. */
        PLAIN_9(9, false, Map.of());

        final int major;
        final boolean security;
        final Map<String, String> settings;

        Kind(int major, boolean security, Map<String, String> settings) {
            this.major = major;
            this.security = security;
            this.settings = settings;
        }

        Path home() {
            String property = major == 9 ? "sluice.es9.home" : "sluice.es.home";
            return Path.of(System.getProperty(property, "target/es-dist/elasticsearch-" + (major == 9 ? "9.1.0" : "8.19.0")));
        }

        /** The runtime to run it on: this JVM for 8.x; for 9.x a Java 21+ found on the machine, if any. */
        Optional<Path> javaHome() {
            if (major == 8) return Optional.of(Path.of(System.getProperty("java.home")));
            return Runtimes.atLeast(21);
        }
    }

    /** Picks the kind of node for a parameter; without it a test gets {@link Kind#PLAIN}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @interface Node {
        Kind value();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Boolean.getBoolean("sluice.skipServices")) {
            return ConditionEvaluationResult.disabled("real-service tests skipped (-Dsluice.skipServices=true)");
        }
        boolean needs9 = context.getTestClass().map(c -> c.isAnnotationPresent(NeedsEs9.class)).orElse(false);
        if (needs9 && Kind.PLAIN_9.javaHome().isEmpty()) {
            return ConditionEvaluationResult.disabled("Elasticsearch 9 needs a Java 21+ runtime; none found"
                    + " (set sluice.es9.java or install one under /usr/lib/jvm)");
        }
        return ConditionEvaluationResult.enabled("a real Elasticsearch node is started for these tests");
    }

    /** Tests that need Elasticsearch 9 carry this; they are skipped on machines without Java 21+. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface NeedsEs9 {}

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == EsNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Kind kind = p.findAnnotation(Node.class).map(Node::value).orElse(Kind.PLAIN);
        ExtensionContext.Store store = c.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        return store.getOrComputeIfAbsent("sluice-es-node-" + kind, k -> {
            try {
                Path runtime = kind.javaHome().orElseThrow(() -> new IllegalStateException("no Java runtime for " + kind));
                return EsNode.start(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        kind.security, kind.settings, kind.home(), runtime);
            } catch (Exception e) {
                throw new ParameterResolutionException("could not start Elasticsearch node " + kind + ": " + e.getMessage(), e);
            }
        }, EsNode.class);
    }
}
