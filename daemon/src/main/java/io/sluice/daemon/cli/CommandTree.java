package io.sluice.daemon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/** Sluice's picocli command tree: {@link Main} and its subcommands. */
public final class CommandTree {
    /** In the order {@code sluice --help} lists them; {@code help} comes last. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, ValidateCommand.class,
            ReplayCommand.class, BufferCommand.class, TestCommand.class, ReferenceCommand.class,
            DashboardsCommand.class, TopCommand.class, VersionCommand.class);

    private CommandTree() {}

    /** The whole command tree: every subcommand and {@code help}. */
    public static CommandLine whole() {
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
    static CommandLine forArgs(String... args) {
        for (Class<?> command : SUBCOMMANDS) {
            if (args.length > 0 && command.getAnnotation(Command.class).name().equals(args[0])) {
                return new CommandLine(new Main()).addSubcommand(command);
            }
        }
        return whole();
    }
}
