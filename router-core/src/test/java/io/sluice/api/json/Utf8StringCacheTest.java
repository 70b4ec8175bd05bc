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
}
