package io.sluice.api.schema;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.sluice.api.event.LogEvent;
import io.sluice.api.otel.EventToOtlp;
import io.sluice.api.otel.OtlpToEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace and span ids: a valid lower-case id is kept as the record's bytes (a slice of the raw batch),
 * every other value as before. Whichever way an event holds its ids, the encoded event, the getters, a
 * copy and the OTLP mapping must show the same lower-case id, or none for a value that is no id.
 */
class EventIdsTest {
    private static final String ID32 = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String ID16 = "00f067aa0ba902b7";
    private static final long OBSERVED = 1_764_000_000_000_000_000L;
    private final Normalizer normalizer = new Normalizer(
            new NormalizeSettings(Map.of(), DecodeOptions.DEFAULT.onInvalid(), "node-1"));
    private final RecordProcessor processor = new RecordProcessor(normalizer);
    private final EventEncoder encoder = new EventEncoder();

    /** Through the pipeline's path: the record is in a raw batch, which the event may keep slices of. */
    private LogEvent fromBatch(String record, boolean onePass) {
        return fromBatch(record.getBytes(StandardCharsets.UTF_8), onePass);
    }

    private LogEvent fromBatch(byte[] b, boolean onePass) {
        JsonRecordDecoder decoder = new JsonRecordDecoder(DecodeOptions.DEFAULT, true, onePass);
        RawBatch batch = new RawBatch(10, 1 << 16);
        batch.add(b, 0, b.length, 0, b.length);
        return processor.process(batch, 0, SourceSpec.of("test", "tcp", () -> decoder), decoder, 7, OBSERVED, "app");
    }

    /** Without a stable array (a decoder called directly): ids must come out as Strings. */
    private LogEvent decodedAlone(String record) {
        LogEvent e = new LogEvent().createdNanos(OBSERVED).sequence(7).inputType("tcp").inputId("app");
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        new JsonRecordDecoder(DecodeOptions.DEFAULT, true, true).decode(b, 0, b.length, e);
        java.util.Arrays.fill(b, (byte) '0'); // the decoder's caller may reuse its array
        normalizer.finish(e);
        return e;
    }

    private String encoded(LogEvent e) {
        return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    private static String idsOf(String encoded) {
        String trace = between(encoded, "\"trace\":{\"id\":\"");
        String span = between(encoded, "\"span\":{\"id\":\"");
        return trace + "/" + span;
    }

    private static String between(String s, String prefix) {
        int i = s.indexOf(prefix);
        if (i < 0) return "-";
        int from = i + prefix.length();
        return s.substring(from, s.indexOf('"', from));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // record's ids                                                     | trace/span ids of the event
        "\"trace_id\":\"" + ID32 + "\",\"span_id\":\"" + ID16 + "\"          | " + ID32 + "/" + ID16,
        "\"trace_id\":\"4BF92F3577B34DA6A3CE929D0E0E4736\",\"spanId\":\"00F067aa0BA902B7\" | " + ID32 + "/" + ID16,
        "\"traceId\":\"00000000000000000000000000000000\",\"span_id\":\"0000000000000000\" | -/-",
        "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e473g\",\"span_id\":\"00f0-67aa\" | -/-",
        "\"trace_id\":\"a\",\"span_id\":\"F\"                                  | a/f",
        "\"trace_id\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" | 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/-",
        "\"trace_id\":\"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0\" | -/-",
        "\"trace_id\":\"\",\"span_id\":\" " + ID16 + "\"                       | -/-",
        "\"trace_id\":\"\\u0034bf92f3577b34da6a3ce929d0e0e4736\"               | " + ID32 + "/-",
        "\"trace_id\":1234,\"span_id\":null                                     | -/-",
        "\"traceparent\":\"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\" | " + ID32 + "/" + ID16,
        "\"traceparent\":\"00-" + ID32 + "-00f067aa0ba902b7-01\",\"trace_id\":\"abc\" | abc/" + ID16,
        "\"traceparent\":\"ff-" + ID32 + "-00f067aa0ba902b7-01\"                | -/-",
        "\"traceparent\":\"00-" + ID32 + "-0000000000000000-01\"                | -/-",
    })
    void idsAreTheSameHoweverTheEventHoldsThem(String ids, String expected) {
        String record = "{\"msg\":\"paid\"," + ids.strip() + ",\"service\":\"checkout\"}";
        LogEvent sliced = fromBatch(record, true);
        String out = encoded(sliced);
        assertThat(idsOf(out)).as(out).isEqualTo(expected.strip());
        assertThat(out).as("Jackson's path").isEqualTo(encoded(fromBatch(record, false)));
        assertThat(encoded(decodedAlone(record))).as("no stable array").isEqualTo(out);
        assertThat(sliced.traceId() + "/" + sliced.spanId()).isEqualTo(expected.strip().replace("-", "null"));
        assertThat(sliced.hasTraceId()).isEqualTo(sliced.traceId() != null);
        assertThat(encoded(sliced.copy())).isEqualTo(out);
    }

    @Test
    void aLowerCaseIdIsKeptAsTheRecordsBytesAndReadAsAString() {
        LogEvent e = fromBatch("{\"msg\":\"x\",\"trace_id\":\"" + ID32 + "\"}", true);
        assertThat(e.hasTraceId()).isTrue();
        assertThat(e.traceId()).isEqualTo(ID32).isSameAs(e.traceId());
        assertThat(e.hasSpanId()).isFalse();
        assertThat(e.spanId()).isNull();
        e.traceId("replaced");
        assertThat(encoded(e)).contains("\"trace\":{\"id\":\"replaced\"}").doesNotContain(ID32);
        e.traceId(null);
        assertThat(e.hasTraceId()).isFalse();
        assertThat(encoded(e)).doesNotContain("\"trace\"");
    }

    @Test
    void anIdInARecordRepairedFromInvalidUtf8IsCopied() {
        byte[] record = ("{\"msg\":\"bad \u00ff\",\"trace_id\":\"" + ID32 + "\"}").getBytes(StandardCharsets.ISO_8859_1);
        LogEvent e = fromBatch(record, true);
        java.util.Arrays.fill(record, (byte) 'x'); // the batch holds its own copy; the repaired record is the processor's
        assertThat(e.tags()).contains(io.sluice.api.event.Tags.INVALID_UTF8);
        assertThat(idsOf(encoded(e))).isEqualTo(ID32 + "/-");
        // the processor repairs the next invalid record into the same buffer
        fromBatch(("{\"msg\":\"" + "\u00ff".repeat(80) + "\"}").getBytes(StandardCharsets.ISO_8859_1), true);
        assertThat(e.traceId()).isEqualTo(ID32);
    }

    @Test
    void idsFromOtlpBytesAreLowerCaseHexAndGoBackToTheSameBytes() {
        byte[] trace = HexFormat.of().parseHex(ID32.toUpperCase());
        byte[] span = HexFormat.of().parseHex(ID16);
        LogRecord r = LogRecord.newBuilder().setTraceId(ByteString.copyFrom(trace)).setSpanId(ByteString.copyFrom(span))
                .setTimeUnixNano(OBSERVED).build();
        LogEvent e = new OtlpToEvent("otlp", "svc", "node-1")
                .map(Resource.getDefaultInstance(), InstrumentationScope.getDefaultInstance(), r, OBSERVED, 1);
        assertThat(idsOf(encoded(e))).isEqualTo(ID32 + "/" + ID16);

        LogEvent sliced = fromBatch("{\"msg\":\"x\",\"trace_id\":\"" + ID32 + "\",\"span_id\":\"" + ID16 + "\"}", true);
        for (LogEvent each : List.of(e, sliced)) {
            LogRecord back = new EventToOtlp().map(List.of(each))
                    .getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
            assertThat(back.getTraceId().toByteArray()).isEqualTo(trace);
            assertThat(back.getSpanId().toByteArray()).isEqualTo(span);
        }
    }
}
