package io.sluice.config;

import io.sluice.api.option.OptionProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects every error and warning of one file, so all of them are reported at once. */
final class Problems {
    private final Path file;
    private final List<ConfigProblem> errors = new ArrayList<>();
    private final List<ConfigProblem> warnings = new ArrayList<>();
    private final Set<String> settled = new HashSet<>();
    private YamlDocument doc;

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** From now on, problems without an explicit line take it from this document. */
    void lines(YamlDocument document) {
        this.doc = document;
    }

    void error(int line, String path, String message) {
        for (String s : settled) {
            if (KeyPaths.within(path, s)) return;
        }
        errors.add(new ConfigProblem(file, line, path, message));
    }

    void error(String path, String message) {
        error(lineOf(path), path, message);
    }

    void warn(String path, String message) {
        warnings.add(new ConfigProblem(file, lineOf(path), path, message));
    }

    /** Problems of an option block bound at {@code blockPath}. */
    void options(String blockPath, List<OptionProblem> problems) {
        for (OptionProblem op : problems) {
            error(op.path().isEmpty() ? blockPath : KeyPaths.child(blockPath, op.path()), op.message());
        }
    }

    /**
     * Marks a path whose value is already reported as wrong (e.g. an unset variable), so the
     * consequences (an "invalid address" for the unexpanded text) do not bury the cause.
     */
    void settle(String path) {
        settled.add(path);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    void throwIfAny() throws ConfigException {
        if (hasErrors()) throw new ConfigException(inFileOrder(errors));
    }

    List<ConfigProblem> warnings() {
        return inFileOrder(warnings);
    }

    private int lineOf(String path) {
        return doc == null ? 0 : doc.lineOf(path);
    }

    private static List<ConfigProblem> inFileOrder(List<ConfigProblem> list) {
        List<ConfigProblem> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(ConfigProblem::line)); // stable: same line keeps report order
        return List.copyOf(sorted);
    }
}
