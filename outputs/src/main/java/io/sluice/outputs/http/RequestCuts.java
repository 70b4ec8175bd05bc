package io.sluice.outputs.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Cuts events, in order, into requests under a size limit before anything is sent, so no request
 * is ever larger than the receiver takes. Shared by the HTTP batch core and the OTLP/gRPC transport.
 */
public final class RequestCuts {
    /** Told about an event that exceeds the limit on its own: it can never be sent, so it is refused. */
    @FunctionalInterface
    public interface TooLarge {
        void refuse(int event, String reason);
    }

    private RequestCuts() {}

    /**
     * @param events   indices into the batch, in sending order
     * @param overhead bytes of a request without events (envelopes, brackets)
     * @param max      the largest request, in bytes
     * @param sizes    an upper bound of the bytes each event adds to a request
     * @return the requests, each a run of {@code events}; events too large alone are in none of them
     */
    public static List<int[]> cut(int[] events, long overhead, long max, IntToLongFunction sizes, TooLarge tooLarge) {
        List<int[]> requests = new ArrayList<>();
        int[] current = new int[events.length];
        int n = 0;
        long size = overhead;
        for (int i : events) {
            long bytes = sizes.applyAsLong(i);
            if (overhead + bytes > max) {
                tooLarge.refuse(i, "the event's " + bytes + " bytes exceed max_request_bytes " + max + " on their own");
                continue;
            }
            if (n > 0 && size + bytes > max) {
                requests.add(Arrays.copyOf(current, n));
                n = 0;
                size = overhead;
            }
            current[n++] = i;
            size += bytes;
        }
        if (n > 0) requests.add(Arrays.copyOf(current, n));
        return requests;
    }
}
