package io.sluice.api.plugin;

import io.sluice.api.framing.WholeLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RawBatchTest {
    private static String record(RawBatch b, int i) {
        return new String(Arrays.copyOfRange(b.data(), b.start(i), b.start(i) + b.length(i)), StandardCharsets.UTF_8);
    }

    private static void add(RawBatch b, String s, int flags) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.add(bytes, 0, bytes.length, flags, -1);
    }

    @Test
    void recordsReadBackWhetherTheBatchWasPresizedOrGrown() {
        RawBatch presized = new RawBatch(512, 256 * 1024);
        presized.presize(40_000, 400);
        RawBatch grown = new RawBatch(512, 256 * 1024);
        for (RawBatch b : new RawBatch[] {presized, grown}) {
            for (int i = 0; i < 300; i++) add(b, "line " + i + " " + "x".repeat(i % 200), i % 3 == 0 ? RawBatch.TRUNCATED : 0);
            assertThat(b.size()).isEqualTo(300);
            assertThat(record(b, 0)).isEqualTo("line 0 ");
            assertThat(record(b, 299)).isEqualTo("line 299 " + "x".repeat(99));
            assertThat(b.flags(3)).isEqualTo(RawBatch.TRUNCATED);
            assertThat(b.flags(4)).isZero();
            assertThat(b.position(7)).isEqualTo(-1);
        }
        assertThat(presized.byteSize()).isEqualTo(grown.byteSize());
    }

    @Test
    void aBatchFilledInAScratchArrayLeavesItWithItsBytesInAnArrayOfTheirSize() {
        byte[] scratch = new byte[64 * 1024];
        RawBatch first = new RawBatch(512, 32 * 1024);
        first.fillIn(scratch);
        for (int i = 0; !first.isFull(); i++) add(first, "%099d".formatted(i), 0);
        assertThat(first.detachScratch()).isSameAs(scratch);
        assertThat(first.data()).isNotSameAs(scratch).hasSize(first.byteSize());

        RawBatch second = new RawBatch(512, 32 * 1024);
        second.fillIn(scratch);
        add(second, "the next batch overwrites the scratch array", 0);
        assertThat(second.detachScratch()).isSameAs(scratch);
        assertThat(record(first, 0)).isEqualTo("%099d".formatted(0));
        assertThat(record(first, first.size() - 1)).isEqualTo("%099d".formatted(first.size() - 1));
        assertThat(record(second, 0)).isEqualTo("the next batch overwrites the scratch array");
    }

    @Test
    void aScratchArrayGrownPastTwiceTheLimitByALongLineIsNotKept() {
        RawBatch b = new RawBatch(512, 1000);
        b.fillIn(new byte[1000]);
        add(b, "x".repeat(5000), 0);
        assertThat(b.detachScratch()).isNull();
        assertThat(record(b, 0)).hasSize(5000);
    }

    @Test
    void aScratchArrayIsGivenOnlyToAnEmptyBatch() {
        RawBatch b = new RawBatch(512, 1000);
        add(b, "r", 0);
        assertThatThrownBy(() -> b.fillIn(new byte[1000])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void presizeStaysWithinTheBatchLimits() {
        RawBatch b = new RawBatch(4, 1000);
        b.presize(1 << 30, 1 << 20);
        assertThat(b.data().length).isLessThanOrEqualTo(1000 + 1000 / 8);
        for (int i = 0; i < 4; i++) add(b, "r" + i, 0);
        assertThat(b.isFull()).isTrue();
        assertThat(record(b, 3)).isEqualTo("r3");
    }

    @Test
    void flagsAndPositionsAddedAfterRecordsWithoutThemLeaveTheEarlierOnesUnset() {
        RawBatch b = new RawBatch(512, 256 * 1024);
        for (int i = 0; i < 100; i++) add(b, "socket line " + i, 0);
        byte[] file = "file line".getBytes(StandardCharsets.UTF_8);
        b.add(file, 0, file.length, RawBatch.TRUNCATED, 5_000, 4_990);
        b.add(file, 0, file.length, 0, 6_000);
        add(b, "no position again", 0);
        assertThat(b.flags(0)).isZero();
        assertThat(b.position(0)).isEqualTo(-1);
        assertThat(b.recordOffset(99)).isEqualTo(-1);
        assertThat(b.flags(100)).isEqualTo(RawBatch.TRUNCATED);
        assertThat(b.position(100)).isEqualTo(5_000);
        assertThat(b.recordOffset(100)).isEqualTo(4_990);
        assertThat(b.position(101)).isEqualTo(6_000);
        assertThat(b.recordOffset(101)).isEqualTo(6_000 - file.length);
        assertThat(b.flags(101)).isZero();
        assertThat(b.position(102)).isEqualTo(-1);
        assertThat(b.lastPosition()).isEqualTo(-1);
        assertThat(record(b, 102)).isEqualTo("no position again");
    }

    @Test
    void anEmptyBatchHoldsNothingAndDetachesToNothing() {
        RawBatch b = new RawBatch(512, 256 * 1024);
        b.detachScratch();
        assertThat(b.data()).isEmpty();
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.byteSize()).isZero();
        assertThat(b.lastPosition()).isEqualTo(-1);
        add(b, "", 0);
        add(b, "after an empty record", 0);
        assertThat(record(b, 0)).isEmpty();
        assertThat(record(b, 1)).isEqualTo("after an empty record");
    }

    private static void addLines(RawBatch b, String s, WholeLines rule) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int slot = b.reserveLines(bytes.length, rule);
        System.arraycopy(bytes, 0, b.data(), slot, bytes.length);
    }

    @Test
    void blocksOfWholeLinesAreCutInPlaceInOrderWithTheLineRule() {
        AtomicInteger empty = new AtomicInteger();
        AtomicInteger truncated = new AtomicInteger();
        WholeLines rule = new WholeLines(8, io.sluice.api.framing.LineDelimiters.NEWLINE, empty::incrementAndGet, truncated::incrementAndGet);
        RawBatch b = new RawBatch(512, 256 * 1024);
        add(b, "carried", RawBatch.TRUNCATED); // a line the reader framed itself (it spanned reads)
        addLines(b, "one\r\n\ntwo\n\r\nexactly8\nninebytes\n", rule);
        add(b, "tail", 0);
        addLines(b, "x\r\r\n", rule);
        assertThat(b.hasUncutLines()).isTrue();
        assertThat(b.recordSlots()).isEqualTo(4); // the reading side sees slots, and cuts nothing

        List<String> records = new ArrayList<>();
        List<Integer> flags = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            records.add(record(b, i));
            flags.add(b.flags(i));
        }
        assertThat(b.hasUncutLines()).isFalse();
        assertThat(records).containsExactly("carried", "one", "two", "exactly8", "ninebyte", "tail", "x\r");
        assertThat(flags).containsExactly(RawBatch.TRUNCATED, 0, 0, 0, RawBatch.TRUNCATED, 0, 0);
        assertThat(empty).hasValue(2);
        assertThat(truncated).hasValue(1);
        assertThat(b.position(6)).isEqualTo(-1);
        assertThat(b.byteSize()).isEqualTo(7 + 31 + 4 + 4);
    }
}
