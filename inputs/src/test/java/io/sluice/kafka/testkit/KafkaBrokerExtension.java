package io.sluice.kafka.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link KafkaBroker} parameter. The broker is started once per test run, kept in the
 * root context's store and stopped when the run ends, so every Kafka test class shares it.
 * A JVM shutdown hook stops it too when the run is cut short.
 */
public final class KafkaBrokerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("broker", k -> new Shared(), Shared.class).broker;
    }

    /** The store closes it at the end of the run. */
    private static final class Shared implements AutoCloseable {
        private final KafkaBroker broker;

        Shared() {
            try {
                broker = KafkaBroker.start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the test Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    broker.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "kafka-broker-stop"));
        }

        @Override
        public void close() throws Exception {
            broker.close();
        }
    }
}
