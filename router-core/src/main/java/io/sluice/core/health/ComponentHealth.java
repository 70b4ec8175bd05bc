package io.sluice.core.health;

/** One component's part in readiness: ready or not, and why not (for the operator). */
public record ComponentHealth(String component, boolean ready, String reason) {
    public static ComponentHealth ok(String component) {
        return new ComponentHealth(component, true, null);
    }

    public static ComponentHealth failing(String component, String reason) {
        return new ComponentHealth(component, false, reason);
    }
}
