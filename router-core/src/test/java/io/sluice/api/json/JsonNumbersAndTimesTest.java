package io.sluice.api.json;

import io.sluice.api.schema.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written number and time writers of the encoder give what the JDK's formatting gives. */
class JsonNumbersAndTimesTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 42, 99, 100, 101, 999, 1000, 65535, 1_000_000_007L, 999_999_999_999_999_999L,
        1_000_000_000_000_000_000L, Long.MAX_VALUE, -1, -9, -10, -99, -100, -123456789, Long.MIN_VALUE + 1, Long.MIN_VALUE})
    void numbersAreWrittenAsLongToStringWritesThem(long v) {
        JsonBytes out = new JsonBytes(4);
        out.raw((byte) '[').number(v).raw((byte) ']');
        assertThat(out.toString()).isEqualTo("[" + v + "]");
    }

    @Test
    void randomNumbersAreWrittenAsLongToStringWritesThem() {
        Random r = new Random(7);
        JsonBytes out = new JsonBytes(16);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            out.reset();
            out.number(v);
            assertThat(out.toString()).isEqualTo(Long.toString(v));
        }
    }

    /** The digit count comes from the bit length: every power of ten and its neighbours, and every power of two. */
    @Test
    void numbersAtEveryDigitCountBoundaryAreWrittenAsLongToStringWritesThem() {
        JsonBytes out = new JsonBytes(4);
        long p = 1;
        for (int k = 0; k <= 18; k++, p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -(p - 1), 1L << (3 * k + 7), (1L << (3 * k + 7)) - 1}) {
                out.reset();
                out.number(v);
                assertThat(out.toString()).isEqualTo(Long.toString(v));
            }
        }
    }

    /** Zero-padded digits at every width, odd and even, as String.format pads them. */
    @Test
    void paddedDigitsAreWrittenAsFormatPadsThem() {
        Random r = new Random(13);
        JsonBytes out = new JsonBytes(4);
        for (int width = 1; width <= 18; width++) {
            long limit = (long) Math.pow(10, width);
            for (int i = 0; i < 2_000; i++) {
                long v = i < 3 ? new long[] {0, 1, limit - 1}[i] : Math.floorMod(r.nextLong(), limit) >> r.nextInt(60);
                out.reset();
                out.padded(v, width);
                assertThat(out.toString()).as("width %d", width).isEqualTo(String.format("%0" + width + "d", v));
            }
        }
    }

    /**
     * Times of different days one after another, before 1970 and in leap years: the day's text is
     * remembered between calls, and must never leak into a time of another day.
     */
    @Test
    void timesOfChangingDaysAreWrittenAsJavaTimeFormatsThem() {
        Random r = new Random(11);
        long[] around = {0, 951_782_400_000_000_000L, 1_709_164_800_000_000_000L, -86_400_000_000_001L,
            4_102_444_799_999_999_999L, 1_764_000_000_123_000_000L};
        for (int i = 0; i < 20_000; i++) {
            long nanos = around[r.nextInt(around.length)] + (r.nextLong() % (3 * 86_400_000_000_000L));
            if (r.nextBoolean()) nanos -= nanos % 1_000_000; // millisecond times, the common case
            JsonBytes out = new JsonBytes(8);
            Timestamps.writeRfc3339(nanos, out);
            assertThat(out.toString()).as("%d", nanos).isEqualTo("\"" + javaTime(nanos) + "\"");
        }
    }

    /** RFC 3339 UTC with the shortest of 0, 3, 6 or 9 fraction digits that keeps the value. */
    private static String javaTime(long nanos) {
        Instant t = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        String fraction = t.getNano() == 0 ? "" : t.getNano() % 1_000_000 == 0 ? ".SSS" : t.getNano() % 1_000 == 0 ? ".SSSSSS" : ".SSSSSSSSS";
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss" + fraction + "'Z'").withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
