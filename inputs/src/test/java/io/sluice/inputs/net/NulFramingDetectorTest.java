package io.sluice.inputs.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.plugin.RawBatch;
import io.sluice.core.buffer.HeldBytesAccount;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A line-framed connection's delimiter, chosen from its first read. */
class NulFramingDetectorTest {
    private final HeldBytesAccount held = new HeldBytesAccount(1 << 20);

    private List<String> frame(String... reads) {
        return frame(held, reads);
    }

    private static List<String> frame(HeldBytesAccount account, String... reads) {
        EmbeddedChannel ch = new EmbeddedChannel(new NulFramingDetector(delimiters -> new LineFramingHandler(
                LineFraming.lines(1000, delimiters, () -> { }), () -> new RawBatch(512, 64 * 1024)), account));
        for (String r : reads) ch.writeInbound(Unpooled.wrappedBuffer(r.getBytes(StandardCharsets.UTF_8)));
        ch.close();
        List<String> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            RawBatch b = (RawBatch) m;
            for (int i = 0; i < b.size(); i++) out.add(new String(b.data(), b.start(i), b.length(i), StandardCharsets.UTF_8));
        }
        ch.finishAndReleaseAll();
        return out;
    }

    @Test
    void aFirstRecordEndedByNulMakesNulTheOnlyDelimiter() {
        assertThat(frame("{\"short_message\":\"a\"}\u0000{\"short_message\":\"b\"}\u0000"))
                .containsExactly("{\"short_message\":\"a\"}", "{\"short_message\":\"b\"}");
        // decided once: a later record's newline is part of it
        assertThat(frame("one\u0000", "two\nlines\u0000", "th", "ree\u0000"))
                .containsExactly("one", "two\nlines", "three");
    }

    @Test
    void aFirstRecordSplitAcrossReadsIsDecidedAtItsEnd() {
        assertThat(frame("{\"short_message\":", "\"a\"}", "\u0000{\"short_message\":\"b\"}\u0000"))
                .containsExactly("{\"short_message\":\"a\"}", "{\"short_message\":\"b\"}");
        assertThat(frame("one li", "ne\ntwo\u0000three\n")).containsExactly("one line", "two\u0000three");
        assertThat(frame("never ", "ended")).containsExactly("never ended");
        // past FramingChoice.MAX_UNDECIDED without a delimiter: newline framing, the record cut at its limit
        List<String> cut = frame("x".repeat(FramingChoice.MAX_UNDECIDED), "x\u0000y\u0000");
        assertThat(cut.get(0)).hasSize(1000);
        assertThat(held.used()).as("what waited is given back").isZero();
    }

    @Test
    void withNoRoomToWaitTheDefaultIsChosenAtOnce() {
        HeldBytesAccount full = new HeldBytesAccount(FramingChoice.MAX_UNDECIDED - 1);
        assertThat(frame(full, "{\"a\":", "1}\u0000{\"b\":2}\u0000")).containsExactly("{\"a\":1}\u0000{\"b\":2}\u0000");
        assertThat(full.used()).isZero();
    }

    @Test
    void newlineFramingOtherwise() {
        assertThat(frame("one\ntwo\u0000still two\n")).containsExactly("one", "two\u0000still two");
        // NUL and newline after each record: either ends one
        assertThat(frame("one\u0000\ntwo\u0000\n", "three\nfour\u0000\n")).containsExactly("one", "two", "three", "four");
        // no NUL in the first read: newline framing for good
        assertThat(frame("one\n", "two\u0000three\n")).containsExactly("one", "two\u0000three");
    }
}
