package io.sluice.api.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;

/**
 * Finds a value under {@code attributes} by a dotted key. Attributes are stored as JSON text, so this
 * parses them: fine for routes on attributes, which are rare; schema fields are read directly.
 */
final class AttributeLookup {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AttributeLookup() {}

    static String find(LogEvent e, String dottedKey) {
        if (e.attributes() == null || e.attributes().isEmpty()) return null;
        try {
            JsonNode node = MAPPER.readTree(e.attributes().toJson());
            // a flat key with dots ("http.status") wins over a nested path
            JsonNode direct = node.get(dottedKey);
            if (direct == null) {
                direct = node;
                for (String part : dottedKey.split("\\.")) {
                    direct = direct == null ? null : direct.get(part);
                }
            }
            if (direct == null || direct.isNull()) return null;
            return direct.isValueNode() ? direct.asText() : direct.toString();
        } catch (Exception ex) {
            return null;
        }
    }
}
