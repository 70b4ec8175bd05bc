package io.sluice.inputs.syslog;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.inputs.fuzz.FuzzedRecords;
import io.sluice.inputs.net.LineFraming;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The syslog parsers (RFC 5424, RFC 3164 and its variants, the JSON message option) and the
 * octet-counting framer on arbitrary and damaged input: raw text or a rejected event, never an
 * exception; the framer never passes on more bytes than it read.
 */
class SyslogFuzzTest {
    private static final List<String> SAMPLES = List.of(
            "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 [exampleSDID@32473 iut=\"3\" "
                    + "eventSource=\"Application\" eventID=\"1011\"][x@1 a=\"b\\\"c\\]\"] \uFEFFAn application event",
            "<34>Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8",
            "<13>2026-12-02T12:26:44.868+01:00 host app[1]: {\"level\":\"error\",\"msg\":\"json inside\"}",
            "<190>1 - - - - - - -",
            "<13>Dec  2 12:26:44 host tag: message");

    @Provide
    Arbitrary<byte[]> records() {
        return FuzzedRecords.records(SAMPLES);
    }

    @Provide
    Arbitrary<SyslogDecoder.MessageParsing> parsing() {
        return Arbitraries.of(SyslogDecoder.MessageParsing.class);
    }

    @Property
    void everyRecordBecomesAnEvent(@ForAll("records") byte[] record, @ForAll("parsing") SyslogDecoder.MessageParsing parsing,
                                   @ForAll boolean deadLetterInvalid) {
        DecodeOptions options = new DecodeOptions(DecodeOptions.DEFAULT.zone(), DecodeOptions.DEFAULT.onInvalid(), deadLetterInvalid);
        assertThat(FuzzedRecords.decode("syslog", () -> new SyslogDecoder(options, parsing, null), record)).isNotNull();
    }

    @Property
    void octetCountingFramerNeverThrowsNorInventsBytes(@ForAll("stream") byte[] stream, @ForAll @IntRange(min = 1, max = 64) int chunk,
                                                        @ForAll @IntRange(min = 0, max = 512) int heldLimit) {
        HeldBytesAccount held = new HeldBytesAccount(heldLimit);
        EmbeddedChannel ch = new EmbeddedChannel(new OctetCountingFramer(
                LineFraming.lines(256, LineDelimiters.NEWLINE_OR_NUL, () -> { }).chargedTo(held), () -> new RawBatch(64, 64 * 1024), () -> { }, "fuzz"));
        for (int p = 0; p < stream.length && ch.isActive(); p += chunk) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, p, Math.min(chunk, stream.length - p)));
            ch.checkException();
            assertThat(held.used()).isLessThanOrEqualTo(heldLimit);
        }
        ch.finish();
        assertThat(held.used()).isZero();
        long out = 0;
        for (Object m; (m = ch.readInbound()) != null; ) out += ((RawBatch) m).byteSize();
        assertThat(out).isLessThanOrEqualTo(stream.length);
    }

    /** Octet-counted frames, whole, damaged and arbitrary, one after another. */
    @Provide
    Arbitrary<byte[]> stream() {
        Arbitrary<String> frame = Arbitraries.of(SAMPLES).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " " + s);
        Arbitrary<byte[]> good = frame.list().ofMaxSize(8).map(l -> String.join("", l).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(good, FuzzedRecords.records(List.of("12 <13>1 - - - - 300 <13>1 x", "5 <1>x\n7 <1>yz\n")));
    }
}
