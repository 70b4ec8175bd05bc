package io.sluice.daemon.cli;

import io.sluice.config.LoadedConfig;
import io.sluice.daemon.replay.Replay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Sends the events of a dead-letter file through a pipeline's routes and outputs again, "
                + "once the cause of their refusal is fixed. Records refused at decoding or normalization are "
                + "decoded again from event.original; the dead-letter marks (error.type, error.message, error.code) are removed.",
        footer = {"", "Example:", "  sluice replay data/dead-letter.ndjson -c pipeline.yaml",
                "", "Exit status: 0 every event delivered (or refused again and dead-lettered), 1 invalid config, 3 not everything was delivered."})
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DEAD_LETTER_FILE", description = "NDJSON written by a dead-letter sink")
    Path file;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the pipeline whose routes and outputs receive the events")
    Path config;

    @Option(names = "--as-input", paramLabel = "ID", defaultValue = "replay",
            description = "the input id the events count as for routes with 'from' (default: ${DEFAULT-VALUE})")
    String inputId;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded = ConfigSource.loadOrReport(config, spec.commandLine().getErr());
        if (loaded == null) return Main.CONFIG_INVALID;
        Replay.Summary s = new Replay(loaded.config(), inputId).run(file);
        long lost = s.undelivered().values().stream().mapToLong(Long::longValue).sum();
        spec.commandLine().getOut().printf("replayed %d events from %s; %.0f refused again (dead-lettered); %s%n",
                s.lines(), file, s.deadLettered(), lost == 0 && s.complete() ? "all delivered" : "not delivered: " + s.undelivered());
        spec.commandLine().getOut().flush();
        return lost == 0 && s.complete() ? Main.OK : Main.FAILED;
    }
}
