package io.sluice.core.pipeline;

import java.util.List;
import java.util.Set;

/**
 * One entry of {@code routes:}: events from the named inputs (all when {@code from} is empty) that
 * pass {@code when} go to every output in {@code to}. An event goes to the union of the outputs of
 * all routes it matches; an event no route matches is dropped and counted.
 */
public record Route(String name, Set<String> from, Condition when, List<String> to) {
    public Route {
        from = Set.copyOf(from);
        to = List.copyOf(to);
    }

    public boolean matches(String inputId, io.sluice.api.event.LogEvent event) {
        return (from.isEmpty() || from.contains(inputId)) && when.test(event);
    }
}
