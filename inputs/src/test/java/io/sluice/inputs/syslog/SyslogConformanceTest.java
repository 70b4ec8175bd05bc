package io.sluice.inputs.syslog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SyslogFields;
import io.sluice.api.event.Tags;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shared syslog conformance corpus (../shared/conformance, read at test time, never copied)
 * through the decoder: every valid case must give the expected fields (or an accepted {@code alt}),
 * every invalid case must come out raw and tagged. Disputed cases are reported but not required.
 */
class SyslogConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path conformance() {
        // tests run in the module directory; the corpus sits next to the project root
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("../shared/conformance").normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "conformance corpus not found at " + dir + " (it lives outside the repository); skipping");
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"syslog-5424.jsonl", "syslog-3164.jsonl"})
    void corpus(String file) throws IOException {
        Decoding decoding = new Decoding();
        List<String> failures = new ArrayList<>();
        List<String> disputedMisses = new ArrayList<>();
        int total = 0;
        int passed = 0;
        for (String line : Files.readAllLines(conformance().resolve(file))) {
            if (line.isBlank()) continue;
            JsonNode c = JSON.readTree(line);
            total++;
            byte[] raw = c.get("raw").isNull()
                    ? Base64.getDecoder().decode(c.get("raw_base64").asText())
                    : c.get("raw").asText().getBytes(StandardCharsets.UTF_8);
            LogEvent e = decoding.decode(raw, System.currentTimeMillis() * 1_000_000L);
            String problem = c.get("valid").asBoolean() ? checkValid(c, e) : checkInvalid(c, e);
            if (problem == null) {
                passed++;
            } else if (c.path("disputed").asBoolean() || c.path("note").asText().startsWith("DISPUTED")) {
                disputedMisses.add(c.get("id").asText() + ": " + problem);
            } else {
                failures.add(c.get("id").asText() + ": " + problem);
            }
        }
        System.out.printf("%s: %d/%d cases pass (%.1f%%); disputed cases read the other way: %s%n",
                file, passed, total, 100.0 * passed / total, disputedMisses);
        assertThat(failures).as(file).isEmpty();
    }

    private static String checkInvalid(JsonNode c, LogEvent e) {
        if (e.hasTag(Tags.PARSE_FAILED)) return null;
        // the pipeline repairs invalid UTF-8 before decoding; a case invalid only because of it is tagged so
        if (c.path("strict_only").asBoolean() && e.hasTag(Tags.INVALID_UTF8)) return null;
        return "invalid message was not tagged parse_failed (tags " + e.tags() + ")";
    }

    private static String checkValid(JsonNode c, LogEvent e) {
        if (e.hasTag(Tags.PARSE_FAILED)) return "rejected as not syslog";
        JsonNode expect = c.get("expect");
        JsonNode alt = c.path("alt");
        SyslogFields s = e.syslog();
        List<String> wrong = new ArrayList<>();
        for (Iterator<String> it = expect.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            Object actual = actual(field, e, s);
            if (!matches(field, expect.get(field), actual) && !(alt.has(field) && matches(field, alt.get(field), actual))) {
                wrong.add(field + "=" + actual + " (expected " + expect.get(field) + ")");
            }
        }
        return wrong.isEmpty() ? null : String.join("; ", wrong);
    }

    private static Object actual(String field, LogEvent e, SyslogFields s) {
        return switch (field) {
            case "severity" -> code(s.severityCode());
            case "facility" -> code(s.facilityCode());
            case "version" -> code(s.version());
            case "timestamp" -> e.hasTag(Tags.TIMESTAMP_MISSING) ? null : e.timestampNanos();
            case "hostname" -> s.hostname();
            case "app_name" -> s.appname();
            case "procid" -> s.procid();
            case "msgid" -> s.msgid();
            case "message" -> e.message().isEmpty() ? null : e.message();
            case "structured_data" -> s.structuredData();
            default -> throw new IllegalArgumentException("unknown field " + field);
        };
    }

    private static Integer code(int v) {
        return v == SyslogFields.UNSET ? null : v;
    }

    private static boolean matches(String field, JsonNode want, Object actual) {
        if (want == null || want.isNull()) {
            return actual == null || (actual instanceof Map<?, ?> m && m.isEmpty());
        }
        if (actual == null) return field.equals("message") && want.asText().isEmpty();
        return switch (field) {
            case "severity", "facility", "version" -> want.asInt() == (Integer) actual;
            case "timestamp" -> timeMatches(want.asText(), (Long) actual);
            case "structured_data" -> JSON.convertValue(want, LinkedHashMap.class).equals(actual);
            default -> Objects.equals(want.asText(), actual);
        };
    }

    /** Full timestamps compare as instants (no offset: UTC, the default zone); "--MM-DDThh:mm:ss" by month, day and time. */
    private static boolean timeMatches(String want, long nanos) {
        Instant got = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        if (want.startsWith("--")) {
            LocalDateTime t = LocalDateTime.ofInstant(got, ZoneOffset.UTC);
            String wall = String.format("--%02d-%02dT%02d:%02d:%02d", t.getMonthValue(), t.getDayOfMonth(),
                    t.getHour(), t.getMinute(), t.getSecond());
            return want.startsWith(wall);
        }
        return expectedInstant(want).equals(got);
    }

    /** By hand: RFC 5424 allows offsets up to 23:59, java.time only up to 18:00. */
    private static Instant expectedInstant(String t) {
        if (t.endsWith("Z")) return LocalDateTime.parse(t.substring(0, t.length() - 1)).toInstant(ZoneOffset.UTC);
        int sign = t.length() - 6;
        if (t.length() > 6 && (t.charAt(sign) == '+' || t.charAt(sign) == '-') && t.charAt(sign + 3) == ':') {
            int seconds = Integer.parseInt(t.substring(sign + 1, sign + 3)) * 3600 + Integer.parseInt(t.substring(sign + 4)) * 60;
            Instant local = LocalDateTime.parse(t.substring(0, sign)).toInstant(ZoneOffset.UTC);
            return local.minusSeconds(t.charAt(sign) == '+' ? seconds : -seconds);
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC); // no offset: the input's zone, UTC here
    }
}
