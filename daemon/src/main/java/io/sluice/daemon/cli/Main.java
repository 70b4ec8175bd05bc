package io.sluice.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** The {@code sluice} command line. */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Sluice routes log event streams: inputs -> schema v1 normalizer -> routes -> sinks.",
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

    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    /** In the order {@code sluice --help} lists them; {@code help} comes last. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ValidateCommand.class,
            ReplayCommand.class, BufferCommand.class, TestCommand.class, ReferenceCommand.class,
            DashboardsCommand.class, TopCommand.class, VersionCommand.class);

    public static void main(String[] args) {
        // Netty 4.2 reports buffer allocations as JFR events when the JVM has JFR: that starts JFR's
        // machinery and generates event classes on the first request, ~0.2 s of CPU on every start
        // for events nobody records. -Dio.netty.jfr.enabled=true brings them back for a profiling run.
        if (System.getProperty(NETTY_JFR) == null) System.setProperty(NETTY_JFR, "false");
        RunCommand run = RunArguments.parse(args);
        int status = run != null ? RunArguments.execute(run) : commandLine(args).execute(args);
        if (ClassDataCacheFill.writing()) ClassDataCacheFill.loadAll(); // before the JVM writes the cache at exit
        System.exit(status);
    }

    /** The whole command tree: every subcommand and {@code help}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        SUBCOMMANDS.forEach(cli::addSubcommand);
        return cli.addSubcommand(CommandLine.HelpCommand.class);
    }

    /**
     * The tree {@code args} needs: when they name a subcommand, only that one. Picocli builds a
     * command's model by reflecting over its class and creating its instance, and loads a class of
     * its own for every kind of option it meets, so the whole tree costs a few hundred milliseconds
     * of CPU on every start of the daemon (docs/performance.md, "Session 5: start-up").
     * Anything else (no arguments, {@code --help}, {@code help run}, a typo) gets the whole tree,
     * so help and usage errors list every command.
     */
    static CommandLine commandLine(String... args) {
        for (Class<?> command : SUBCOMMANDS) {
            if (args.length > 0 && command.getAnnotation(Command.class).name().equals(args[0])) {
                return new CommandLine(new Main()).addSubcommand(command);
            }
        }
        return commandLine();
    }
}
