package io.sluice.api.option;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A check that spans several options of one block ("exactly one of topics, topic_pattern"),
 * declared on the {@link OptionSpec} beside the options so that validation reports it with the
 * file and line of the option that breaks it, before anything starts, and the configuration
 * reference states it. An option counts as given when the user wrote it (a default does not count).
 */
public final class OptionRule {
    private final String description;
    private final List<Option<?>> about;
    private final Predicate<Options> holds;
    private final String message;

    private OptionRule(String description, List<Option<?>> about, Predicate<Options> holds, String message) {
        if (about.isEmpty()) throw new IllegalArgumentException("a rule is about at least one option: " + description);
        this.description = description;
        this.about = List.copyOf(about);
        this.holds = holds;
        this.message = message;
    }

    /**
     * The general form: {@code holds} must be true of the block. A broken rule is reported at the
     * last of {@code about} that the user gave (usually the one that broke it), else at the first.
     *
     * @param description what the rule says, for the reference ("`username` goes with `password`")
     * @param message     what to change, for the user
     */
    public static OptionRule of(String description, String message, Predicate<Options> holds, Option<?>... about) {
        return new OptionRule(description, List.of(about), holds, message);
    }

    /** The user must give exactly one of the options. */
    public static OptionRule exactlyOneOf(Option<?>... options) {
        return of("exactly one of " + names(options, "`"), "set exactly one of " + names(options, ""),
                o -> given(o, options) == 1, options);
    }

    /** The user may give at most one of the options: they exclude each other. */
    public static OptionRule atMostOneOf(Option<?>... options) {
        return of("at most one of " + names(options, "`"), names(options, "") + " exclude each other; set only one",
                o -> given(o, options) <= 1, options);
    }

    /** Either all of the options or none of them. */
    public static OptionRule requiresTogether(Option<?>... options) {
        return of(names(options, "`") + " go together", names(options, "") + " go together; set all of them or none",
                o -> given(o, options) == 0 || given(o, options) == options.length, options);
    }

    /** When the user gives {@code option}, {@code needed} must be given too. */
    public static OptionRule requires(Option<?> option, Option<?> needed) {
        return of("`" + option.name() + "` requires `" + needed.name() + "`", option.name() + " requires " + needed.name(),
                o -> !o.isSet(option) || o.isSet(needed), option, needed);
    }

    /** For the reference: the rule in words, with option names in backquotes. */
    public String description() {
        return description;
    }

    List<Option<?>> about() {
        return about;
    }

    /** The problem (its path relative to the block) when the block breaks the rule. */
    Optional<OptionProblem> check(Options options) {
        if (holds.test(options)) return Optional.empty();
        Option<?> at = about.get(0);
        for (Option<?> o : about) {
            if (options.isSet(o)) at = o;
        }
        return Optional.of(new OptionProblem(at.name(), message));
    }

    private static int given(Options o, Option<?>[] options) {
        int n = 0;
        for (Option<?> option : options) {
            if (o.isSet(option)) n++;
        }
        return n;
    }

    private static String names(Option<?>[] options, String quote) {
        return Arrays.stream(options).map(o -> quote + o.name() + quote).collect(Collectors.joining(", "));
    }
}
