package io.sluice.daemon.cli;

import io.sluice.config.ConfigException;
import io.sluice.config.LoadedConfig;
import io.sluice.api.plugin.Input;
import io.sluice.daemon.plugins.ShippedPlugins;
import io.sluice.daemon.Daemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a pipeline until SIGTERM or SIGINT (or until every input has finished, e.g. stdin at EOF).",
        footer = {"", "Without -c, runs the default pipeline: TCP 127.0.0.1:5170 (JSON or text lines) -> stdout (schema v1 JSON).",
                "", "Examples:", "  sluice run", "  sluice run -c pipeline.yaml",
                "  echo '{\"level\":\"warn\",\"msg\":\"disk low\",\"service\":\"api\"}' | nc 127.0.0.1 5170",
                "", "Exit status: 0 stopped cleanly, 1 invalid config, 3 failed to start or lost events on stop."})
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the pipeline YAML file (default: the built-in pipeline)")
    Path config;

    @Option(names = "--watch-config", description = "reload the config when the file changes (as SIGHUP does)")
    boolean watchConfig;

    /** Null when {@link RunArguments} bound the options (the usual start), picocli's model otherwise. */
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = ConfigSource.loadOrReport(config, err());
        if (loaded == null) return Main.CONFIG_INVALID;
        Daemon daemon = new Daemon(loaded.config());
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        AtomicBoolean reloadRequested = new AtomicBoolean();
        Signals.onHangup(() -> reloadRequested.set(true));
        ConfigWatch watch = watchConfig && config != null ? new ConfigWatch(config) : null;
        try {
            daemon.start();
        } catch (Exception e) {
            LOG.error("failed to start: {}", e.toString(), e);
            daemon.stop();
            return Main.FAILED;
        }
        while (!stop.await(200, TimeUnit.MILLISECONDS)) {
            if (reloadRequested.getAndSet(false) || (watch != null && watch.changed())) reload(daemon);
            if (allInputsFinished(daemon)) {
                LOG.info("every input has finished; stopping");
                break;
            }
        }
        return daemon.stop() ? Main.OK : Main.FAILED;
    }

    /** Where problems go: picocli's writer, or stderr when {@link RunArguments} bound the command. */
    private PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
    }

    /** Validates the file first: an invalid file is reported and the running pipeline stays as it is. */
    private void reload(Daemon daemon) {
        if (config == null) {
            LOG.warn("reload requested, but the built-in default pipeline has no file to reload; start with -c FILE");
            return;
        }
        try {
            LoadedConfig next = ConfigSource.load(config, ShippedPlugins.registry());
            daemon.reload(next.config());
        } catch (ConfigException e) {
            LOG.error("reload refused, the running pipeline is unchanged; {} problem(s) in {}:\n{}",
                    e.problems().size(), config, e.getMessage());
            daemon.reloadFailed(e.problems().size() + " problem(s) in " + config);
        } catch (Exception e) {
            // Daemon.reload counted it and undid what it had prepared
            LOG.error("reload failed, the running pipeline is unchanged: {}", e.toString(), e);
        }
    }

    private static boolean allInputsFinished(Daemon daemon) throws InterruptedException {
        if (daemon.inputs().isEmpty()) return false;
        for (Input in : daemon.inputs().values()) {
            if (!in.awaitStop(Duration.ZERO)) return false;
        }
        return true;
    }
}
