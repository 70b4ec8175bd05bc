package io.sluice.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline file that cannot be used, with every problem found in it (not just the first), so the
 * user fixes them all in one pass. The message is one problem per line.
 */
public class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** In file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
