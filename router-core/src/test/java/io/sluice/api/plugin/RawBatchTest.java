package io.sluice.api.plugin;

import io.sluice.api.framing.WholeLines;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aPresizedBatchFilledAsExpectedIsAllocatedOnceAndNotTrimmed() {
        RawBatch b = new RawBatch(512, 256 * 1024);
        b.presize(512 * 100, 512);
        byte[] array = b.data();
        for (int i = 0; !b.isFull(); i++) add(b, "%099d".formatted(i), 0);
        b.trimToSize();
        assertThat(b.size()).isEqualTo(512);
        assertThat(b.data()).isSameAs(array);
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
    void anEmptyBatchHoldsNothingAndTrimsToNothing() {
        RawBatch b = new RawBatch(512, 256 * 1024);
        b.trimToSize();
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
        WholeLines rule = new WholeLines(8, false, empty::incrementAndGet, truncated::incrementAndGet);
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
