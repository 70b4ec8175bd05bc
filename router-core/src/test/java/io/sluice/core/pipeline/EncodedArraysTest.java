package io.sluice.core.pipeline;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedArraysTest {
    private static final byte[] JSON = "{\"message\":\"m\"}".repeat(2000).getBytes(StandardCharsets.UTF_8);

    @Test
    void anArrayGivenBackHoldsTheNextBatchThatFitsWithItsBytes() {
        EncodedArrays arrays = new EncodedArrays(1 << 20);
        byte[] first = arrays.copyOf(JSON, JSON.length);
        arrays.give(first);
        byte[] second = arrays.copyOf(JSON, 100);
        assertThat(second).isSameAs(first);
        assertThat(new String(second, 0, 100, StandardCharsets.UTF_8)).isEqualTo(new String(JSON, 0, 100, StandardCharsets.UTF_8));
        assertThat(arrays.freeBytes()).isZero();
    }

    @Test
    void aBatchLargerThanEveryFreeArrayGetsANewOneAndTheSmallOnesWait() {
        EncodedArrays arrays = new EncodedArrays(1 << 20);
        byte[] small = arrays.copyOf(JSON, 100);
        arrays.give(small);
        byte[] large = arrays.copyOf(JSON, JSON.length);
        assertThat(large).isNotSameAs(small).hasSizeGreaterThanOrEqualTo(JSON.length);
        assertThat(arrays.freeBytes()).isEqualTo(small.length);
    }

    @Test
    void freeArraysBeyondTheLimitAreLeftToTheGarbageCollector() {
        EncodedArrays arrays = new EncodedArrays(64 * 1024);
        byte[] a = arrays.copyOf(JSON, JSON.length);
        byte[] b = arrays.copyOf(JSON, JSON.length);
        arrays.give(a);
        arrays.give(b);
        assertThat(arrays.freeBytes()).isEqualTo(a.length).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void aBatchWithNoJsonTakesNoArray() {
        EncodedArrays arrays = new EncodedArrays(1 << 20);
        byte[] spare = arrays.copyOf(JSON, 100);
        arrays.give(spare);
        byte[] empty = arrays.copyOf(JSON, 0);
        assertThat(empty).isEmpty();
        arrays.give(empty);
        assertThat(arrays.freeBytes()).isEqualTo(spare.length);
        assertThat(arrays.copyOf(JSON, 100)).isSameAs(spare);
    }
}
