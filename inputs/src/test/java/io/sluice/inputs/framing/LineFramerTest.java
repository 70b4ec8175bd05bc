package io.sluice.inputs.framing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineFramerTest {
    private record Line(String text, boolean truncated, long start, long end) {}

    private final List<Line> lines = new ArrayList<>();
    private final LineFramer.LineSink sink = (b, off, len, truncated, start, end) ->
            lines.add(new Line(new String(b, off, len, StandardCharsets.UTF_8), truncated, start, end));

    private void feed(LineFramer f, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        f.feed(b, 0, b.length, sink);
    }

    @Test
    void linesSplitAcrossChunksKeepTheirOffsets() {
        LineFramer f = new LineFramer(100);
        feed(f, "one\ntw");
        feed(f, "o\r\nthr");
        feed(f, "ee\n");
        assertThat(lines).containsExactly(
                new Line("one", false, 0, 4),
                new Line("two", false, 4, 9),
                new Line("three", false, 9, 15));
        assertThat(f.offset()).isEqualTo(15);
        assertThat(f.hasPartial()).isFalse();
    }

    @Test
    void longLinesAreCutAndTheRestDiscarded() {
        LineFramer f = new LineFramer(5);
        feed(f, "abcdefgh\nxy");
        feed(f, "zuvwxyz0123");
        feed(f, "4\nok\n");
        assertThat(lines).containsExactly(
                new Line("abcde", true, 0, 9),
                new Line("xyzuv", true, 9, 24),
                new Line("ok", false, 24, 27));
    }

    @Test
    void flushHandsOutAnUnterminatedLastLine() {
        LineFramer f = new LineFramer(100);
        feed(f, "a\nlast");
        assertThat(f.hasPartial()).isTrue();
        f.flush(sink);
        assertThat(lines).containsExactly(new Line("a", false, 0, 2), new Line("last", false, 2, 6));
    }

    @Test
    void resetDropsThePartialLineAndMovesTheOffset() {
        LineFramer f = new LineFramer(100);
        feed(f, "partial");
        f.reset(0);
        feed(f, "new\n");
        assertThat(lines).containsExactly(new Line("new", false, 0, 4));
    }
}
