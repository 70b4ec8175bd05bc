package io.sluice.inputs.fuzz;

import com.google.re2j.Pattern;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.framing.LineFramer;
import io.sluice.core.buffer.HeldBytesAccount;
import io.sluice.inputs.multiline.LineEnvelope;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line framer (for connections and for files, with and without NUL delimiting) and the
 * multiline joiner on arbitrary byte streams cut into arbitrary chunks: no exception, no line longer
 * than the limit, no more bytes out than in, and the held-bytes account never passed and back at 0
 * at the end.
 */
class FramingFuzzTest {
    private static final List<String> SAMPLES = List.of(
            "first line\r\nsecond\nthird\0fourth\n\n\r\n",
            "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\nCaused by: x\n\t... 3 more\nnext\n",
            "Traceback (most recent call last):\n  File \"x.py\", line 1, in <module>\nValueError: y\nafter\n");

    @Provide
    Arbitrary<byte[]> streams() {
        return FuzzedRecords.records(SAMPLES);
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.of("java", "python", "go", "dotnet", "pattern");
    }

    @Property
    void lineFramerCutsAnyStream(@ForAll("streams") byte[] stream, @ForAll @IntRange(min = 1, max = 200) int maxLength,
                                 @ForAll @IntRange(min = 1, max = 97) int chunk, @ForAll boolean connection,
                                 @ForAll LineDelimiters delimiters, @ForAll @IntRange(min = 0, max = 4096) int heldLimit) {
        HeldBytesAccount held = new HeldBytesAccount(heldLimit);
        LineFramer framer = connection ? LineFramer.forConnection(maxLength, delimiters, held) : LineFramer.forFile(maxLength);
        long[] out = new long[1];
        LineFramer.LineSink sink = (b, off, len, truncated, start, end) -> {
            assertThat(len).isBetween(0, maxLength);
            assertThat(start).isLessThanOrEqualTo(end);
            assertThat(end).isLessThanOrEqualTo(stream.length);
            out[0] += len;
            assertThat(held.used()).isLessThanOrEqualTo(heldLimit);
        };
        for (int p = 0; p < stream.length; p += chunk) framer.feed(stream, p, Math.min(chunk, stream.length - p), sink);
        framer.flush(sink);
        framer.close();
        assertThat(out[0]).isLessThanOrEqualTo(stream.length);
        assertThat(framer.offset()).isEqualTo(stream.length);
        assertThat(held.used()).isZero();
    }

    @Property
    void joinerJoinsAnyLines(@ForAll("streams") byte[] stream, @ForAll("modes") String mode,
                             @ForAll @IntRange(min = 2, max = 20) int maxLines, @ForAll @IntRange(min = 64, max = 4096) int maxBytes,
                             @ForAll @IntRange(min = 0, max = 8192) int heldLimit) {
        HeldBytesAccount held = new HeldBytesAccount(heldLimit);
        MultilineSettings settings = new MultilineSettings(mode, mode.equals("pattern") ? Pattern.compile("^[A-Za-z]") : null,
                maxLines, maxBytes, Duration.ofSeconds(1));
        long[] out = new long[2];
        MultilineJoiner joiner = settings.joiner((b, off, len, flags, recordOffset, position) -> {
            out[0] += len;
            out[1]++;
        }, LineEnvelope.PLAIN, held);
        LineFramer framer = LineFramer.forFile(1024);
        int[] lines = new int[1];
        LineFramer.LineSink sink = (b, off, len, truncated, start, end) -> {
            lines[0]++;
            joiner.record(b, off, len, 0, start, end);
            assertThat(held.used()).isLessThanOrEqualTo(heldLimit);
        };
        framer.feed(stream, 0, stream.length, sink);
        framer.flush(sink);
        joiner.flush(Long.MAX_VALUE);
        joiner.close();
        assertThat(out[1]).isLessThanOrEqualTo(lines[0]);
        assertThat(out[0]).as("the joined text: the lines and one separator between two").isLessThanOrEqualTo(stream.length + lines[0]);
        assertThat(held.used()).isZero();
    }
}
