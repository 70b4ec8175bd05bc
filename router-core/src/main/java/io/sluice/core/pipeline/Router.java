package io.sluice.core.pipeline;

import io.sluice.api.event.LogEvent;

import java.util.List;

/**
 * Decides which sinks an event goes to. Sinks are numbered by their position in the output list
 * and an event's choice is a bit mask (at most 64 outputs), so routing allocates nothing per event.
 * Without routes, every event goes to every sink.
 */
public final class Router {
    public static final int MAX_OUTPUTS = 64;

    private final List<Route> routes;
    private final long[] routeMasks;
    private final long allMask;
    private final List<String> outputIds;

    public Router(List<Route> routes, List<String> outputIds) {
        if (outputIds.size() > MAX_OUTPUTS) {
            throw new IllegalArgumentException("at most " + MAX_OUTPUTS + " outputs are supported");
        }
        this.routes = List.copyOf(routes);
        this.outputIds = List.copyOf(outputIds);
        this.routeMasks = new long[routes.size()];
        for (int r = 0; r < routes.size(); r++) {
            for (String to : routes.get(r).to()) {
                int i = outputIds.indexOf(to);
                if (i < 0) throw new IllegalArgumentException("route '" + routes.get(r).name() + "' names unknown output '" + to + "'");
                routeMasks[r] |= 1L << i;
            }
        }
        this.allMask = outputIds.size() == 64 ? -1L : (1L << outputIds.size()) - 1;
    }

    /** The sinks (bit i = output i) the event goes to; 0 means no route took it. */
    public long route(String inputId, LogEvent event) {
        if (event.divertTo() != null) {
            // a transform chose the output (validated at load; gone after a reload: unrouted, counted)
            int i = outputIds.indexOf(event.divertTo());
            return i < 0 ? 0 : 1L << i;
        }
        if (routes.isEmpty()) return allMask;
        long mask = 0;
        for (int r = 0; r < routeMasks.length; r++) {
            if ((mask | routeMasks[r]) != mask && routes.get(r).matches(inputId, event)) mask |= routeMasks[r];
        }
        return mask;
    }
}
