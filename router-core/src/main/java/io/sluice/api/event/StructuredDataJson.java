package io.sluice.api.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads syslog structured data written as JSON ({@link SyslogFields#writeStructuredDataJson}) into maps, when asked. */
final class StructuredDataJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, LinkedHashMap<String, String>>> TYPE = new TypeReference<>() {};

    private StructuredDataJson() {}

    /** The elements in order, read-only (the JSON stays the data: a change must go through SyslogFields). */
    static Map<String, Map<String, String>> read(byte[] json, int off, int len) {
        try {
            Map<String, Map<String, String>> sd = new LinkedHashMap<>();
            MAPPER.readValue(json, off, len, TYPE).forEach((id, params) -> sd.put(id, Collections.unmodifiableMap(params)));
            return Collections.unmodifiableMap(sd);
        } catch (IOException e) {
            throw new IllegalStateException("structured data is not the JSON the decoder writes: " + e.getMessage(), e);
        }
    }
}
