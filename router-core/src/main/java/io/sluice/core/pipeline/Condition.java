package io.sluice.core.pipeline;

import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A route's {@code when:} test on one event. */
@FunctionalInterface
public interface Condition {
    boolean test(LogEvent event);

    Condition ALWAYS = e -> true;

    static Condition equalsTo(String field, String value) {
        Function<LogEvent, String> r = reader(field);
        return e -> value.equals(r.apply(e));
    }

    static Condition in(String field, List<String> values) {
        Function<LogEvent, String> r = reader(field);
        Set<String> set = Set.copyOf(values);
        return e -> {
            String v = r.apply(e);
            return v != null && set.contains(v);
        };
    }

    /** True when the regex finds a match anywhere in the field (use ^...$ to match all of it). */
    static Condition regex(String field, Pattern pattern) {
        Function<LogEvent, String> r = reader(field);
        return e -> {
            String v = r.apply(e);
            return v != null && pattern.matcher(v).find();
        };
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

    private static Function<LogEvent, String> reader(String field) {
        Function<LogEvent, String> r = FieldPaths.reader(field);
        if (r == null) throw new IllegalArgumentException("unknown field '" + field + "'");
        return r;
    }
}
