package io.sluice.outputs.appinsights;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An Application Insights connection string ({@code InstrumentationKey=...;IngestionEndpoint=https://...}),
 * keys case-insensitive, as the Azure portal shows it.
 */
record ConnectionString(String instrumentationKey, URI ingestionEndpoint) {
    /** Where the classic connection strings without an endpoint send. */
    static final String GLOBAL_ENDPOINT = "https://dc.services.visualstudio.com";

    /** The parsed string, or null when it holds no instrumentation key or a bad endpoint. */
    static ConnectionString parse(String text) {
        Map<String, String> parts = new HashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String key = parts.get("instrumentationkey");
        if (key == null || !key.matches("[0-9a-fA-F-]{36}")) return null;
        String endpoint = parts.getOrDefault("ingestionendpoint", GLOBAL_ENDPOINT).replaceAll("/$", "");
        try {
            URI uri = URI.create(endpoint);
            if (uri.getHost() == null || !uri.getScheme().startsWith("http")) return null;
            return new ConnectionString(key, uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isValid(String text) {
        return parse(text) != null;
    }

    URI trackUri() {
        return URI.create(ingestionEndpoint + "/v2.1/track");
    }
}
