package io.sluice.daemon.observability;

/**
 * One PromQL expression of a panel, with the legend Grafana draws for each series.
 * {@code $__rate_interval} is Grafana's rate window (at least four scrape intervals).
 */
public record PromQuery(String expr, String legend) {
    /** Grafana's rate window variable; tools that are not Grafana substitute a duration for it. */
    public static final String RATE_INTERVAL = "$__rate_interval";

    /** The expression as plain PromQL, with {@link #RATE_INTERVAL} replaced by {@code window} (e.g. {@code 1m}). */
    public String promql(String window) {
        return expr.replace(RATE_INTERVAL, window);
    }
}
