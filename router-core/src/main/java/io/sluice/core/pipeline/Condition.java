package io.sluice.core.pipeline;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import com.google.re2j.Pattern;

/**
 * A route's or transform's {@code when:} test on one event. Regular expressions run on RE2/J, whose
 * time is linear in the input: a log line cannot make a worker backtrack for minutes.
 */
@FunctionalInterface
public interface Condition {
    boolean test(LogEvent event);

    Condition ALWAYS = e -> true;

    static Condition equalsTo(String field, String value) {
        return onValue(field, value::equals);
    }

    static Condition in(String field, List<String> values) {
        Set<String> set = Set.copyOf(values);
        return onValue(field, set::contains);
    }

    /** True when the regex finds a match anywhere in the field (use ^...$ to match all of it). */
    static Condition regex(String field, Pattern pattern) {
        return onValue(field, v -> pattern.matcher(v).find());
    }

    static Condition contains(String field, String part) {
        return onValue(field, v -> v.contains(part));
    }

    static Condition startsWith(String field, String prefix) {
        return onValue(field, v -> v.startsWith(prefix));
    }

    /** How {@link #compare} compares the field's number with the limit. */
    enum Comparison {
        GT(">"), GTE(">="), LT("<"), LTE("<=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(double value, double limit) {
            return switch (this) {
                case GT -> value > limit;
                case GTE -> value >= limit;
                case LT -> value < limit;
                case LTE -> value <= limit;
            };
        }
    }

    /** True when the field holds a number and it compares as asked with {@code limit}; false for text. */
    static Condition compare(String field, Comparison how, double limit) {
        return onValue(field, v -> {
            try {
                return how.holds(Double.parseDouble(v.trim()), limit);
            } catch (NumberFormatException notANumber) {
                return false;
            }
        });
    }

    static Condition exists(String field, boolean shouldExist) {
        Function<LogEvent, String> r = reader(field);
        return e -> (r.apply(e) != null) == shouldExist;
    }

    static Condition not(Condition c) {
        return e -> !c.test(e);
    }

    static Condition all(List<Condition> cs) {
        return e -> {
            for (Condition c : cs) if (!c.test(e)) return false;
            return true;
        };
    }

    static Condition any(List<Condition> cs) {
        return e -> {
            for (Condition c : cs) if (c.test(e)) return true;
            return false;
        };
    }

    /** True when the field has a value and it passes {@code test}; an absent field never matches. */
    private static Condition onValue(String field, java.util.function.Predicate<String> test) {
        Function<LogEvent, String> r = reader(field);
        return e -> {
            String v = r.apply(e);
            return v != null && test.test(v);
        };
    }

    private static Function<LogEvent, String> reader(String field) {
        Function<LogEvent, String> r = FieldPaths.reader(field);
        if (r == null) throw new IllegalArgumentException("unknown field '" + field + "'");
        return r;
    }
}
