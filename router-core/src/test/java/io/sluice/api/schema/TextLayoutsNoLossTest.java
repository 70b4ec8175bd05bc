package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No word of a text-layout line disappears without a trace: each layout's documented lines, mutated at
 * random (bytes inserted, deleted and replaced: {@code =}, {@code "}, control bytes, UTF-8 and broken
 * UTF-8, unusual words), are read through the input's {@code format: <layout>} path (record processor,
 * UTF-8 repair, decoder, normalizer, encoder). Every word of the line the decoder saw (a run of letters
 * or of digits) must then be found, ignoring case, in what the event's JSON carries from the line
 * (message, attributes, {@code event.original}, every field filled from it); the only words excused are
 * the ones a layout turns into a field of another form: level words (any of schema.md's aliases),
 * well-known key names, the digits of the line's time (in {@code @timestamp}, converted to UTC) and the
 * letter of a backslash escape. A line a layout reads only in part is tagged {@code parse_failed}
 * (counted by {@code sluice_events_tagged_total}) and keeps itself in {@code event.original} or the
 * message, so its words are found there. {@code -Dmutants=N -Dseed=S} (surefire's argLine) search further.
 */
class TextLayoutsNoLossTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MUTANTS = Integer.getInteger("mutants", 3000);
    /** Marks the time in a base line: its digits reach {@code @timestamp} in another form. */
    private static final char TIME = '\u00a7';

    /** Bytes and byte strings a mutation puts in: structure, control bytes, UTF-8, and words found nowhere else. */
    private static final byte[][] PIECES = {
        b("="), b("\""), b(" "), b("\t"), b("\\"), b("["), b("]"), b(":"), b("-"), b("#"), b("*"), b("'"),
        b("\u0001"), b("\u001b"), b("\u007f"), b("\u0000"), b("\r"), b("\n"),
        b("é"), b("日本"), b("ключ"), new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE6, (byte) 0x97},
        b("qz"), b("xqv"), b("zzyx"), b("=qz"), b(" =xqv "), b("\"qz zq\""), b(" \"qz\" "), b("qz="), b("=\"qz xv\""),
    };

    static Stream<Arguments> layouts() {
        return Stream.of(
                // logrus README; Heroku router (Heroku docs, "HTTP Routing"); slog TextHandler (log/slog docs)
                layout("logfmt", Set.of("msg", "message", "level", "lvl", "severity", "time", "ts", "timestamp", "t",
                                "logger", "component", "caller", "source", "trace", "traceid", "span", "spanid", "id",
                                "err", "error", "service", "pid"),
                        "time=\"§2015-03-26T01:27:38-04:00§\" level=debug msg=\"Started observing beach\" animal=walrus number=8",
                        "at=info method=GET path=/ host=myapp.herokuapp.com request_id=8601b555-6a83-4c12-8269-97c8e32cdb22 "
                                + "fwd=\"204.204.204.204\" dyno=web.1 connect=1ms service=18ms status=200 bytes=13 protocol=https",
                        "time=§2022-11-08T15:28:26.000-05:00§ level=INFO msg=hello count=3"),
                // klog README and KEP-1602
                layout("klog", Set.of("i", "e", "w", "f"),
                        "I§1025 00:15:15.525108§       1 example.go:79] This is a message",
                        "E§1025 00:15:15.525108§       1 controller_utils.go:116] \"Pod status updated\" "
                                + "pod=\"kube-system/kubedns\" status=\"ready\""),
                // logback's TTLLLayout and log4j2's DefaultConfiguration pattern (as TextLayoutsTest produces them)
                layout("logback", Set.of(), "§12:26:44.868§ [main] DEBUG com.acme.Pricing -- price 42 too low"),
                layout("log4j2", Set.of(), "§12:26:44.868§ [worker-1] WARN  com.acme.Pricing - disk low"),
                // Spring Boot reference, "Log Format"
                layout("spring_boot", Set.of(),
                        "§2025-05-22T12:56:09.624Z§  INFO 127193 --- [myapp] [           main] "
                                + "o.s.b.d.f.logexample.MyApplication       : Starting MyApplication using Java 17.0.15 with PID 127193",
                        "§2019-03-05 10:57:51.112§  WARN 45469 --- [           main] "
                                + "org.apache.catalina.core.StandardEngine  : Starting Servlet Engine: Apache Tomcat/7.0.52"),
                // Python Logging HOWTO
                layout("python", Set.of("warning", "critical"), "WARNING:root:Watch out!",
                        "§2005-03-19 15:10:26,618§ - simple_example - ERROR - error message"),
                // loguru 0.6's default sink and structlog 22.3's ConsoleRenderer (PythonLibraryShapesTest runs them)
                layout("loguru", Set.of("warning", "success"),
                        "§2026-12-04 17:14:26.131§ | INFO     | __main__:loguru_logs:23 - user signed in",
                        "§2026-12-04 17:14:26.131§ | SUCCESS  | app.orders:place:25 - order placed"),
                layout("structlog", Set.of("warning"),
                        "§2026-12-04 17:14:30§ [info     ] user signed in                 attempt=2 user=u1",
                        "[warning  ] disk low"),
                // Monolog 2.9's LineFormatter, default and as Laravel sets it up; Ruby 3.1's Logger (MonologShapesTest,
                // RubyLoggerShapesTest run them)
                layout("monolog", Set.of(),
                        "[§2026-12-04T19:06:48.002496+00:00§] app.ERROR: request failed {\"path\":\"/orders\"} {\"uid\":\"8885c66\"}",
                        "[§2026-12-04T19:06:48.002568+00:00§] app.WARNING: disk low [] []",
                        "[§2026-12-04 19:06:48§] app.ERROR: charge failed {\"exception\":\"[object] (RuntimeException(code: 504): "
                                + "gateway timeout at /srv/app/Gateway.php:32)\n[stacktrace]\n#0 /srv/app/Gateway.php(27): "
                                + "Gateway->send()\n#1 {main}\n\",\"order\":17} []",
                        "[§2026-12-04 19:06:48§] local.NOTICE: cache warmed  "),
                layout("ruby_logger", Set.of("d", "a", "any"),
                        "E, [§2026-12-04T19:06:57.654881§ #20561] ERROR -- shop: request failed",
                        "D, [§2026-12-04T19:06:57.654812§ #20561] DEBUG -- : cache warmed",
                        "A, [§2026-12-04T19:06:57.654891§ #20561]   ANY -- shop: deploy finished"),
                // Go's log package docs
                layout("go_log", Set.of(), "§2009/01/23 01:23:23.123123§ /a/b/c/d.go:23: message",
                        "§2009/01/23 01:23:23§ [ERROR] no route"),
                // zap 1.23's development logger, zerolog 1.26's ConsoleWriter, hclog 0.11 (GoLibraryShapesTest runs them)
                layout("zap_console", Set.of("dpanic"),
                        "§2026-12-04T19:06:36.470Z§\tINFO\tcheckout\tgo/write_logs.go:79\tuser signed in\t{\"user\": \"u1\", \"attempt\": 2}",
                        "§2026-12-04T19:06:36.470Z§\tWARN\tgo/write_logs.go:80\tdisk low\nmain.zapLogs\n\t/src/app/main.go:80"),
                layout("zerolog_console", Set.of("pnc", "am", "pm", "component"), // AM/PM: in @timestamp; component: the logger's key
                        "§7:04PM§ INF go/write_logs.go:96 > user signed in attempt=2 component=checkout user=u1",
                        "§7:04PM§ ERR request failed error=\"connection refused\""),
                layout("hclog", Set.of(),
                        "§2026-12-04T19:05:57.886Z§ [INFO]  go/write_logs.go:132: checkout: user signed in: user=u1 attempt=2",
                        "§2026-12-04T19:05:57.886Z§ [ERROR] checkout.db: request failed: error=\"connection refused\""),
                // ASP.NET Core logging docs
                layout("dotnet", Set.of("fail", "crit", "dbug", "trce"),
                        "info: Microsoft.Hosting.Lifetime[0]\n      Now listening on: https://localhost:5001",
                        "fail: MyApp.Worker[1001] Payment declined"),
                // Apache "Log Files"; nginx's combined
                layout("access_log", Set.of(),
                        "127.0.0.1 - frank [§10/Oct/2000:13:55:36 -0700§] \"GET /apache_pb.gif?x=1 HTTP/1.0\" 200 2326 "
                                + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
                        "::1 - - [§02/Dec/2026:12:26:44 +0000§] \"POST /api/orders HTTP/1.1\" 201 - \"-\" \"curl/8.5.0\""),
                // nginx error_log
                layout("nginx_error", Set.of(),
                        "§2026/12/02 12:26:44§ [error] 1234#1234: *5 open() \"/usr/share/nginx/html/favicon.ico\" failed "
                                + "(2: No such file or directory), client: 172.17.0.1, server: localhost, "
                                + "request: \"GET /favicon.ico HTTP/1.1\", host: \"localhost:8080\""));
    }

    private static Arguments layout(String format, Set<String> excused, String... lines) {
        return Arguments.of(format, excused, List.of(lines));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void everyWordOfAMutatedLineIsInItsEventOrTheEventIsTaggedParseFailed(String format, Set<String> excused,
                                                                        List<String> lines) throws Exception {
        Reader reader = new Reader(format);
        Random random = new Random(format.hashCode() + Long.getLong("seed", 0));
        for (String marked : lines) {
            Line base = Line.of(marked);
            JsonNode plain = reader.read(base.bytes);
            assertThat(plain.at("/tags").toString()).as("the documented line %s", marked).doesNotContain(Tags.PARSE_FAILED);
            assertNothingLost(base, plain, excused);
            for (int i = 0; i < MUTANTS; i++) {
                Line mutant = base;
                for (int m = 1 + random.nextInt(3); m > 0; m--) mutant = mutant.mutated(random);
                assertNothingLost(mutant, reader.read(mutant.bytes), excused);
            }
        }
    }

    private static void assertNothingLost(Line line, JsonNode event, Set<String> excused) {
        String seen = Line.asDecoded(line.bytes);
        String found = fromTheLine(event).toLowerCase(java.util.Locale.ROOT);
        int timeFrom = Line.asDecoded(java.util.Arrays.copyOf(line.bytes, line.timeFrom)).length();
        int timeTo = Line.asDecoded(java.util.Arrays.copyOf(line.bytes, line.timeTo)).length();
        for (Iterator<int[]> it = words(seen); it.hasNext(); ) {
            int[] w = it.next();
            String word = seen.substring(w[0], w[1]).toLowerCase(java.util.Locale.ROOT);
            if (found.contains(word) || excused.contains(word) || Levels.fromWord(word) != null) continue;
            // a backslash escape in a quoted value: its letter is the escape's ("\\t" is a tab)
            if (w[0] > 0 && seen.charAt(w[0] - 1) == '\\' && found.contains(word.substring(1))) continue;
            if (w[0] >= timeFrom && w[1] <= timeTo && Character.isDigit(word.charAt(0))) continue;
            throw new AssertionError("the word '" + word + "' of " + quoted(line.bytes) + " is nowhere in its event "
                    + "and the event is not tagged parse_failed: " + event);
        }
    }

    /** Every value and key of the event that can come from the line (not the ones Sluice adds itself). */
    private static String fromTheLine(JsonNode event) {
        StringBuilder s = new StringBuilder();
        event.fields().forEachRemaining(f -> {
            switch (f.getKey()) {
                case "labels", "host", "input", "ecs", "data_stream" -> { }
                case "event" -> s.append(f.getValue().path("original").asText()).append('\u0000');
                default -> collect(f.getKey(), f.getValue(), s);
            }
        });
        return s.toString();
    }

    private static void collect(String key, JsonNode node, StringBuilder s) {
        s.append(key).append('\u0000');
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> collect(f.getKey(), f.getValue(), s));
        } else if (node.isArray()) {
            node.forEach(n -> collect("", n, s));
        } else {
            s.append(node.asText()).append('\u0000');
        }
    }

    /** Runs of letters and runs of digits: {@code [start, end)} in {@code s}. */
    private static Iterator<int[]> words(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int kind = Character.isLetter(c) ? 1 : Character.isDigit(c) ? 2 : 0;
            int j = i + Character.charCount(c);
            if (kind != 0) {
                while (j < s.length()) {
                    int d = s.codePointAt(j);
                    if ((Character.isLetter(d) ? 1 : Character.isDigit(d) ? 2 : 0) != kind) break;
                    j += Character.charCount(d);
                }
                out.add(new int[] {i, j});
            }
            i = j;
        }
        return out.iterator();
    }

    private static String quoted(byte[] b) {
        StringBuilder s = new StringBuilder("\"");
        for (byte c : b) {
            if (c >= ' ' && c < 0x7f && c != '"' && c != '\\') s.append((char) c);
            else s.append(String.format("\\x%02x", c & 0xff));
        }
        return s.append('"').toString();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A line's bytes and where its time is (moved along with the mutations before and in it). */
    private record Line(byte[] bytes, int timeFrom, int timeTo) {
        static Line of(String marked) {
            int from = marked.indexOf(TIME);
            int to = marked.indexOf(TIME, from + 1);
            if (from < 0) return new Line(b(marked), 0, 0);
            String before = marked.substring(0, from);
            String time = marked.substring(from + 1, to);
            byte[] bytes = b(before + time + marked.substring(to + 1));
            int f = b(before).length;
            return new Line(bytes, f, f + b(time).length);
        }

        /** One byte deleted, replaced, or a piece inserted, at a random place. */
        Line mutated(Random random) {
            int at = random.nextInt(bytes.length + 1);
            int kind = at == bytes.length ? 0 : random.nextInt(3);
            byte[] piece = kind == 1 ? new byte[0] : PIECES[random.nextInt(PIECES.length)];
            int removed = kind == 0 ? 0 : 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(bytes, 0, at);
            out.writeBytes(piece);
            out.write(bytes, at + removed, bytes.length - at - removed);
            int delta = piece.length - removed;
            int from = at < timeFrom ? timeFrom + delta : timeFrom;
            int to = at < timeTo ? Math.max(from, timeTo + delta) : timeTo;
            return new Line(out.toByteArray(), from, to);
        }

        /** The text the decoder sees: invalid UTF-8 replaced (as the record processor's repair does). */
        static String asDecoded(byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    /** The input's path for one record: record processor (UTF-8 repair), {@code format}'s decoder, normalizer, encoder. */
    private static final class Reader {
        private final RecordProcessor processor = new RecordProcessor(new Normalizer(
                new NormalizeSettings(Map.of(), DecodeOptions.DEFAULT.onInvalid(), "node-1")));
        private final SourceSpec spec;
        private final io.sluice.api.plugin.RecordDecoder decoder;
        private final EventEncoder encoder = new EventEncoder();

        Reader(String format) {
            spec = SourceSpec.of("test", "tcp", RecordFormats.STANDARD.decoders(format, DecodeOptions.DEFAULT));
            decoder = spec.decoder().create();
        }

        JsonNode read(byte[] record) throws Exception {
            RawBatch batch = new RawBatch(1, Math.max(16, record.length));
            batch.add(record, 0, record.length, 0, record.length);
            LogEvent e = processor.process(batch, 0, spec, decoder, 1, 1_764_000_000_000_000_000L, "app");
            JsonBytes out = new JsonBytes(256);
            encoder.encode(e, out);
            return MAPPER.readTree(out.toString());
        }
    }
}
