package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Attributes;

/**
 * Renders a Serilog message template ({@code @mt} of CLEF, https://messagetemplates.org) with the
 * record's properties, as Serilog's own rendering does: {@code {Name}}, {@code {@Name}},
 * {@code {$Name}}, with {@code :format} and {@code ,alignment} ignored; string values in quotes unless
 * the format is {@code l}; {@code {{} and {@code }}} are literal braces; a missing property stays as
 * written. Only records with a template and no rendered {@code @m} come here, so it may parse.
 */
final class MessageTemplates {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageTemplates() {}

    static String render(String template, Attributes properties) {
        JsonNode props = parse(properties);
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < n && template.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < n && template.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close < 0) {
                    out.append(template, i, n);
                    break;
                }
                hole(template.substring(i + 1, close), props, out, template.substring(i, close + 1));
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void hole(String token, JsonNode props, StringBuilder out, String asWritten) {
        String name = token;
        if (name.startsWith("@") || name.startsWith("$")) name = name.substring(1);
        String format = null;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            format = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        int comma = name.indexOf(',');
        if (comma >= 0) name = name.substring(0, comma);
        JsonNode value = props == null ? null : props.get(name);
        if (value == null) {
            out.append(asWritten);
        } else if (value.isTextual()) {
            if ("l".equals(format)) out.append(value.asText());
            else out.append('"').append(value.asText()).append('"');
        } else if (value.isValueNode()) {
            out.append(value.asText());
        } else {
            out.append(value);
        }
    }

    private static JsonNode parse(Attributes properties) {
        if (properties == null || properties.isEmpty()) return null;
        try {
            return MAPPER.readTree(properties.toJson());
        } catch (Exception e) {
            return null;
        }
    }
}
