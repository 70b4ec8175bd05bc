package io.sluice.core.health;

/**
 * A component's state, in the three levels ASP.NET Core's HealthChecks (and its UI) use: Degraded
 * asks an operator to look but never fails readiness; Unhealthy takes the instance out of rotation
 * when the component is on the delivery path.
 */
public enum HealthStatus {
    HEALTHY("Healthy"), DEGRADED("Degraded"), UNHEALTHY("Unhealthy");

    private final String label;

    HealthStatus(String label) {
        this.label = label;
    }

    /** The name HealthChecks UI reads: Healthy, Degraded or Unhealthy. */
    public String label() {
        return label;
    }

    public HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
