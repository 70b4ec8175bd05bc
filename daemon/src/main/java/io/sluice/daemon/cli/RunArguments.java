package io.sluice.daemon.cli;

import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code sluice run} with plain options, bound without picocli: the daemon's every start would
 * otherwise pay for picocli itself (its Java 5 class files, which JDK 17's class-data archive cannot
 * hold, its built-in converters and help model): about a third of the CPU to {@code /health/ready}
 * (docs/performance.md, "Session 5: start-up"). The options are {@link RunCommand}'s own
 * {@code @Option} fields, so there is one declaration of them. Anything beyond {@code NAME VALUE},
 * {@code --NAME=VALUE} and flags (help, version, an unknown, repeated or attached option, an
 * {@code @file}, a value that looks like an option) is left to picocli, so its parsing, messages
 * and help stay the only ones; RunArgumentsTest holds this binding to picocli's for each form.
 */
final class RunArguments {
    private static final Map<String, Field> OPTIONS = options();

    private RunArguments() {}

    /** The bound command, or null when picocli should parse {@code args}. */
    static RunCommand parse(String... args) {
        if (args.length == 0 || !args[0].equals("run")) return null;
        RunCommand command = new RunCommand();
        Map<Field, Boolean> seen = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Field field = OPTIONS.get(name);
            if (field == null || seen.put(field, true) != null) return null;
            if (field.getType() == boolean.class) {
                if (value != null) return null;
                set(field, command, true);
            } else {
                if (value == null) {
                    if (i + 1 == args.length) return null;
                    value = args[++i];
                }
                if (value.isEmpty() || value.startsWith("-") || value.startsWith("@")) return null;
                set(field, command, Path.of(value));
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

    /** RunCommand's options by every name; only the types bound here (flags and paths). */
    private static Map<String, Field> options() {
        Map<String, Field> byName = new HashMap<>();
        for (Field field : RunCommand.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) continue;
            if (field.getType() != boolean.class && field.getType() != Path.class) {
                throw new IllegalStateException("RunArguments binds flags and paths; add " + field.getType()
                        + " for RunCommand." + field.getName() + " or leave it to picocli");
            }
            for (String name : option.names()) byName.put(name, field);
        }
        return byName;
    }

    private static void set(Field field, RunCommand command, Object value) {
        try {
            field.set(command, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
