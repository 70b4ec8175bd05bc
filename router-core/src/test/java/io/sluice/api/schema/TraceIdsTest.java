package io.sluice.api.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An id read from the record's bytes is what checking and lower-casing its String gives. */
class TraceIdsTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "4bf92f3577b34da6a3ce929d0e0e4736", "4BF92F3577B34DA6A3CE929D0E0E4736", "00f067aa0ba902b7", "0", "00000000",
        "0000000000000001", "a", "F", "g", "4bf92f3577b34da6a3ce929d0e0e473g", "4bf9 2f35", "-1", "0x1f", "é1",
        "0123456789abcdefABCDEF0123456789abcdefABCDEF0123456789abcdefABCD",
        "0123456789abcdefABCDEF0123456789abcdefABCDEF0123456789abcdefABCDE",
    })
    void bytesGiveWhatTheStringCheckGives(String id) {
        byte[] b = ("\"" + id + "\"").getBytes(StandardCharsets.UTF_8);
        String expected = TraceIds.isHexId(id) ? TraceIds.normalizeHex(id) : null;
        assertThat(TraceIds.hexIdFromBytes(b, 1, b.length - 1)).isEqualTo(expected);
    }
}
