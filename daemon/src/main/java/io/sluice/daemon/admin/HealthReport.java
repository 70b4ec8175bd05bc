package io.sluice.daemon.admin;

import io.sluice.api.json.JsonBytes;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.HealthRegistry;
import io.sluice.core.health.HealthStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Renders health as JSON: readiness ({@code /health/ready}: 200 when no component is Unhealthy, else
 * 503 naming what is not ready and why) and the full report ({@code /health}).
 */
public final class HealthReport {
    private HealthReport() {}

    public static AdminServer.Reply readiness(List<ComponentHealth> parts) {
        boolean ready = parts.stream().allMatch(ComponentHealth::ready);
        JsonBytes out = new JsonBytes(256);
        out.ascii("{\"status\":\"").ascii(ready ? "ready" : "not_ready").ascii("\",\"components\":[");
        for (int i = 0; i < parts.size(); i++) {
            ComponentHealth h = parts.get(i);
            if (i > 0) out.raw((byte) ',');
            out.ascii("{\"component\":").string(h.component()).ascii(",\"ready\":").ascii(Boolean.toString(h.ready()))
                    .ascii(",\"health\":").string(h.status().label());
            if (h.reason() != null) out.ascii(",\"reason\":").string(h.reason());
            out.raw((byte) '}');
        }
        out.ascii("]}\n");
        return new AdminServer.Reply(ready ? 200 : 503, "application/json", out.toString());
    }

    /**
     * The full report in the shape ASP.NET Core's HealthChecks UI reads ({@code UIResponseWriter}):
     * {@code status}, {@code totalDuration}, {@code entries.{name}.{data,description,duration,status,tags}},
     * durations as .NET TimeSpans; 503 when something is Unhealthy, as HealthChecks answers, so a
     * plain HTTP check against {@code /health} works too.
     */
    public static AdminServer.Reply full(HealthRegistry.Report report) {
        HealthStatus status = report.status();
        JsonBytes out = new JsonBytes(1024);
        out.ascii("{\"status\":").string(status.label())
                .ascii(",\"totalDuration\":").string(timeSpan(report.totalDuration()))
                .ascii(",\"entries\":{");
        boolean first = true;
        for (HealthRegistry.Entry e : report.entries()) {
            if (!first) out.raw((byte) ',');
            first = false;
            ComponentHealth h = e.health();
            out.string(h.component()).ascii(":{\"data\":{");
            boolean firstDatum = true;
            for (Map.Entry<String, Object> d : h.data().entrySet()) {
                if (!firstDatum) out.raw((byte) ',');
                firstDatum = false;
                out.string(d.getKey()).raw((byte) ':');
                if (d.getValue() instanceof Number || d.getValue() instanceof Boolean) out.ascii(d.getValue().toString());
                else out.string(String.valueOf(d.getValue()));
            }
            out.ascii("},\"description\":");
            if (h.reason() == null) out.ascii("null");
            else out.string(h.reason());
            out.ascii(",\"duration\":").string(timeSpan(e.duration()))
                    .ascii(",\"status\":").string(h.status().label())
                    .ascii(",\"tags\":[");
            int i = 0;
            for (String tag : new java.util.TreeSet<>(e.tags())) {
                if (i++ > 0) out.raw((byte) ',');
                out.string(tag);
            }
            out.ascii("]}");
        }
        out.ascii("}}\n");
        return new AdminServer.Reply(status == HealthStatus.UNHEALTHY ? 503 : 200, "application/json", out.toString());
    }

    /** A .NET TimeSpan's invariant text ("c"): {@code hh:mm:ss.fffffff}, in 100 ns ticks. */
    static String timeSpan(Duration d) {
        long ticks = d.toNanos() / 100;
        long seconds = ticks / 10_000_000;
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%07d",
                seconds / 3600, seconds / 60 % 60, seconds % 60, ticks % 10_000_000);
    }
}
