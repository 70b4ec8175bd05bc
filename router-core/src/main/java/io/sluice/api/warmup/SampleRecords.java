package io.sluice.api.warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Made-up records in the layouts services write, for the JIT warm-up at start ({@code Input#warmUpRecords}).
 * Values vary record to record (times, levels, services, messages, ids) so the compiled code sees the
 * branches real records take, not one record's; nothing here is read back or emitted.
 */
public final class SampleRecords {
    /** Records per layout: enough variety for the JIT's profiles, small enough to build at start in microseconds. */
    public static final int PER_LAYOUT = 48;

    private static final String[] LEVELS = {"info", "info", "info", "debug", "warn", "error"};
    private static final String[] SERVICES = {"checkout", "cart", "payments", "catalog", "gateway", "search"};
    private static final String[] MESSAGES = {
            "request completed", "payment authorized by provider", "cache miss for key user:1234",
            "retrying connection to db-2 after timeout", "failed to validate coupon code",
            "order 8812 shipped to warehouse \"north\"", "user signed in", "slow query took 1234 ms"};
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private SampleRecords() {
    }

    /** One record of a layout, from a source of varied values. */
    @FunctionalInterface
    public interface Layout extends Function<Values, String> {
    }

    /** The varied values a layout fills in. */
    public static final class Values {
        private final Random random;
        private long millis = 1_764_000_000_000L;

        Values(long seed) {
            this.random = new Random(seed);
        }

        public Instant time() {
            millis += 1 + random.nextInt(40);
            return Instant.ofEpochMilli(millis).plusNanos(random.nextInt(1000) * 1000L);
        }

        public String rfc3339() {
            return RFC3339.format(time());
        }

        public String level() {
            return LEVELS[random.nextInt(LEVELS.length)];
        }

        public String levelUpper() {
            return level().toUpperCase(Locale.ROOT);
        }

        public String service() {
            return SERVICES[random.nextInt(SERVICES.length)];
        }

        public String message() {
            return MESSAGES[random.nextInt(MESSAGES.length)];
        }

        /** A message with {@code "} and {@code \\} escaped, for a JSON string or a quoted logfmt value. */
        public String escapedMessage() {
            return message().replace("\\", "\\\\").replace("\"", "\\\"");
        }

        public String hex(int chars) {
            StringBuilder b = new StringBuilder(chars);
            for (int i = 0; i < chars; i++) b.append(Character.forDigit(random.nextInt(16), 16));
            return b.toString();
        }

        public int number(int bound) {
            return random.nextInt(bound);
        }

        public boolean chance(int percent) {
            return random.nextInt(100) < percent;
        }
    }

    /** {@link #PER_LAYOUT} records of each layout, interleaved, as UTF-8. */
    public static List<byte[]> of(List<Layout> layouts) {
        Values v = new Values(20261204L);
        List<byte[]> out = new ArrayList<>(PER_LAYOUT * layouts.size());
        for (int i = 0; i < PER_LAYOUT; i++) {
            for (Layout l : layouts) out.add(l.apply(v).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A JSON log line as structured loggers write it: a generic app log, pino's and an ECS logger's. */
    public static final List<Layout> JSON = List.of(
            v -> "{\"ts\":\"" + v.rfc3339() + "\",\"level\":\"" + v.level() + "\",\"service\":\"" + v.service()
                    + "\",\"msg\":\"" + v.escapedMessage() + "\",\"trace_id\":\"" + v.hex(32) + "\",\"user_id\":" + v.number(100000)
                    + ",\"http\":{\"method\":\"GET\",\"status\":" + (200 + v.number(4) * 100) + "}}",
            v -> "{\"level\":" + (20 + 10 * v.number(4)) + ",\"time\":" + v.time().toEpochMilli() + ",\"pid\":" + v.number(30000)
                    + ",\"hostname\":\"web-" + v.number(9) + "\",\"reqId\":\"req-" + v.number(999) + "\",\"msg\":\"" + v.escapedMessage() + "\"}",
            v -> "{\"@timestamp\":\"" + v.rfc3339() + "\",\"log.level\":\"" + v.levelUpper() + "\",\"message\":\"" + v.escapedMessage()
                    + "\",\"ecs.version\":\"1.2.0\",\"service.name\":\"" + v.service() + "\",\"event.dataset\":\"" + v.service()
                    + "\",\"process.thread.name\":\"http-nio-8080-exec-" + v.number(9) + "\",\"log.logger\":\"com.acme."
                    + v.service() + ".Handler\"}");

    /** The text layouts the {@code auto} format recognises besides JSON. */
    public static final List<Layout> TEXT = List.of(
            v -> "time=" + v.rfc3339() + " level=" + v.level() + " msg=\"" + v.escapedMessage() + "\" service=" + v.service()
                    + " duration=" + v.number(900) + "ms",
            v -> v.rfc3339().substring(0, 23) + "Z  " + v.levelUpper() + " " + v.number(30000) + " --- [main] c.a."
                    + v.service() + ".Handler : " + v.message(),
            v -> v.message() + " (" + v.number(1000) + ")");

    /** Records for a {@code format} option's value (RecordFormats): JSON and text lines for auto. */
    public static List<byte[]> forFormat(String format) {
        return switch (format) {
            case "json" -> of(JSON);
            case "auto" -> {
                List<Layout> all = new ArrayList<>(JSON);
                all.addAll(TEXT);
                yield of(all);
            }
            case "logfmt" -> of(List.of(TEXT.get(0)));
            case "spring_boot" -> of(List.of(TEXT.get(1)));
            case "text" -> of(List.of(TEXT.get(2)));
            default -> List.of(); // a layout with its own syntax: warmed by real records
        };
    }
}
