package io.sluice.daemon.admin;

import io.sluice.core.health.ComponentHealth;
import io.sluice.api.json.JsonBytes;

import java.util.List;

/** Renders readiness as JSON: 200 when every component is ready, else 503 naming what is not and why. */
public final class HealthReport {
    private HealthReport() {}

    public static AdminServer.Reply reply(List<ComponentHealth> parts) {
        boolean ready = parts.stream().allMatch(ComponentHealth::ready);
        JsonBytes out = new JsonBytes(256);
        out.ascii("{\"status\":\"").ascii(ready ? "ready" : "not_ready").ascii("\",\"components\":[");
        for (int i = 0; i < parts.size(); i++) {
            ComponentHealth h = parts.get(i);
            if (i > 0) out.raw((byte) ',');
            out.ascii("{\"component\":").string(h.component()).ascii(",\"ready\":").ascii(Boolean.toString(h.ready()));
            if (h.reason() != null) out.ascii(",\"reason\":").string(h.reason());
            out.raw((byte) '}');
        }
        out.ascii("]}\n");
        return new AdminServer.Reply(ready ? 200 : 503, "application/json", out.toString());
    }
}
