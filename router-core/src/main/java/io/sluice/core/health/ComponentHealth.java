package io.sluice.core.health;

import java.util.Map;

/**
 * One component's health: its status, why it is not Healthy (for the operator), and the numbers
 * behind the verdict (buffer fill, how long it has been retrying, ...).
 *
 * @param component the component's name, {@code <kind>.<id>} ({@code output.es}, {@code buffer.es}, {@code input.app})
 * @param reason    null when Healthy
 * @param data      small values for the report's {@code data}; strings, numbers or booleans
 */
public record ComponentHealth(String component, HealthStatus status, String reason, Map<String, Object> data) {
    /** Reason and text data go out on unauthenticated endpoints: made {@link ReasonText#safe} here, once for all. */
    public ComponentHealth {
        reason = ReasonText.safe(reason);
        Map<String, Object> safe = new java.util.LinkedHashMap<>();
        data.forEach((k, v) -> safe.put(k, v instanceof String text ? ReasonText.safe(text) : v));
        data = Map.copyOf(safe);
    }

    public static ComponentHealth ok(String component) {
        return new ComponentHealth(component, HealthStatus.HEALTHY, null, Map.of());
    }

    public static ComponentHealth ok(String component, Map<String, Object> data) {
        return new ComponentHealth(component, HealthStatus.HEALTHY, null, data);
    }

    public static ComponentHealth degraded(String component, String reason, Map<String, Object> data) {
        return new ComponentHealth(component, HealthStatus.DEGRADED, reason, data);
    }

    /** Unhealthy. */
    public static ComponentHealth failing(String component, String reason) {
        return new ComponentHealth(component, HealthStatus.UNHEALTHY, reason, Map.of());
    }

    /** Unhealthy. */
    public static ComponentHealth failing(String component, String reason, Map<String, Object> data) {
        return new ComponentHealth(component, HealthStatus.UNHEALTHY, reason, data);
    }

    /** Counts for readiness: only Unhealthy does not (a Degraded component still delivers). */
    public boolean ready() {
        return status != HealthStatus.UNHEALTHY;
    }
}
