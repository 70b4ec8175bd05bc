package io.sluice.daemon.pipelinetest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares an expected partial event with the actual encoded event: only the fields the
 * expectation names are compared, objects recursively; a leaf (string, number, boolean, array) must
 * be equal (numbers by value, arrays whole and in order); an expected {@code null} means the field
 * must be absent.
 */
public final class PartialMatch {
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue());
        return a.equals(b) ? 0 : 1;
    };

    /** One differing field: its dotted path and both values (null when absent). */
    public record Difference(String path, JsonNode expected, JsonNode actual) {
        @Override
        public String toString() {
            return path + ": expected " + show(expected) + ", actual " + show(actual);
        }

        private static String show(JsonNode n) {
            return n == null || n.isMissingNode() || n.isNull() ? "(absent)" : n.toString();
        }
    }

    private PartialMatch() {}

    public static List<Difference> differences(JsonNode expected, JsonNode actual) {
        List<Difference> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<Difference> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String p = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode want = f.getValue();
            JsonNode got = actual == null ? null : actual.get(f.getKey());
            boolean absent = got == null || got.isNull();
            if (want.isNull()) {
                if (!absent) out.add(new Difference(p, null, got));
            } else if (want.isObject() && (absent || got.isObject())) {
                compare(p, want, absent ? null : got, out);
            } else if (absent || !want.equals(NUMBERS_BY_VALUE, got)) {
                out.add(new Difference(p, want, got));
            }
        }
    }
}
