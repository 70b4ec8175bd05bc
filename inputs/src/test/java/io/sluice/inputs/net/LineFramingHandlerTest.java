package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.framing.LineFramer;
import io.sluice.api.plugin.RawBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LineFramingHandlerTest {
    /** One framed record as the test sees it. */
    record Frame(byte[] bytes, boolean truncated) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final AtomicInteger truncatedCount = new AtomicInteger();
    private final AtomicInteger batchesMade = new AtomicInteger();

    private EmbeddedChannel channel(int maxLength, boolean nul) {
        return channel(maxLength, nul ? LineDelimiters.NEWLINE_OR_NUL : LineDelimiters.NEWLINE);
    }

    private EmbeddedChannel channel(int maxLength, LineDelimiters delimiters) {
        return new EmbeddedChannel(new LineFramingHandler(LineFraming.lines(maxLength, delimiters, truncatedCount::incrementAndGet), () -> {
            batchesMade.incrementAndGet();
            return new RawBatch(512, 256 * 1024);
        }));
    }

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static List<Frame> frames(EmbeddedChannel ch) {
        List<Frame> out = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            RawBatch b = (RawBatch) m;
            for (int i = 0; i < b.size(); i++) {
                byte[] bytes = Arrays.copyOfRange(b.data(), b.start(i), b.start(i) + b.length(i));
                out.add(new Frame(bytes, (b.flags(i) & RawBatch.TRUNCATED) != 0));
            }
        }
        return out;
    }

    private static List<String> texts(List<Frame> frames) {
        return frames.stream().map(Frame::text).toList();
    }

    @Test
    void manyLinesInOneReadBecomeOneBatch() {
        EmbeddedChannel ch = channel(1024, false);
        ch.writeInbound(buf("one\ntwo\nthree\n"));
        Object batch = ch.readInbound();
        assertThat(batch).isInstanceOf(RawBatch.class);
        assertThat(((RawBatch) batch).size()).isEqualTo(3);
        assertThat((Object) ch.readInbound()).isNull();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void fragmentedLinesAreJoined() {
        EmbeddedChannel ch = channel(1024, false);
        ch.writeInbound(buf("hel"));
        ch.writeInbound(buf("lo wor"));
        ch.writeInbound(buf("ld\nsecond"));
        ch.writeInbound(buf(" line\nthi"));
        ch.writeInbound(buf("rd\n"));
        assertThat(texts(frames(ch))).containsExactly("hello world", "second line", "third");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void crlfAndBareCrAtTheEndAreStrippedEmptyLinesSkipped() {
        EmbeddedChannel ch = channel(1024, false);
        ch.writeInbound(buf("a\r\nb\r"));
        ch.writeInbound(buf("\n\n\r\nmid\rdle\n"));
        assertThat(texts(frames(ch))).containsExactly("a", "b", "mid\rdle");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void oversizedLineIsCutFlaggedAndTheRestDiscardedUntilTheNextNewline() {
        EmbeddedChannel ch = channel(10, false);
        ch.writeInbound(buf("0123456789ABCDEF\nshort\n"));
        List<Frame> f = frames(ch);
        assertThat(texts(f)).containsExactly("0123456789", "short");
        assertThat(f.get(0).truncated()).isTrue();
        assertThat(f.get(1).truncated()).isFalse();
        assertThat(truncatedCount).hasValue(1);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void oversizedLineArrivingInPiecesIsCutAsSoonAsItPassesTheLimit() {
        EmbeddedChannel ch = channel(10, false);
        ch.writeInbound(buf("0123456"));
        ch.writeInbound(buf("789ABC"));
        // the cut record is passed on before the line ends: nothing of it is held back
        List<Frame> first = frames(ch);
        assertThat(texts(first)).containsExactly("0123456789");
        assertThat(first.get(0).truncated()).isTrue();
        for (int i = 0; i < 1000; i++) ch.writeInbound(buf("discarded bytes without a newline "));
        assertThat(frames(ch)).isEmpty();
        ch.writeInbound(buf("still discarded\nkept\n"));
        assertThat(texts(frames(ch))).containsExactly("kept");
        assertThat(truncatedCount).hasValue(1);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void lineOfExactlyTheLimitIsWholeEvenWithCrlfSplitAcrossReads() {
        EmbeddedChannel ch = channel(10, false);
        ch.writeInbound(buf("0123456789\r"));
        ch.writeInbound(buf("\n0123456789\n"));
        List<Frame> f = frames(ch);
        assertThat(texts(f)).containsExactly("0123456789", "0123456789");
        assertThat(f).noneMatch(Frame::truncated);
        ch.writeInbound(buf("0123456789\rX\n"));
        f = frames(ch);
        assertThat(texts(f)).containsExactly("0123456789");
        assertThat(f.get(0).truncated()).isTrue();
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void directBuffersAsSocketReadsFillThemAreFramedLikeHeapBuffers() {
        EmbeddedChannel ch = channel(10, false);
        for (String part : new String[] {"first li", "ne\r\nsecond\n0123456789ABC", "DEF\nlast\n"}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            ByteBuf direct = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
            ch.writeInbound(direct);
            assertThat(direct.refCnt()).isZero();
        }
        List<Frame> f = frames(ch);
        assertThat(texts(f)).containsExactly("first line", "second", "0123456789", "last");
        assertThat(f).extracting(Frame::truncated).containsExactly(false, false, true, false);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void invalidUtf8PassesThroughUntouched() {
        EmbeddedChannel ch = channel(1024, false);
        byte[] bad = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', (byte) 0xFF, (byte) 0xE2, (byte) 0x82, '\n'};
        ch.writeInbound(Unpooled.wrappedBuffer(bad));
        List<Frame> f = frames(ch);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).bytes()).containsExactly(Arrays.copyOf(bad, bad.length - 1));
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsReassembled() {
        EmbeddedChannel ch = channel(1024, false);
        byte[] euro = "€ price\n".getBytes(StandardCharsets.UTF_8);
        ch.writeInbound(Unpooled.wrappedBuffer(euro, 0, 1));
        ch.writeInbound(Unpooled.wrappedBuffer(euro, 1, euro.length - 1));
        assertThat(texts(frames(ch))).containsExactly("€ price");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void unterminatedLastLineIsPassedOnWhenTheConnectionEnds() {
        EmbeddedChannel ch = channel(1024, false);
        ch.writeInbound(buf("done\nno newline"));
        assertThat(texts(frames(ch))).containsExactly("done");
        ch.close();
        assertThat(texts(frames(ch))).containsExactly("no newline");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void nulEndsARecordWhenAsked() {
        EmbeddedChannel ch = channel(1024, true);
        ch.writeInbound(buf("<13>one\u0000<13>two\n<13>three\u0000"));
        assertThat(texts(frames(ch))).containsExactly("<13>one", "<13>two", "<13>three");
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void fullBatchIsPassedOnBeforeTheReadEndsSplitAtALineEnd() {
        // the whole lines of a read go into a batch uncut (the worker cuts them, and splits them into event
        // batches of at most batch_max_records): the handler keeps each batch within its byte limit
        EmbeddedChannel ch = new EmbeddedChannel(new LineFramingHandler(LineFraming.lines(1024, LineDelimiters.NEWLINE, () -> { }),
                () -> new RawBatch(512, 1024)));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1200; i++) sb.append("line ").append(i).append('\n');
        ch.writeInbound(buf(sb.toString()));
        List<Integer> bytes = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Object m; (m = ch.readInbound()) != null; ) {
            RawBatch b = (RawBatch) m;
            bytes.add(b.byteSize());
            for (int i = 0; i < b.size(); i++) all.add(new String(b.data(), b.start(i), b.length(i), StandardCharsets.UTF_8));
        }
        assertThat(bytes).hasSize(11).allSatisfy(n -> assertThat(n).isBetween(1, 1024));
        assertThat(bytes.subList(0, 10)).allSatisfy(n -> assertThat(n).isGreaterThan(1014));
        assertThat(all).hasSize(1200).startsWith("line 0", "line 1").endsWith("line 1199");
        for (int i = 0; i < all.size(); i++) assertThat(all.get(i)).isEqualTo("line " + i);
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void inputBuffersAreReleased() {
        EmbeddedChannel ch = channel(8, false);
        ByteBuf a = buf("short\n");
        ByteBuf b = buf("far too long for the limit\n");
        ByteBuf c = buf("partial");
        ByteBuf d = buf(" end\n");
        ch.writeInbound(a, b, c, d);
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
        assertThat(c.refCnt()).isZero();
        assertThat(d.refCnt()).isZero();
        frames(ch);
        assertFalse(ch.finishAndReleaseAll());
    }

    /**
     * The whole lines of a read are cut by the worker and the rest by the event loop's framer: whatever the
     * read sizes, the records, their truncation flags and the counts of empty and cut lines must be those of
     * the one framing rule applied line by line ({@link LineFramer} on the whole stream).
     */
    @Test
    void linesCutByTheWorkerAreThoseTheFramerCutsLineByLine() {
        Random r = new Random(7);
        String[] pieces = {"a", "bc", "\r", "\n", "\r\n", "\u0000", "xxxxxxxxxxxxxxxxxxxx", "é", "\n\n"};
        for (int round = 0; round < 300; round++) {
            LineDelimiters delimiters = LineDelimiters.values()[round % LineDelimiters.values().length];
            int max = 1 + r.nextInt(40);
            StringBuilder sb = new StringBuilder();
            for (int k = r.nextInt(200); k > 0; k--) sb.append(pieces[r.nextInt(pieces.length)]);
            byte[] stream = sb.toString().getBytes(StandardCharsets.UTF_8);

            List<Frame> expected = new ArrayList<>();
            int[] expectedEmpty = {0};
            LineFramer framer = LineFramer.forConnection(max, delimiters);
            LineFramer.LineSink sink = (b, off, len, truncated, start, end) -> {
                if (len == 0) expectedEmpty[0]++;
                else expected.add(new Frame(Arrays.copyOfRange(b, off, off + len), truncated));
            };
            framer.feed(stream, 0, stream.length, sink);
            framer.flush(sink);

            AtomicInteger empty = new AtomicInteger();
            truncatedCount.set(0);
            EmbeddedChannel ch = new EmbeddedChannel(new LineFramingHandler(
                    LineFraming.lines(max, delimiters, truncatedCount::incrementAndGet), () -> new RawBatch(512, 1024))
                    .countingEmpty(empty::incrementAndGet));
            for (int p = 0; p < stream.length; ) {
                int n = Math.min(stream.length - p, 1 + r.nextInt(64));
                ByteBuf read = Unpooled.directBuffer(n).writeBytes(stream, p, n);
                ch.writeInbound(read);
                p += n;
            }
            ch.close();
            List<Frame> actual = frames(ch);
            String what = "round " + round + ", max " + max + ", " + delimiters + ": " + sb.toString().replace("\n", "\\n").replace("\r", "\\r");
            assertThat(actual.stream().map(f -> f.text() + (f.truncated() ? " [cut]" : "")).toList()).as(what)
                    .isEqualTo(expected.stream().map(f -> f.text() + (f.truncated() ? " [cut]" : "")).toList());
            assertThat(empty.get()).as(what).isEqualTo(expectedEmpty[0]);
            assertThat(truncatedCount.get()).as(what).isEqualTo((int) expected.stream().filter(Frame::truncated).count());
        }
    }
}
