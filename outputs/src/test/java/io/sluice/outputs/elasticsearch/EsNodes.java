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
import java.util.Map;

/**
 * Gives tests a real Elasticsearch node ({@link EsNode}) as a parameter. Each kind of node is
 * started once per test run, on first use, and kept in the root store, which stops it (by pid) and
 * removes its dirs when the run ends. {@code -Dsluice.skipServices=true} disables these tests.
 */
final class EsNodes implements ParameterResolver, ExecutionCondition {

    /** The kinds of node the tests use. */
    enum Kind {
        /** Security off, plain HTTP, default settings. */
        PLAIN(false, Map.of()),
        /** A write thread pool queue of 1, so concurrent bulk requests get 429 rejections. */
        TINY_WRITE_QUEUE(false, Map.of("thread_pool.write.size", "1", "thread_pool.write.queue_size", "1")),
        /** Security left on: 8.19 auto-configures HTTPS with its own CA and authentication. */
        SECURED(true, Map.of());

        final boolean security;
        final Map<String, String> settings;

        Kind(boolean security, Map<String, String> settings) {
            this.security = security;
            this.settings = settings;
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
        return ConditionEvaluationResult.enabled("a real Elasticsearch node is started for these tests");
    }

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
                return EsNode.start(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        kind.security, kind.settings);
            } catch (Exception e) {
                throw new ParameterResolutionException("could not start Elasticsearch node " + kind + ": " + e.getMessage(), e);
            }
        }, EsNode.class);
    }
}
