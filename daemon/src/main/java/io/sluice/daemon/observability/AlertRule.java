package io.sluice.daemon.observability;

import java.time.Duration;

/**
 * A Prometheus alerting rule.
 *
 * @param name        the alert's name (CamelCase, as Prometheus conventions have it)
 * @param expr        PromQL; a series returned is a firing alert
 * @param pendingFor  how long it must hold before it fires ({@code for})
 * @param severity    {@code warning} or {@code critical}
 * @param summary     one line for the notification; may use {@code {{ $labels.x }}}
 * @param description what it means and what to do
 */
public record AlertRule(String name, String expr, Duration pendingFor, String severity, String summary, String description) {}
