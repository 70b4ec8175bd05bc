package io.sluice.daemon.cli;

import java.nio.file.Path;

/**
 * {@code sluice run} with plain options, bound without picocli: the daemon's every start would
 * otherwise pay for picocli itself (its Java 5 class files, which JDK 17's class-data archive cannot
 * hold, its built-in converters and help model): about a third of the CPU to {@code /health/ready}
 * (docs/performance.md, "Session 5: start-up"). The options are named here as {@link RunCommand}
 * declares them with {@code @Option}; they are not read from those annotations, because reading them
 * loads and verifies picocli's classes (with their Java 5 class files, the old verifier) and spins
 * annotation proxies at every start (docs/performance.md, "Session 7: start-up").
 * RunArgumentsTest fails when an option of RunCommand, by any of its names, does not bind here as
 * picocli binds it. Anything beyond {@code NAME VALUE}, {@code --NAME=VALUE} and flags (help,
 * version, an unknown, repeated or attached option, an {@code @file}, a value that looks like an
 * option) is left to picocli, so its parsing, messages and help stay the only ones.
 */
final class RunArguments {
    private RunArguments() {}

    /** The bound command, or null when picocli should parse {@code args}. */
    static RunCommand parse(String... args) {
        if (args.length == 0 || !args[0].equals("run")) return null;
        RunCommand command = new RunCommand();
        boolean configSeen = false;
        boolean watchSeen = false;
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            switch (name) {
                case "--watch-config":
                    if (watchSeen || value != null) return null;
                    watchSeen = true;
                    command.watchConfig = true;
                    break;
                case "-c":
                case "--config":
                    if (configSeen) return null;
                    configSeen = true;
                    if (value == null) {
                        if (i + 1 == args.length) return null;
                        value = args[++i];
                    }
                    if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
                    command.config = Path.of(value);
                    break;
                default:
                    return null;
            }
        }
        return command;
    }

    /** Runs it as picocli's {@code execute} would: an exception escaping the command is printed, exit status 1. */
    static int execute(RunCommand command) {
        try {
            return command.call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }
}
