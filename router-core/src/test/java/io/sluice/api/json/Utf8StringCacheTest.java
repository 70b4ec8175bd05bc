package io.sluice.api.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder's cache of repeated header values gives the right text, and the same instance for a value that keeps coming back. */
class Utf8StringCacheTest {

    private static String get(Utf8StringCache cache, String text) {
        byte[] record = ("<13>1 " + text + " rest").getBytes(StandardCharsets.UTF_8);
        int start = 6;
        return cache.get(record, start, start + text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void sixteenHostsAndTheirAppsTakingTurnsKeepOneStringEach() {
        Utf8StringCache cache = new Utf8StringCache();
        Map<String, String> first = new HashMap<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 16; i++) {
                for (String value : new String[] {"web-" + i, "app-" + i, "ORD", "ü-" + i}) {
                    String s = get(cache, value);
                    assertThat(s).isEqualTo(value);
                    if (round > 0) assertThat(s).as("%s in round %d", value, round).isSameAs(first.get(value));
                    first.putIfAbsent(value, s);
                }
            }
        }
    }

    @Test
    void manyValuesEvictingEachOtherStillGiveTheirText() {
        Utf8StringCache cache = new Utf8StringCache();
        for (int i = 0; i < 5000; i++) {
            String value = "host-" + (i * 7919 % 1000);
            assertThat(get(cache, value)).isEqualTo(value);
        }
        String longValue = "x".repeat(Utf8StringCache.MAX_LENGTH + 1);
        assertThat(get(cache, longValue)).isEqualTo(longValue);
    }

    /**
     * The shared bench's S3 data: 64 host names, 8 app names and 100 MSGIDs taking turns. 128 sets of two
     * ways held them with one look-up in 15 missing (a new String each time); every one keeps its String now.
     */
    @Test
    void theS3BenchHeadersTakingTurnsKeepOneStringEach() {
        Utf8StringCache cache = new Utf8StringCache();
        java.util.List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) values.add(String.format("node-%02d.prod.example.net", i));
        for (String app : new String[] {"auth", "cart", "catalog", "checkout", "gateway", "payments", "search", "shipping"}) values.add(app);
        for (int i = 0; i < 100; i++) values.add("ID" + i);
        Map<String, String> first = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (String value : values) {
                String s = get(cache, value);
                if (round > 0) assertThat(s).as("%s in round %d", value, round).isSameAs(first.get(value));
                first.putIfAbsent(value, s);
            }
        }
    }

    /** A caller's hash made as it scanned the bytes ({@link Utf8StringCache#mix}) finds what the cache's own hash finds. */
    @Test
    void aHashMadeWhileScanningFindsTheSameString() {
        Utf8StringCache cache = new Utf8StringCache();
        byte[] record = "x web-1 checkout-service-with-a-name-longer-than-8 y".getBytes(StandardCharsets.UTF_8);
        for (int[] range : new int[][] {{2, 7}, {8, 50}, {2, 3}, {2, 2}}) {
            int h = 0;
            for (int i = range[0]; i < range[1]; i++) h = Utf8StringCache.mix(h, record[i]);
            String own = cache.get(record, range[0], range[1]);
            assertThat(cache.get(record, range[0], range[1], h)).isSameAs(own)
                    .isEqualTo(new String(record, range[0], range[1] - range[0], StandardCharsets.UTF_8));
        }
    }
}
