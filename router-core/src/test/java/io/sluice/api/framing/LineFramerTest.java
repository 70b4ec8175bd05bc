package io.sluice.api.framing;

import io.sluice.core.buffer.HeldBytesAccount;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineFramerTest {
    private record Line(String text, boolean truncated, long start, long end) {}

    private final List<Line> lines = new ArrayList<>();
    private final LineFramer.LineSink sink = (b, off, len, truncated, start, end) ->
            lines.add(new Line(new String(b, off, len, StandardCharsets.UTF_8), truncated, start, end));

    private void feed(LineFramer f, String... chunks) {
        for (String s : chunks) {
            // framed at an offset inside a larger array, as a Netty heap buffer or a read buffer would be
            byte[] raw = s.getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[raw.length + 6];
            System.arraycopy(raw, 0, b, 3, raw.length);
            f.feed(b, 3, raw.length, sink);
        }
    }

    private List<String> texts() {
        return lines.stream().map(Line::text).toList();
    }

    @Test
    void aPartialLineTheAccountHasNoRoomForIsCutThereAndItsChargeGivenBack() {
        HeldBytesAccount account = new HeldBytesAccount(1024);
        LineFramer f = LineFramer.forConnection(100_000, LineDelimiters.NEWLINE, account);
        String start = "x".repeat(600);
        feed(f, start, start, start); // 1800 bytes of one line: past what the account allows
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).truncated()).isTrue();
        assertThat(lines.get(0).text()).matches("x{256,1280}");
        assertThat(account.refused()).isPositive();
        assertThat(account.used()).isLessThanOrEqualTo(1024);

        feed(f, "rest of the cut line\nwhole\n");
        assertThat(texts()).endsWith("whole");
        assertThat(lines).hasSize(2);
        f.close();
        assertThat(account.used()).isZero();
    }

    @Test
    void linesSplitAcrossChunksKeepTheirOffsets() {
        LineFramer f = LineFramer.forFile(100);
        feed(f, "one\ntw", "o\r\nthr", "ee\n");
        assertThat(lines).containsExactly(
                new Line("one", false, 0, 4),
                new Line("two", false, 4, 9),
                new Line("three", false, 9, 15));
        assertThat(f.offset()).isEqualTo(15);
        assertThat(f.hasPartial()).isFalse();
    }

    @Test
    void aLineFedOneByteAtATimeIsWhole() {
        LineFramer f = LineFramer.forConnection(100, LineDelimiters.NEWLINE);
        for (char c : "fragmented line\r\nnext\n".toCharArray()) feed(f, String.valueOf(c));
        assertThat(texts()).containsExactly("fragmented line", "next");
        assertThat(lines).noneMatch(Line::truncated);
    }

    @Test
    void crlfAndLfAreStrippedButACrInsideALineIsKept() {
        LineFramer f = LineFramer.forConnection(100, LineDelimiters.NEWLINE);
        feed(f, "a\r\nb\nmid\rdle\r\n\r\r\n");
        assertThat(texts()).containsExactly("a", "b", "mid\rdle", "\r");
    }

    @Test
    void emptyLinesAreHandedOutWithLengthZeroSoPositionsStayExact() {
        LineFramer f = LineFramer.forFile(100);
        feed(f, "\n\r\nx\n");
        assertThat(lines).containsExactly(
                new Line("", false, 0, 1),
                new Line("", false, 1, 3),
                new Line("x", false, 3, 5));
    }

    @Test
    void fileModeHandsACutLineOutAtItsEndSoItsEndIsWhereReadingResumes() {
        LineFramer f = LineFramer.forFile(5);
        feed(f, "abcdefgh\nxy", "zuvwxyz0123");
        assertThat(lines).containsExactly(new Line("abcde", true, 0, 9));
        assertThat(f.hasPartial()).isTrue();
        feed(f, "4\nok\n");
        assertThat(lines).containsExactly(
                new Line("abcde", true, 0, 9),
                new Line("xyzuv", true, 9, 24),
                new Line("ok", false, 24, 27));
    }

    @Test
    void connectionModeHandsACutLineOutAsSoonAsItPassesTheLimitAndDiscardsTheRest() {
        LineFramer f = LineFramer.forConnection(10, LineDelimiters.NEWLINE);
        feed(f, "0123456", "789ABC");
        assertThat(lines).containsExactly(new Line("0123456789", true, 0, 13));
        for (int i = 0; i < 1000; i++) feed(f, "discarded bytes without a newline ");
        feed(f, "still discarded\nkept\n");
        assertThat(texts()).containsExactly("0123456789", "kept");
        assertThat(lines.get(1).truncated()).isFalse();
    }

    @Test
    void theLimitCountsTheLineWithoutItsCrlfEvenWhenTheCrEndsAChunk() {
        for (LineFramer f : List.of(LineFramer.forFile(10), LineFramer.forConnection(10, LineDelimiters.NEWLINE))) {
            lines.clear();
            feed(f, "0123456789\r", "\n0123456789\r\n", "0123456789\rX\n", "0123456789\r", "X\n");
            assertThat(texts()).containsExactly("0123456789", "0123456789", "0123456789", "0123456789");
            assertThat(lines).extracting(Line::truncated).containsExactly(false, false, true, true);
        }
    }

    @Test
    void aLineWholeInOneChunkLongerThanTheLimitIsCut() {
        LineFramer f = LineFramer.forConnection(4, LineDelimiters.NEWLINE);
        feed(f, "abcdefgh\r\nabcd\n");
        assertThat(lines).containsExactly(new Line("abcd", true, 0, 10), new Line("abcd", false, 10, 15));
    }

    @Test
    void nulEndsALineOnlyWhenAsked() {
        LineFramer nul = LineFramer.forConnection(100, LineDelimiters.NEWLINE_OR_NUL);
        feed(nul, "<13>one\u0000<13>two\n<13>th", "ree\u0000");
        assertThat(texts()).containsExactly("<13>one", "<13>two", "<13>three");
        lines.clear();
        feed(LineFramer.forFile(100), "a\u0000b\n");
        assertThat(texts()).containsExactly("a\u0000b");
    }

    @Test
    void flushHandsOutAnUnterminatedLastLineWithoutItsCr() {
        LineFramer f = LineFramer.forFile(100);
        feed(f, "a\nlast\r");
        assertThat(f.hasPartial()).isTrue();
        f.flush(sink);
        assertThat(lines).containsExactly(new Line("a", false, 0, 2), new Line("last", false, 2, 7));
        assertThat(f.hasPartial()).isFalse();
    }

    @Test
    void flushHandsOutAHeldCutLineInFileModeOnly() {
        LineFramer file = LineFramer.forFile(3);
        feed(file, "abcdef");
        file.flush(sink);
        assertThat(lines).containsExactly(new Line("abc", true, 0, 6));
        lines.clear();
        LineFramer conn = LineFramer.forConnection(3, LineDelimiters.NEWLINE);
        feed(conn, "abcdef");
        conn.flush(sink);
        assertThat(lines).containsExactly(new Line("abc", true, 0, 6)); // handed out at the cut, not again
    }

    @Test
    void invalidUtf8AndSplitCharactersPassThroughUntouched() {
        LineFramer f = LineFramer.forConnection(100, LineDelimiters.NEWLINE);
        byte[] euro = "€ price\n".getBytes(StandardCharsets.UTF_8);
        List<byte[]> got = new ArrayList<>();
        LineFramer.LineSink raw = (b, off, len, t, s, e) -> got.add(Arrays.copyOfRange(b, off, off + len));
        f.feed(euro, 0, 1, raw);
        f.feed(euro, 1, euro.length - 1, raw);
        byte[] bad = {'o', 'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n'};
        f.feed(bad, 0, bad.length, raw);
        assertThat(got).hasSize(2);
        assertThat(new String(got.get(0), StandardCharsets.UTF_8)).isEqualTo("€ price");
        assertThat(got.get(1)).containsExactly('o', 'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF);
    }

    @Test
    void resetDropsThePartialLineAndMovesTheOffset() {
        LineFramer f = LineFramer.forFile(100);
        feed(f, "partial");
        f.reset(0);
        feed(f, "new\n");
        assertThat(lines).containsExactly(new Line("new", false, 0, 4));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> LineFramer.forFile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
