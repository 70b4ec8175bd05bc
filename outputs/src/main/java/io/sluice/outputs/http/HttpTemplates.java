package io.sluice.outputs.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.api.option.OptionException;
import io.sluice.api.option.OptionType;
import io.sluice.api.option.Types;
import io.sluice.api.template.FieldTemplate;
import io.sluice.api.template.MissingField;
import io.sluice.api.template.TemplateTarget;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code http} output's URI and header values with event fields in braces, on the plugin API's
 * {@link FieldTemplate}: the same syntax, messages and missing-field rule as every other sink (a
 * missing field renders {@value FieldTemplate#UNKNOWN}, so the event is still sent somewhere
 * predictable). Only the escaping is the output's own.
 */
final class HttpTemplates {
    private HttpTemplates() {}

    /** Percent-encoding for a value inside a URI (URLEncoder writes spaces as '+', which a path keeps). */
    private static final TemplateTarget IN_URI =
            (value, out) -> out.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));

    /** A header value cannot hold a line break or another control character: an event's value could split the header. */
    private static final TemplateTarget IN_HEADER = (value, out) -> {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? '_' : c);
        }
    };

    static final OptionType<FieldTemplate> URI = Types.text("http(s) URL, may name event fields in braces", HttpTemplates::uri);

    static final OptionType<Map<String, FieldTemplate>> HEADERS = new OptionType<>() {
        @Override
        public String describe() {
            return "map of strings, values may name event fields in braces";
        }

        @Override
        public Map<String, FieldTemplate> parse(JsonNode node) throws OptionException {
            Map<String, FieldTemplate> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : Types.STRING_MAP.parse(node).entrySet()) {
                try {
                    headers.put(h.getKey(), FieldTemplate.parse(h.getValue(), IN_HEADER, MissingField.WRITE_UNKNOWN));
                } catch (OptionException e) {
                    throw new OptionException("header " + h.getKey() + ": " + e.getMessage());
                }
            }
            return Map.copyOf(headers);
        }
    };

    private static FieldTemplate uri(String text) throws OptionException {
        FieldTemplate t = FieldTemplate.parse(text, IN_URI, MissingField.WRITE_UNKNOWN);
        // any value a field renders is percent-encoded, so the URL is valid when it is valid with a plain word there
        StringBuilder sample = new StringBuilder(t.literal(0));
        for (int f = 0; f < t.fieldCount(); f++) sample.append('x').append(t.literal(f + 1));
        if (!HttpCoreOptions.isHttpUrl(sample.toString())) {
            throw FieldTemplate.problem(text, "must be an http:// or https:// URL");
        }
        return t;
    }
}
