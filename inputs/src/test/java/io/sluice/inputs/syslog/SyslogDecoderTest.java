package io.sluice.inputs.syslog;

import io.sluice.api.schema.EventEncoder;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.InvalidPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A table of tricky messages of our own, and the input's options that change decoding. */
class SyslogDecoderTest {
    private final Decoding decoding = new Decoding();

    private static long nanos(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // raw | @timestamp (UTC) | host | app | procid | msgid | message
        "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% done|2003-08-24T12:14:15.000003Z|192.0.2.1|myproc|8710||%% done",
        "<13>1 2026-03-01T23:59:59.123456789Z h a p m - x|2026-03-01T23:59:59Z|||||",
        "<13>1 2026-03-01T00:30:00+05:30 h a - - - early|2026-02-28T19:00:00Z|h|a|||early",
        "<13>1 - - - - - - |`NOW`||||| ",
        "<13>1 - - - - - -|`NOW`|||||",
        "<14>1 2026-01-02T03:04:05Z host app - ID1 [a@1 x=\"1\"]  two spaces|2026-01-02T03:04:05Z|host|app||ID1|` two spaces`",
    })
    void rfc5424Headers(String raw, String time, String host, String app, String procid, String msgid, String message) {
        LogEvent e = decoding.decode(raw);
        if (time.equals("2026-03-01T23:59:59Z")) {
            assertThat(e.hasTag(Tags.PARSE_FAILED)).as("more than six fraction digits break RFC 5424").isTrue();
            return;
        }
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        if (time.equals("NOW")) {
            assertThat(e.tags()).contains(Tags.TIMESTAMP_MISSING);
        } else {
            assertThat(e.timestampNanos()).isEqualTo(nanos(time));
        }
        assertThat(e.syslog().hostname()).isEqualTo(host);
        assertThat(e.syslog().appname()).isEqualTo(app);
        assertThat(e.syslog().procid()).isEqualTo(procid);
        assertThat(e.syslog().msgid()).isEqualTo(msgid);
        assertThat(e.message()).isEqualTo(message == null ? "" : message);
        assertThat(e.syslog().version()).isEqualTo(1);
    }

    @Test
    void mapsSeverityFacilityHostAndAppToSchemaFields() {
        LogEvent e = decoding.decode("<11>1 2026-01-02T03:04:05Z web-1 checkout 42 PAY - card declined");
        assertThat(e.syslog().facilityCode()).isEqualTo(1);
        assertThat(e.syslog().severityCode()).isEqualTo(3);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.hostName()).isEqualTo("web-1");
        assertThat(e.serviceName()).isEqualTo("checkout");
        assertThat(e.inputType()).isEqualTo("syslog");
        assertThat(decoding.decode("<0>1 - h a - - - x").level()).isEqualTo(Level.FATAL);
        assertThat(decoding.decode("<4>1 - h a - - - x").level()).isEqualTo(Level.WARN);
        assertThat(decoding.decode("<14>1 - h a - - - x").level()).isEqualTo(Level.INFO);
        assertThat(decoding.decode("<191>1 - h a - - - x").level()).isEqualTo(Level.DEBUG);
    }

    @Test
    void structuredDataWithSeveralElementsEscapesAndEmptyElements() {
        LogEvent e = decoding.decode("<13>1 - h a - - [one@1 q=\"say \\\"hi\\\"\" b=\"back\\\\slash\" c=\"close\\]\""
                + " d=\"keep\\n\"][empty][two@2 x=\"ü€\"] \uFEFFbody");
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(e.syslog().structuredData()).containsExactly(
                Map.entry("one@1", Map.of("q", "say \"hi\"", "b", "back\\slash", "c", "close]", "d", "keep\\n")),
                Map.entry("empty", Map.of()),
                Map.entry("two@2", Map.of("x", "ü€")));
        assertThat(e.message()).isEqualTo("body");
    }

    /**
     * The decoder writes structured data and a plain message as the JSON the encoder copies; the output
     * must be the bytes the encoder writes for the same event built field by field.
     */
    @Test
    void structuredDataAndMessageKeptAsJsonEncodeAsTheFieldsWould() {
        String raw = "<13>1 2026-01-02T03:04:05Z h a - - [one@1 q=\"say \\\"hi\\\"\" b=\"back\\\\slash\" t=\"tab\tü\"][empty]"
                + "[two@2 x=\"1\" y=\"2\"] plain body ü";
        LogEvent decoded = decoding.decode(raw);
        assertThat(decoded.syslog().structuredDataJson()).as("kept as JSON, no maps").isNotNull();
        assertThat(decoded.messageRawBytes()).as("kept as bytes, no String").isNotNull();

        LogEvent built = decoding.decode(raw.substring(0, raw.indexOf(" [")) + " - plain body ü");
        built.syslog().addStructuredParam("one@1", "q", "say \"hi\"");
        built.syslog().addStructuredParam("one@1", "b", "back\\slash");
        built.syslog().addStructuredParam("one@1", "t", "tab\tü");
        built.syslog().structuredElement("empty");
        built.syslog().addStructuredParam("two@2", "x", "1");
        built.syslog().addStructuredParam("two@2", "y", "2");
        built.message("plain body ü").createdNanos(decoded.createdNanos()).sequence(decoded.sequence());
        EventEncoder encoder = new EventEncoder();
        assertThat(new String(encoder.encode(decoded), StandardCharsets.UTF_8))
                .contains("\"structured_data\":{\"one@1\":{\"q\":\"say \\\"hi\\\"\"")
                .isEqualTo(new String(encoder.encode(built), StandardCharsets.UTF_8));
    }

    /**
     * An event keeps its structured data as the record's text: a slice of the batch's bytes (the
     * pipeline's harness), or, when the decoder reads bytes the event may not keep, a copy in a chunk
     * the events after it share. Either way an event kept while thousands more are decoded (a tap, the
     * dead letters), its copy and its neighbours keep their own values; a record whose SD scanned but
     * which then failed, or whose SD went to maps, changes nothing; a transform's change to one event
     * touches no other.
     */
    @ParameterizedTest(name = "batch bytes kept: {0}")
    @ValueSource(booleans = {true, false})
    void structuredDataOutlivesLaterRecords(boolean fromBatch) {
        SyslogDecoder direct = new SyslogDecoder(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.NONE, null);
        java.util.function.Function<String, LogEvent> decode = fromBatch ? decoding::decode : raw -> {
            byte[] b = raw.getBytes(StandardCharsets.UTF_8);
            LogEvent e = new LogEvent().inputType("syslog");
            direct.decode(b, 0, b.length, e);
            java.util.Arrays.fill(b, (byte) 'X'); // the decoder's reused buffer, written over by the next record
            return e;
        };
        EventEncoder encoder = new EventEncoder();
        LogEvent first = decode.apply("<13>1 2026-01-02T03:04:05Z h a - - [first@1 k=\"v\\\"1\"] one");
        String firstEncoded = new String(encoder.encode(first), StandardCharsets.UTF_8);
        LogEvent copy = first.copy();
        assertThat(decode.apply("<13>1 2026-01-02T03:04:05Z h a - - [bad@1 k=\"overwrite\"]no-space").tags())
                .contains(Tags.PARSE_FAILED);
        assertThat(decode.apply("<13>1 2026-01-02T03:04:05Z h a - - [rep@1 x=\"1\" x=\"2\"] maps")
                .syslog().structuredData()).containsExactly(Map.entry("rep@1", Map.of("x", "2")));
        java.util.List<LogEvent> later = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) { // well over one chunk
            later.add(decode.apply("<13>1 2026-01-02T03:04:05Z h a - - [n@1 i=\"" + i + "\" pad=\"" + "x".repeat(i % 40) + "\"] m"));
        }

        assertThat(first.syslog().structuredData()).containsExactly(Map.entry("first@1", Map.of("k", "v\"1")));
        assertThat(new String(encoder.encode(first), StandardCharsets.UTF_8)).isEqualTo(firstEncoded)
                .contains("\"structured_data\":{\"first@1\":{\"k\":\"v\\\"1\"}}");
        assertThat(new String(encoder.encode(copy), StandardCharsets.UTF_8)).isEqualTo(firstEncoded);
        later.get(5).syslog().addStructuredParam("n@1", "i", "changed");
        assertThat(new String(encoder.encode(later.get(5)), StandardCharsets.UTF_8)).contains("{\"n@1\":{\"i\":\"changed\",");
        for (int i = 0; i < later.size(); i++) {
            if (i == 5) continue;
            assertThat(new String(encoder.encode(later.get(i)), StandardCharsets.UTF_8)).as("event %d", i)
                    .contains("\"structured_data\":{\"n@1\":{\"i\":\"" + i + "\",\"pad\":\"" + "x".repeat(i % 40) + "\"}}}");
        }
    }

    /** Values written to JSON in the same pass that checks them: every escape RFC 5424 has, and what is not one. */
    @Test
    void structuredDataEscapesReadInOnePassEncodeAsTheFieldsWould() {
        String raw = "<13>1 2026-01-02T03:04:05Z h a - - [x@1 path=\"c:\\\\dir\\]\" keep=\"a\\nb\\x\" ctl=\"\u0001\\\u0007\" "
                + "end=\"\\\\\"][y@2 q=\"\\\"\\\"\"] body";
        LogEvent decoded = decoding.decode(raw);
        assertThat(decoded.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(decoded.syslog().structuredData()).containsExactly(
                Map.entry("x@1", Map.of("path", "c:\\dir]", "keep", "a\\nb\\x", "ctl", "\u0001\\\u0007", "end", "\\")),
                Map.entry("y@2", Map.of("q", "\"\"")));

        LogEvent built = decoding.decode("<13>1 2026-01-02T03:04:05Z h a - - - body");
        built.syslog().addStructuredParam("x@1", "path", "c:\\dir]");
        built.syslog().addStructuredParam("x@1", "keep", "a\\nb\\x");
        built.syslog().addStructuredParam("x@1", "ctl", "\u0001\\\u0007");
        built.syslog().addStructuredParam("x@1", "end", "\\");
        built.syslog().addStructuredParam("y@2", "q", "\"\"");
        built.createdNanos(decoded.createdNanos()).sequence(decoded.sequence());
        EventEncoder encoder = new EventEncoder();
        assertThat(new String(encoder.encode(decoded), StandardCharsets.UTF_8))
                .isEqualTo(new String(encoder.encode(built), StandardCharsets.UTF_8));
    }

    /**
     * One decoder reads a run of timestamps as a sender writes them, the same minute again and again
     * (the parser remembers the last valid minute) and then the changes a remembered minute must not
     * hide: another second, offset, minute, day, a bad second or day inside a known minute.
     */
    @Test
    void timestampsOfOneMinuteAndTheChangesAroundItAreEachReadInFull() {
        String[][] cases = {
            // timestamp | UTC, or "" when it is not RFC 5424
            {"2026-11-25T10:00:59.5Z", "2026-11-25T10:00:59.500Z"},
            {"2026-11-25T10:00:07Z", "2026-11-25T10:00:07Z"},
            {"2026-11-25T10:00:07.000001+05:30", "2026-11-25T04:30:07.000001Z"},
            {"2026-11-25T10:00:07-00:30", "2026-11-25T10:30:07Z"},
            {"2026-11-25T10:00:60Z", "2026-11-25T10:00:59Z"},
            {"2026-11-25T10:00:61Z", ""},
            {"2026-11-25T10:00:5xZ", ""},
            {"2026-11-25T10:00:59Z", "2026-11-25T10:00:59Z"},
            {"2026-11-25T10:00-59Z", ""},
            {"2026-11-25T10:01:00Z", "2026-11-25T10:01:00Z"},
            {"2026-11-26T10:01:00Z", "2026-11-26T10:01:00Z"},
            {"2026-02-29T10:01:00Z", ""},
            {"2026-02-29T10:01:00Z", ""},
            {"2024-02-29T10:01:00Z", "2024-02-29T10:01:00Z"},
            {"2024-02-29T10:01:01.25+14:00", "2024-02-28T20:01:01.250Z"},
            {"2024-02-29T10:01:01", ""},
        };
        for (String[] c : cases) {
            LogEvent e = decoding.decode("<13>1 " + c[0] + " h a - - - body");
            if (c[1].isEmpty()) {
                assertThat(e.hasTag(Tags.PARSE_FAILED)).as(c[0]).isTrue();
            } else {
                assertThat(e.tags()).as(c[0]).doesNotContain(Tags.PARSE_FAILED);
                assertThat(e.timestampNanos()).as(c[0]).isEqualTo(nanos(c[1]));
            }
        }
    }

    /** SD-NAMEs are copied to the JSON as they are, but a backslash (allowed in a name) is escaped for JSON. */
    @Test
    void structuredDataNamesWithABackslashEncodeAsTheFieldsWould() {
        String raw = "<13>1 2026-01-02T03:04:05Z h a - - [a\\b@1 c\\=\"v\" plain=\"w\"][x@2] body";
        LogEvent decoded = decoding.decode(raw);
        assertThat(decoded.tags()).doesNotContain(Tags.PARSE_FAILED);
        LogEvent built = decoding.decode("<13>1 2026-01-02T03:04:05Z h a - - - body");
        built.syslog().addStructuredParam("a\\b@1", "c\\", "v");
        built.syslog().addStructuredParam("a\\b@1", "plain", "w");
        built.syslog().structuredElement("x@2");
        built.createdNanos(decoded.createdNanos()).sequence(decoded.sequence());
        EventEncoder encoder = new EventEncoder();
        assertThat(new String(encoder.encode(decoded), StandardCharsets.UTF_8))
                .contains("\"structured_data\":{\"a\\\\b@1\":{\"c\\\\\":\"v\"")
                .isEqualTo(new String(encoder.encode(built), StandardCharsets.UTF_8));
    }

    /**
     * Structured data is written as JSON from its text, by copying when it is plain (no backslash, no
     * control byte in a value) and with escapes otherwise. Both must give what the map path gives for the
     * same elements: a repeated param name in one more element sends the whole record through the maps.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "[a@1 x=\"1\" y=\"two words\"][b@2][c@3 empty=\"\" open=\"[=\"]",
        "[a@1 x=\"close\\] quote\\\" backslash\\\\ kept\\n\"]",
        "[a@1 x=\"only\\\\\"]",
        "[a@1 x=\"ü€ 😀\" y=\"\u007f\"]",
        "[a@1 x=\"tab\tnul\u0000bell\u0007\"]",
        "[a\\b@1 c\\=\"v\"]",
        "[m@1 p1=\"1\" p2=\"2\" p3=\"3\" p4=\"4\" p5=\"5\" p6=\"6\" p7=\"7\" p8=\"8\" p9=\"9\" p10=\"10\" p11=\"11\"]",
    })
    void structuredDataTextEncodesAsItsMapsWould(String sd) {
        String head = "<13>1 2026-01-02T03:04:05Z h a - - ";
        LogEvent asText = decoding.decode((head + sd + " body").getBytes(StandardCharsets.UTF_8), 0L);
        LogEvent asMaps = decoding.decode((head + sd + "[z@9 r=\"1\" r=\"1\"] body").getBytes(StandardCharsets.UTF_8), 0L);
        assertThat(asText.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(asText.syslog().hasStructuredDataText()).isTrue();
        assertThat(asMaps.syslog().hasStructuredDataText()).as("a repeated name goes to maps").isFalse();
        assertThat(asText.syslog().structuredData()).isEqualTo(asMaps.syslog().structuredData().entrySet().stream()
                .filter(en -> !en.getKey().equals("z@9"))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        EventEncoder encoder = new EventEncoder();
        String textJson = new String(encoder.encode(asText), StandardCharsets.UTF_8);
        String mapsJson = new String(encoder.encode(asMaps), StandardCharsets.UTF_8);
        assertThat(textJson).isEqualTo(mapsJson.replace(",\"z@9\":{\"r\":\"1\"}", ""));
    }

    private static final String SD_NAME = "[\\x21\\x23-\\x3C\\x3E-\\x5C\\x5E-\\x7E]{1,32}";
    /** RFC 5424's PARAM-VALUE and what the decoder makes of a backslash before another byte (kept, the byte read as any other). */
    private static final String SD_VALUE = "(?:\\\\[\"\\\\\\]]|\\\\(?![\"\\\\\\]])|[^\"\\\\\\]])*\"";
    private static final java.util.regex.Pattern SD_GRAMMAR = java.util.regex.Pattern.compile(
            "(?:\\[" + SD_NAME + "(?: " + SD_NAME + "=\"" + SD_VALUE + ")*\\])+", java.util.regex.Pattern.DOTALL);

    /**
     * The structured-data scan reads names and values eight bytes at a time: each byte that ends a run or
     * breaks the grammar, at every offset of those steps, in an SD-ID, a param name and a value, is
     * judged as RFC 5424's grammar (a regular expression here) judges it, and accepted text encodes as
     * its maps would.
     */
    @Test
    void structuredDataStopBytesAtEveryOffsetOfTheWordStepsAreJudgedAsTheGrammarSays() {
        String[] stops = {" ", "=", "]", "\"", "\\", "\\\"", "\\]", "\\\\", "\\n", "!", "~", "\u007f", "\u0000",
            "\u0001", "\u001f", "\t", "é", "€", "[", "@"};
        int checked = 0;
        int accepted = 0;
        for (String stop : stops) {
            for (int k = 0; k <= 34; k++) {
                String run = "abcdefghijklmnopqrstuvwxyz0123456789".substring(0, k);
                for (String sd : new String[] {
                    "[" + run + stop + "x@1 n=\"v\"]",
                    "[id@1 " + run + stop + "n=\"v\"]",
                    "[id@1 n=\"" + run + stop + "v\" m=\"w\"]",
                    "[id@1 n=\"" + run + stop + "\"][id@2]",
                }) {
                    boolean valid = SD_GRAMMAR.matcher(sd).matches();
                    String head = "<13>1 2026-01-02T03:04:05Z h a - - ";
                    LogEvent e = decoding.decode((head + sd + " body").getBytes(StandardCharsets.UTF_8), 0L);
                    boolean read = !e.tags().contains(Tags.PARSE_FAILED) && !e.syslog().structuredData().isEmpty();
                    assertThat(read).as(sd).isEqualTo(valid);
                    checked++;
                    if (!valid) continue;
                    accepted++;
                    LogEvent asMaps = decoding.decode((head + sd + "[z@9 r=\"1\" r=\"1\"] body")
                            .getBytes(StandardCharsets.UTF_8), 0L);
                    EventEncoder encoder = new EventEncoder();
                    assertThat(new String(encoder.encode(e), StandardCharsets.UTF_8)).as(sd).isEqualTo(
                            new String(encoder.encode(asMaps), StandardCharsets.UTF_8).replace(",\"z@9\":{\"r\":\"1\"}", ""));
                }
            }
        }
        assertThat(accepted).as("both kinds are covered").isBetween(checked / 4, checked * 3 / 4);
    }

    /** Invalid UTF-8 in a value is repaired before decoding; the plain copy writes the repaired bytes. */
    @Test
    void structuredDataWithInvalidUtf8EncodesTheRepairedText() {
        byte[] head = "<13>1 - h a - - [a@1 x=\"bad".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"] body".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        raw[head.length] = (byte) 0xC3; // a lead byte followed by ASCII: invalid
        raw[head.length + 1] = (byte) 0xFF;
        System.arraycopy(tail, 0, raw, head.length + 2, tail.length);
        LogEvent e = decoding.decode(raw, 0L);
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(e.syslog().structuredData()).containsExactly(Map.entry("a@1", Map.of("x", "bad\uFFFD\uFFFD")));
        assertThat(new String(new EventEncoder().encode(e), StandardCharsets.UTF_8))
                .contains("\"structured_data\":{\"a@1\":{\"x\":\"bad\uFFFD\uFFFD\"}}");
    }

    /** A numeric PROCID is kept as a number (no String per event) but reads and encodes as the text it was. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "7", "1234", "999999999999999999", "0123", "00", "worker-7", "9999999999999999999"})
    void procidReadsAndEncodesAsItsText(String procid) {
        LogEvent e = decoding.decode("<13>1 - h a " + procid + " - - body");
        assertThat(e.syslog().procid()).isEqualTo(procid);
        assertThat(new String(new EventEncoder().encode(e), StandardCharsets.UTF_8))
                .contains("\"procid\":\"" + procid + "\"");
    }

    @Test
    void aParamNamedTwiceKeepsTheLastValue() {
        LogEvent e = decoding.decode("<13>1 - h a - - [a@1 x=\"1\" y=\"2\" x=\"3\"] body");
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(e.syslog().structuredData()).containsExactly(Map.entry("a@1", Map.of("x", "3", "y", "2")));
        assertThat(new String(new EventEncoder().encode(e), StandardCharsets.UTF_8))
                .contains("\"structured_data\":{\"a@1\":{\"x\":\"3\",\"y\":\"2\"}}");
    }

    @Test
    void structuredDataReadAsMapsThenChangedEncodesTheChange() {
        LogEvent e = decoding.decode("<13>1 - h a - - [a@1 x=\"1\"] body");
        assertThat(e.syslog().structuredData()).containsExactly(Map.entry("a@1", Map.of("x", "1")));
        e.syslog().addStructuredParam("a@1", "y", "2");
        assertThat(e.syslog().structuredDataJson()).isNull();
        assertThat(new String(new EventEncoder().encode(e), StandardCharsets.UTF_8))
                .contains("\"structured_data\":{\"a@1\":{\"x\":\"1\",\"y\":\"2\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<13>1 - h a - - [dup x=\"1\"][dup y=\"2\"] twice the same SD-ID",
        "<13>1 - h a - - [a x=\"unterminated] msg",
        "<13>1 - h a - - [a x=unquoted] msg",
        "<13>1 - h a - - [a x=\"1\"]msg without space",
        "<13>1 2026-01-02T03:04:05 h a - - - no offset",
        "<13>1 2026-02-30T03:04:05Z h a - - - no such day",
        "<13>1 - h a - -",
        "<192>1 - h a - - - pri too big",
        "<013>1 - h a - - - leading zero",
        "<13 1 - h a - - - no closing bracket",
        "<13>hello there",
        "just text",
        "",
        "<>",
        "<13>Jan 32 10:00:00 host x: bad day",
        "<13>Foo  1 10:00:00 host x: bad month",
        "<13>Jan  1 25:00:00 host x: bad hour",
    })
    void garbageIsPassedOnRawAndTagged(String raw) {
        LogEvent e = decoding.decode(raw);
        assertThat(e.tags()).contains(Tags.PARSE_FAILED);
        assertThat(e.message()).isEqualTo(raw);
        assertThat(e.rejection()).isNull();
    }

    @Test
    void validPriInFrontOfGarbageStillGivesTheSeverity() {
        LogEvent e = decoding.decode("<11>hello there");
        assertThat(e.tags()).contains(Tags.PARSE_FAILED);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.syslog().facilityCode()).isEqualTo(1);
    }

    @Test
    void deadLetterPolicyRejectsWhatIsNotSyslog() {
        Decoding strict = new Decoding(new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, true),
                SyslogDecoder.MessageParsing.NONE);
        LogEvent bad = strict.decode("not syslog at all");
        assertThat(bad.rejection()).isNotNull();
        assertThat(bad.rejection().type()).isEqualTo(Rejection.PARSE_ERROR);
        assertThat(bad.rejection().message()).contains("PRI");
        assertThat(strict.decode("<13>1 - h a - - - fine").rejection()).isNull();
    }

    @Test
    void rfc3164PaddedDayPidNoColonAndMissingHost() {
        LogEvent e = decoding.decode("<38>Feb  5 17:32:18 gw sshd[1234]: Accepted key");
        assertThat(e.syslog().hostname()).isEqualTo("gw");
        assertThat(e.syslog().appname()).isEqualTo("sshd");
        assertThat(e.syslog().procid()).isEqualTo("1234");
        assertThat(e.message()).isEqualTo("Accepted key");
        assertThat(e.syslog().version()).isEqualTo(-1);
        assertThat(e.level()).isEqualTo(Level.INFO);

        LogEvent noTag = decoding.decode("<13>Feb 15 17:32:18 router link down on ge-0/0/1");
        assertThat(noTag.syslog().hostname()).isEqualTo("router");
        assertThat(noTag.syslog().appname()).isNull();
        assertThat(noTag.message()).isEqualTo("link down on ge-0/0/1");

        LogEvent noHost = decoding.decode("<13>Feb 15 17:32:18 cron[77]: job done");
        assertThat(noHost.syslog().hostname()).isNull();
        assertThat(noHost.syslog().appname()).isEqualTo("cron");
        assertThat(noHost.serviceName()).isEqualTo("cron");
    }

    @ParameterizedTest(name = "{0} (first_word: {1})")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // raw | rfc3164_tag first_word | @timestamp | host | app | pid | message
        // rsyslog RSYSLOG_ForwardFormat and syslog-ng ISODATE templates relaying RFC 5424 (tag without colon)
        "<163>2026-12-02T17:05:23.108839+00:00 vm app3 m3 text|false|2026-12-02T17:05:23.108839Z|vm|app3||m3 text",
        "<163>2026-12-02T17:05:23.130867+00:00 vm app4[30102] m4 text|false|2026-12-02T17:05:23.130867Z|vm|app4|30102|m4 text",
        "<163>2026-12-02T17:05:23+00:00 vm app1: with colon|false|2026-12-02T17:05:23Z|vm|app1||with colon",
        // a JSON or bracketed message after an ISO time is no tag
        "<14>2026-12-02T17:05:23Z vm {\"a\":1}|false|2026-12-02T17:05:23Z|vm|||{\"a\":1}",
        "<14>2026-12-02T17:05:23Z vm [INFO] started|false|2026-12-02T17:05:23Z|vm|||[INFO] started",
        "<14>2026-12-02T17:05:23Z vm key=value more|false|2026-12-02T17:05:23Z|vm|||key=value more",
        // rsyslog RSYSLOG_TraditionalForwardFormat: BSD time, tag without colon only read with first_word
        "<163>Dec  2 17:05:23 vm app3 m3 text|true|2026-12-02T17:05:23Z|vm|app3||m3 text",
        "<163>Dec  2 17:05:23 vm app3 m3 text|false|2026-12-02T17:05:23Z|vm|||app3 m3 text",
        "<163>Dec  2 17:05:23 vm app4[30102] m4 text|false|2026-12-02T17:05:23Z|vm|app4|30102|m4 text",
        "<163>Dec  2 17:05:23 vm app1: m1 text|true|2026-12-02T17:05:23Z|vm|app1||m1 text",
        // syslog-ng frac-digits(6) in its legacy format
        "<163>Dec  2 17:14:33.123679 vm app3[4343]: m5|false|2026-12-02T17:14:33.123679Z|vm|app3|4343|m5",
    })
    void rfc3164AsRelaysWriteIt(String raw, boolean firstWordTag, String time, String host, String app, String pid,
                                String message) {
        Decoding relayed = new Decoding(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.NONE, firstWordTag);
        LogEvent e = relayed.decode(raw.getBytes(StandardCharsets.UTF_8), nanos("2026-12-02T17:30:00Z"));
        assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        assertThat(e.timestampNanos()).isEqualTo(nanos(time));
        assertThat(e.hostName()).isEqualTo(host);
        assertThat(e.syslog().appname()).isEqualTo(app);
        if (app != null) assertThat(e.serviceName()).isEqualTo(app);
        assertThat(e.pid()).isEqualTo(pid == null ? LogEvent.NO_NUMBER : Long.parseLong(pid));
        assertThat(e.message()).isEqualTo(message);
    }

    @Test
    void rfc3164YearIsTheOneNearestTheObservedTime() {
        long newYearsDay = nanos("2026-01-01T00:05:00Z");
        LogEvent late = decoding.decode("<13>Dec 31 23:59:58 h app: last year".getBytes(StandardCharsets.UTF_8), newYearsDay);
        assertThat(late.timestampNanos()).isEqualTo(nanos("2025-12-31T23:59:58Z"));
        long newYearsEve = nanos("2025-12-31T23:59:00Z");
        LogEvent early = decoding.decode("<13>Jan  1 00:00:03 h app: next year".getBytes(StandardCharsets.UTF_8), newYearsEve);
        assertThat(early.timestampNanos()).isEqualTo(nanos("2026-01-01T00:00:03Z"));
    }

    @Test
    void rfc3164TimesUseTheConfiguredZone() {
        Decoding paris = new Decoding(new DecodeOptions(ZoneId.of("Europe/Paris"), InvalidPolicy.DEAD_LETTER, false),
                SyslogDecoder.MessageParsing.NONE);
        long observed = nanos("2026-07-14T12:00:00Z");
        LogEvent e = paris.decode("<13>Jul 14 12:00:00 h app: summer".getBytes(StandardCharsets.UTF_8), observed);
        assertThat(e.timestampNanos()).isEqualTo(nanos("2026-07-14T10:00:00Z"));
        LogEvent rsyslog = paris.decode("<13>2026-07-14T12:00:00.5+00:00 h app: offset wins".getBytes(StandardCharsets.UTF_8), observed);
        assertThat(rsyslog.timestampNanos()).isEqualTo(nanos("2026-07-14T12:00:00.5Z"));
    }

    @Test
    void jsonMessageBodyIsParsedWhenAsked() {
        Decoding auto = new Decoding(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.AUTO);
        LogEvent e = auto.decode("<14>1 2026-01-02T03:04:05Z h api - - - {\"msg\":\"slow query\",\"level\":\"warn\",\"ms\":812}");
        assertThat(e.message()).isEqualTo("slow query");
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.attributes().toJson()).isEqualTo("{\"ms\":812}");
        assertThat(e.serviceName()).isEqualTo("api");
        assertThat(auto.decode("<14>1 - h api - - - plain text").message()).isEqualTo("plain text");

        Decoding json = new Decoding(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.JSON);
        LogEvent notJson = json.decode("<14>1 - h api - - - plain text");
        assertThat(notJson.tags()).contains(Tags.PARSE_FAILED);
        assertThat(notJson.rejection()).isNull();

        Decoding none = new Decoding(DecodeOptions.DEFAULT, SyslogDecoder.MessageParsing.NONE);
        assertThat(none.decode("<14>1 - h api - - - {\"msg\":\"x\"}").message()).isEqualTo("{\"msg\":\"x\"}");
    }

    /**
     * The RFC 5424 parser hashes HOSTNAME, APP-NAME and MSGID while it scans them and hands the hash to the
     * string cache; the RFC 3164 path lets the cache hash them. Both must land on the same entry, and a
     * header that differs from a cached one in a byte, or in length, must not.
     */
    @Test
    void headerStringsHashedByTheParserAreTheCachesOwn() {
        LogEvent first = decoding.decode("<13>1 2026-01-02T03:04:05Z node-07.prod.example.net catalog 42 ID68 - a");
        LogEvent rfc3164 = decoding.decode("<13>Jan  2 03:04:05 node-07.prod.example.net catalog: b");
        assertThat(rfc3164.hostName()).isSameAs(first.hostName());
        assertThat(rfc3164.serviceName()).isSameAs(first.serviceName());
        LogEvent again = decoding.decode("<13>1 2026-01-02T03:04:06Z node-07.prod.example.net catalog 43 ID68 - c");
        assertThat(again.syslog().msgid()).isSameAs(first.syslog().msgid());

        LogEvent other = decoding.decode("<13>1 2026-01-02T03:04:06Z node-08.prod.example.net catalo 43 ID6 - d");
        assertThat(other.hostName()).isEqualTo("node-08.prod.example.net");
        assertThat(other.serviceName()).isEqualTo("catalo");
        assertThat(other.syslog().msgid()).isEqualTo("ID6");
        LogEvent nil = decoding.decode("<13>1 2026-01-02T03:04:06Z - - - - - e");
        assertThat(nil.syslog().hostname()).isNull();
        assertThat(nil.syslog().msgid()).isNull();
    }
}
