package io.sluice.api.option;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The option types plugins use. Messages name what was expected and what was found. */
public final class Types {
    private Types() {}

    public static final OptionType<String> STRING = simple("string", node -> {
        if (!node.isTextual() && !node.isNumber() && !node.isBoolean()) throw mismatch("a string", node);
        return node.asText();
    });

    public static final OptionType<Boolean> BOOL = simple("boolean", node -> {
        if (!node.isBoolean()) throw mismatch("true or false", node);
        return node.booleanValue();
    });

    public static final OptionType<Integer> INT = simple("integer", node -> {
        if (node.isIntegralNumber() && node.canConvertToInt()) return node.intValue();
        if (node.isTextual()) {
            try {
                return Integer.parseInt(node.asText().trim());
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw mismatch("an integer", node);
    });

    public static final OptionType<Long> LONG = simple("integer", node -> {
        if (node.isIntegralNumber() && node.canConvertToLong()) return node.longValue();
        throw mismatch("an integer", node);
    });

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)");

    public static final OptionType<Duration> DURATION_TYPE = simple("duration (e.g. 500ms, 10s, 5m)", node -> {
        if (!node.isTextual()) throw mismatch("a duration with a unit, such as 500ms, 10s or 5m", node);
        return parseDuration(node.asText());
    });

    public static Duration parseDuration(String text) throws OptionException {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new OptionException("'" + text + "' is not a duration; write a number and a unit: ms, s, m, h or d (e.g. 10s)");
        }
        double v = Double.parseDouble(m.group(1));
        long millis = switch (m.group(2)) {
            case "ms" -> (long) v;
            case "s" -> (long) (v * 1000);
            case "m" -> (long) (v * 60_000);
            case "h" -> (long) (v * 3_600_000);
            default -> (long) (v * 86_400_000);
        };
        return Duration.ofMillis(millis);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?", Pattern.CASE_INSENSITIVE);

    /** A byte size: a plain number of bytes, or with a unit (KiB, MiB, GiB; KB, MB, GB are decimal). */
    public static final OptionType<Long> BYTE_SIZE = simple("byte size (e.g. 1MiB, 512KiB)", node -> {
        if (node.isIntegralNumber()) {
            if (node.longValue() < 0) throw new OptionException("must not be negative, found " + node.longValue());
            return node.longValue();
        }
        if (!node.isTextual()) throw mismatch("a byte size such as 1MiB", node);
        return parseByteSize(node.asText());
    });

    public static long parseByteSize(String text) throws OptionException {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new OptionException("'" + text + "' is not a byte size; write a number with an optional unit: KiB, MiB, GiB (or KB, MB, GB)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        boolean binary = unit.contains("i") || unit.length() == 1 && !unit.equals("b");
        long base = binary ? 1024 : 1000;
        long mult = switch (unit.charAt(0)) {
            case 'k' -> base;
            case 'm' -> base * base;
            case 'g' -> base * base * base;
            case 't' -> base * base * base * base;
            default -> 1;
        };
        return (long) (v * mult);
    }

    /** {@code host:port} or {@code [v6]:port}; the host is kept unresolved. */
    public static final OptionType<InetSocketAddress> HOST_PORT = simple("address host:port", node -> {
        if (!node.isTextual()) throw mismatch("an address host:port", node);
        return parseHostPort(node.asText());
    });

    public static InetSocketAddress parseHostPort(String text) throws OptionException {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        String host;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || colon != close + 1) throw badAddress(text);
            host = s.substring(1, close);
        } else {
            if (colon <= 0 || s.indexOf(':') != colon) throw badAddress(text);
            host = s.substring(0, colon);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw badAddress(text);
        }
        if (port < 0 || port > 65535) throw new OptionException("port " + port + " in '" + text + "' is out of range 0-65535");
        if (host.isEmpty() || host.contains(" ") || host.contains("/")) throw badAddress(text);
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static OptionException badAddress(String text) {
        return new OptionException("'" + text + "' is not an address; write host:port, e.g. 127.0.0.1:5170 or [::1]:5170");
    }

    /** A list of strings; a single string is accepted as a list of one. */
    public static final OptionType<List<String>> STRING_LIST = simple("list of strings", node -> {
        if (node.isTextual()) return List.of(node.asText());
        if (!node.isArray()) throw mismatch("a list of strings", node);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() && !item.isNumber()) {
                throw new OptionException("item " + i + " must be a string, found " + kind(item));
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    });

    public static final OptionType<Map<String, String>> STRING_MAP = simple("map of strings", node -> {
        if (!node.isObject()) throw mismatch("a map of string values", node);
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new OptionException("value of '" + e.getKey() + "' must be a string, found " + kind(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return Map.copyOf(out);
    });

    /** Any YAML value, unchecked, for options a plugin passes through (e.g. Kafka client properties). */
    public static final OptionType<JsonNode> ANY = simple("any value", node -> node);

    /** One of fixed words, matched exactly (config values are lower case). */
    public static OptionType<String> oneOf(String... words) {
        List<String> allowed = Arrays.asList(words);
        String describe = "one of " + String.join(", ", words);
        return simple(describe, node -> {
            if (!node.isTextual() || !allowed.contains(node.asText())) {
                throw new OptionException("must be " + describe + "; found " + shown(node));
            }
            return node.asText();
        });
    }

    /** A nested block with its own spec, e.g. {@code tls: {cert_file: ..., key_file: ...}}. */
    public static OptionType<Options> object(OptionSpec spec) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return "object (" + spec.name() + ")";
            }

            @Override
            public Options parse(JsonNode node) throws OptionException {
                throw new UnsupportedOperationException("nested specs are bound by OptionSpec.bind");
            }
        };
    }

    /** How a found value is named in messages: "the string 'x'", "a list", "nothing"... */
    public static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return "nothing";
        if (node.isTextual()) return "the string '" + node.asText() + "'";
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return "the boolean " + node.asText();
        if (node.isArray()) return "a list";
        if (node.isObject()) return "a map";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String shown(JsonNode node) {
        return node.isTextual() ? "'" + node.asText() + "'" : kind(node);
    }

    private static OptionException mismatch(String expected, JsonNode node) {
        return new OptionException("expected " + expected + ", found " + kind(node));
    }

    /** Reads an option's text into a value, or says what is wrong with it. */
    @FunctionalInterface
    public interface TextParser<T> {
        T parse(String text) throws OptionException;
    }

    /**
     * A string option read into a value once, when the config is read: a template, a pattern. The
     * value should compare by its text, so hot reload sees an unchanged option as unchanged.
     */
    public static <T> OptionType<T> text(String describe, TextParser<T> parser) {
        return simple(describe, node -> parser.parse(STRING.parse(node)));
    }

    private interface Parser<T> {
        T parse(JsonNode node) throws OptionException;
    }

    private static <T> OptionType<T> simple(String describe, Parser<T> parser) {
        return new OptionType<>() {
            @Override
            public String describe() {
                return describe;
            }

            @Override
            public T parse(JsonNode node) throws OptionException {
                return parser.parse(node);
            }
        };
    }
}
