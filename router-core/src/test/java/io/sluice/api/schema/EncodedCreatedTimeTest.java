package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code event.created}: the encoder keeps the JSON of the last time it wrote, so every event must still
 * show its own time and sequence whatever came before it — the same time many times, times that
 * alternate, a new time per event, and two threads sharing one encoder with different times.
 */
class EncodedCreatedTimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T1 = 1_764_000_000_123_000_000L; // milliseconds
    private static final long T2 = 1_764_000_001_000_000_000L; // a whole second
    private static final long T3 = 1_764_000_002_000_456_789L; // nanoseconds

    private static LogEvent event(long createdNanos, long sequence) {
        return new LogEvent().timestampNanos(T1).message("m").level(Level.INFO).createdNanos(createdNanos).sequence(sequence)
                .inputType("tcp").serviceName("svc").hostName("h");
    }

    private static JsonNode encoded(EventEncoder encoder, LogEvent e) throws Exception {
        return JSON.readTree(new String(encoder.encode(e), StandardCharsets.UTF_8));
    }

    /** The time as RFC 3339 the way {@link Instant#toString} writes it: 0, 3, 6 or 9 fraction digits. */
    private static String rfc3339(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }

    private static void assertCreated(JsonNode json, long createdNanos, long sequence) {
        assertThat(json.at("/event/created").asText()).isEqualTo(rfc3339(createdNanos));
        assertThat(json.at("/event/sequence").asLong()).isEqualTo(sequence);
        assertThat(json.at("/event/created").isTextual()).isTrue();
        assertThat(json.at("/host/name").asText()).isEqualTo("h");
        assertThat(json.at("/input/type").asText()).isEqualTo("tcp");
    }

    @Test
    void everyEventShowsItsOwnTimeWhateverCameBefore() throws Exception {
        EventEncoder encoder = new EventEncoder();
        long[] times = {T1, T1, T1, T1, T2, T2, T1, T2, T3, T3, T3, T1, T1,
                T3 + 1, T3 + 2, T3 + 3, 0L, 0L, -1_000_000L, -1_000_000L, T2};
        for (int i = 0; i < times.length; i++) {
            assertCreated(encoded(encoder, event(times[i], 1000L + i * 37L)), times[i], 1000L + i * 37L);
        }
    }

    @Test
    void twoThreadsSharingAnEncoderEachSeeTheirOwnTime() throws Exception {
        EventEncoder encoder = new EventEncoder();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> checked = new ArrayList<>();
            for (long time : new long[] {T1, T3}) {
                checked.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 20_000; i++) {
                        long t = i % 100 < 50 ? time : time + (i % 7);
                        assertCreated(encoded(encoder, event(t, i)), t, i);
                        n++;
                    }
                    return n;
                }));
            }
            for (Future<Integer> f : checked) assertThat(f.get()).isEqualTo(20_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
