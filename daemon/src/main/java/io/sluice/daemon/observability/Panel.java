package io.sluice.daemon.observability;

import java.util.List;

/**
 * A Grafana time-series panel.
 *
 * @param unit Grafana's unit id: {@code short}, {@code bytes}, {@code Bps}, {@code percentunit}, {@code s}, ...
 */
public record Panel(String title, String description, String unit, List<PromQuery> queries) {
    public Panel {
        queries = List.copyOf(queries);
    }

    public static Panel of(String title, String unit, String description, PromQuery... queries) {
        return new Panel(title, description, unit, List.of(queries));
    }
}
