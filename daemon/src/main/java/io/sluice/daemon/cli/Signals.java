package io.sluice.daemon.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM and SIGINT start a graceful stop instead of the JVM's default exit (status 143), so the
 * daemon drains, flushes and exits 0 as orchestrators expect.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {}

    /** SIGHUP asks for a configuration reload; ignored where the platform has no such signal. */
    static void onHangup(Runnable action) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> action.run());
            // HotSpot leaves a signal the starting process ignored (nohup does exactly that) ignored and says so
            // only through the previous handler: without this line, kill -HUP would do nothing, silently
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                LOG.warn("SIGHUP was ignored by the process that started sluice (nohup?), so kill -HUP will not reload "
                        + "the configuration; start it without nohup, or use --watch-config");
            }
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.info("SIGHUP is not available here; use --watch-config to reload on change");
        }
    }

    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                    LOG.info("received SIG{}; stopping gracefully", sig.getName());
                    action.run();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not available on this platform: fall back to a shutdown hook (exit status then is the JVM's).
                Runtime.getRuntime().addShutdownHook(new Thread(action));
            }
        }
    }
}
