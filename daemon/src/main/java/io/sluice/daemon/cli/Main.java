package io.sluice.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Sluice routes log event streams: inputs -> schema v1 normalizer -> routes -> sinks.",
        subcommands = {RunCommand.class, ValidateCommand.class, ReplayCommand.class, BufferCommand.class, TestCommand.class, ReferenceCommand.class, DashboardsCommand.class, TopCommand.class, VersionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Examples:",
                "  sluice run                        the default pipeline: TCP 127.0.0.1:5170 -> stdout",
                "  sluice run -c pipeline.yaml       a configured pipeline",
                "  sluice validate -c pipeline.yaml  check a config; prints file:line: path: message per problem",
                "  sluice test -c pipeline.yaml -t pipeline.test.yaml   run fixture records through a config"})
public final class Main {
    /** Exit codes, documented in the README. */
    public static final int OK = 0;
    public static final int CONFIG_INVALID = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }
}
