package io.sluice.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two listeners of one file on the same port: {@code run} would fail to bind the second, so
 * {@code validate} reports it at the second one's line. Ports are per transport (a UDP and a TCP
 * listener may share a number); 0.0.0.0 and :: take the port on every address; port 0 never clashes.
 * Reads each input's {@code listen} and, for syslog, its {@code protocols}; the admin endpoint
 * listens on TCP too. A port taken by another process can only be found by binding it.
 */
final class ListenClashes {
    private static final String DEFAULT_ADMIN = "127.0.0.1:8686";

    private record Listener(String path, String host, int port, Set<String> transports) {
        boolean clashesWith(Listener o) {
            if (port == 0 || port != o.port) return false;
            if (transports.stream().noneMatch(o.transports::contains)) return false;
            return host.equals(o.host) || isAny(host) || isAny(o.host);
        }

        private static boolean isAny(String h) {
            return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.isEmpty();
        }
    }

    private ListenClashes() {}

    static void check(JsonNode root, Problems problems) {
        List<Listener> listeners = new ArrayList<>();
        JsonNode admin = root.path("admin");
        if (admin.path("enabled").asBoolean(true)) {
            add(listeners, "admin.listen", admin.path("listen").asText(DEFAULT_ADMIN), Set.of("tcp"));
        }
        JsonNode inputs = root.path("inputs");
        inputs.fieldNames().forEachRemaining(id -> {
            JsonNode in = inputs.get(id);
            if (!in.path("listen").isTextual()) return;
            Set<String> transports = Set.of("tcp");
            if ("syslog".equals(in.path("type").asText()) && in.path("protocols").isArray()) {
                Map<String, Boolean> seen = new HashMap<>();
                in.path("protocols").forEach(p -> seen.put(p.asText(), true));
                transports = seen.keySet();
            } else if ("syslog".equals(in.path("type").asText())) {
                transports = Set.of("tcp", "udp");
            }
            add(listeners, "inputs." + id + ".listen", in.path("listen").asText(), transports);
        });
        for (int i = 1; i < listeners.size(); i++) {
            for (int j = 0; j < i; j++) {
                Listener a = listeners.get(j), b = listeners.get(i);
                if (b.clashesWith(a)) {
                    problems.error(b.path(), "port " + b.port() + " is already taken by " + a.path()
                            + " in this file; give each listener its own port");
                    break;
                }
            }
        }
    }

    private static void add(List<Listener> listeners, String path, String address, Set<String> transports) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) return; // not an address: the option's own check reports it
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            listeners.add(new Listener(path, address.substring(0, colon), port, transports));
        } catch (NumberFormatException e) {
            // the option's own check reports it
        }
    }
}
