package io.sluice.daemon.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Sluice's own diagnostics: schema v1 JSON lines on standard error (standard output belongs to the
 * stdout sink), at {@code SLUICE_LOG_LEVEL} (default INFO), the chattier client libraries at WARN.
 *
 * <p>Set up in code rather than in a {@code logback.xml}: reading the XML loaded an XML parser and
 * logback's configuration model, about 500 classes, at every start (docs/performance.md, "Start-up
 * and memory with the launcher defaults"). A file named with {@code -Dlogback.configurationFile}
 * still wins: this configurator then steps aside and logback reads the file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogConfigurator extends ContextAwareBase implements Configurator {
    private static final String[] QUIET_LIBRARIES = {"org.apache.kafka", "io.netty", "org.elasticsearch"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        SchemaV1LogEncoder encoder = new SchemaV1LogEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String library : QUIET_LIBRARIES) {
            context.getLogger(library).setLevel(Level.WARN);
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("SLUICE_LOG_LEVEL"), Level.INFO));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
