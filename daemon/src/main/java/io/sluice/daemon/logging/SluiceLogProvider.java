package io.sluice.daemon.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * logback, set up by {@link StderrLogConfigurator} without a class-path scan. The launcher names it
 * with {@code -Dslf4j.provider}: slf4j then skips its own {@code ServiceLoader} lookup of providers,
 * and this provider skips logback's lookup of {@code Configurator}s. Each of those lookups opens every
 * jar of the class path, about 100 ms of CPU at start-up (docs/performance.md, "Session 7: start-up").
 * Without the property (tests, embedding) logback's own provider finds the same configurator through
 * {@code META-INF/services}, so the output is the same either way.
 */
public final class SluiceLogProvider implements SLF4JServiceProvider {
    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName(ch.qos.logback.core.CoreConstants.DEFAULT_CONTEXT_NAME);
        context.setMDCAdapter(mdc);
        StderrLogConfigurator configurator = new StderrLogConfigurator();
        configurator.setContext(context);
        if (configurator.configure(context) != Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY) {
            // -Dlogback.configurationFile names a file: logback's usual search reads it, and reports
            // its problems as logback's own provider does
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                System.err.println("sluice: logback configuration failed: " + e.getMessage());
            }
            new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
    }

    @Override public ILoggerFactory getLoggerFactory() { return context; }
    @Override public IMarkerFactory getMarkerFactory() { return markers; }
    @Override public MDCAdapter getMDCAdapter() { return mdc; }
    @Override public String getRequestedApiVersion() { return "2.0.99"; }
}
