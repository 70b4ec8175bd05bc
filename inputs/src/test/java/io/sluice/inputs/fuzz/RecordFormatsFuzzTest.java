package io.sluice.inputs.fuzz;

import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.RecordFormats;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record format of every input ({@code format:} json, text, logfmt, klog, the framework
 * layouts, access logs, ...) on arbitrary and damaged records: an event each, never an exception.
 * This covers the JSON decoder and the normalizer, which every format ends in.
 */
class RecordFormatsFuzzTest {
    private static final List<String> SAMPLES = List.of(
            "{\"@timestamp\":\"2026-12-02T12:26:44.868Z\",\"level\":\"warn\",\"msg\":\"disk \\u00e9 full\",\"service\":\"api\","
                    + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"n\":1.5e300,\"a\":[1,{\"b\":null}],\"ts\":1733142404868}",
            "{\"time\":12345678901234567890123456,\"level\":50,\"error\":{\"stack_trace\":\"x\\n\\tat y\"},\"k\":\"v\",\"k\":\"w\"}",
            "time=2026-12-02T12:26:44Z level=info msg=\"hello \\\"world\\\"\" user=42 empty= flag",
            "I1202 12:26:44.868123    1234 file.go:42] Starting controller name=\"x\"",
            "12:26:44.868 [main] DEBUG com.acme.Pricing -- priced 3 items",
            "2026-12-02T12:26:44.868Z  INFO 1234 --- [main] c.a.Pricing : started in 1.2 seconds",
            "WARNING:root:disk almost full",
            "2026-12-02 12:26:44,868 - app.db - ERROR - connection lost",
            "2026/12/02 12:26:44 listening on :8080",
            "info: Acme.Orders.Service[0]\n      Order 42 placed",
            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif?x=1 HTTP/1.0\" 200 2326 \"http://r/\" \"Mozilla/4.08\"",
            "2026/12/02 12:26:44 [error] 1234#1234: *5 open() \"/x\" failed (2: No such file), client: 10.0.0.1");

    @Provide
    Arbitrary<byte[]> records() {
        return FuzzedRecords.records(SAMPLES);
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of(RecordFormats.STANDARD.names());
    }

    @Property
    void everyFormatTurnsEveryRecordIntoAnEvent(@ForAll("formats") String format, @ForAll("records") byte[] record) {
        RecordDecoder.Factory decoders = RecordFormats.STANDARD.decoders(format, DecodeOptions.DEFAULT);
        assertThat(FuzzedRecords.decode("tcp", decoders, record)).isNotNull();
    }
}
