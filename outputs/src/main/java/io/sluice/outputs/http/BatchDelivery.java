package io.sluice.outputs.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one batch as one or more requests and turns the answers into one {@link SendResult}.
 *
 * <ul>
 *   <li>Requests are cut before sending so no body exceeds {@code max_request_bytes}; an event larger
 *       than that alone is refused (it could never pass). A 413 halves the request and sends the halves.</li>
 *   <li>Requests go in order, and the first retriable answer stops the batch: its events and every
 *       later one are marked for retry, so a later success can never hide an earlier failure. When
 *       nothing went through yet, the whole batch fails as retriable.</li>
 *   <li>A partial answer (some items taken) retries or refuses only the items it names, by position.</li>
 *   <li>A permanent answer (credentials, wrong address) fails the batch with what to fix.</li>
 * </ul>
 */
public final class BatchDelivery {
    /** How one protocol writes bodies and reads answers. */
    public interface Protocol {
        /** Bytes event {@code i} adds to a body, for splitting before sending. */
        long eventBytes(SinkBatch batch, int i);

        /** Bytes of a body without events (brackets, envelopes). */
        default long bodyBytes() {
            return 0;
        }

        void writeBody(SinkBatch batch, int[] events, JsonBytes body);

        String contentType();

        /** Headers that depend on the body (an idempotency key, say); none by default. */
        default Map<String, String> bodyHeaders(JsonBytes body) {
            return Map.of();
        }

        Verdict classify(HttpSender.Exchange answer, HttpSender sender, int[] events) throws Exception;

        /** The batch's requests are all sent (or it failed): drop anything kept for it; nothing by default. */
        default void batchDone() {}

        /** Registers the protocol's own meters, once, when the output starts; none by default. */
        default void start(MeterRegistry meters) {}
    }

    /** Where a group of events goes: a URI and the headers rendered for them. */
    public record Target(URI uri, Map<String, String> headers) {}

    /** Events (indices into the batch) for one target. */
    public record Part(Target target, int[] events) {}

    private final HttpSender sender;
    private final Protocol protocol;
    private final long maxRequestBytes;
    private final JsonBytes body = new JsonBytes(64 * 1024);

    public BatchDelivery(HttpSender sender, Protocol protocol, long maxRequestBytes) {
        this.sender = sender;
        this.protocol = protocol;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Starts the sender and the protocol's meters. */
    public void start(MeterRegistry meters) throws Exception {
        sender.start(meters);
        protocol.start(meters);
    }

    /** Sends the parts in order; not thread-safe (one body buffer per delivery). */
    public SendResult deliver(SinkBatch batch, List<Part> parts) throws Exception {
        try {
            return deliverInOrder(batch, parts);
        } finally {
            protocol.batchDone();
        }
    }

    private SendResult deliverInOrder(SinkBatch batch, List<Part> parts) throws Exception {
        SendResult result = SendResult.builder();
        Deque<Part> pending = new ArrayDeque<>();
        for (Part p : parts) pending.addAll(cut(batch, p, result));
        boolean anySent = false;
        while (!pending.isEmpty()) {
            Part request = pending.poll();
            body.reset();
            protocol.writeBody(batch, request.events(), body);
            Map<String, String> headers = new HashMap<>(request.target().headers());
            headers.putAll(protocol.bodyHeaders(body));
            HttpSender.Exchange answer;
            try {
                answer = sender.post(request.target().uri(), headers, body, protocol.contentType());
            } catch (RetriableException e) {
                if (!anySent) throw e;
                return retryRest(result, request, pending);
            }
            Verdict v = protocol.classify(answer, sender, request.events());
            switch (v.kind()) {
                case DELIVERED -> anySent = true;
                case REFUSE_EVENTS -> {
                    anySent = true;
                    for (int i : request.events()) result.refuse(i, "http_refused", v.reason());
                }
                case TOO_LARGE -> {
                    if (request.events().length == 1) {
                        result.refuse(request.events()[0], "http_too_large", v.reason());
                    } else {
                        int half = request.events().length / 2;
                        pending.addFirst(new Part(request.target(), Arrays.copyOfRange(request.events(), half, request.events().length)));
                        pending.addFirst(new Part(request.target(), Arrays.copyOfRange(request.events(), 0, half)));
                    }
                }
                case RETRY -> {
                    sender.holdOff(v.retryAfter());
                    if (!anySent) {
                        throw new RetriableException(request.target().uri().getHost() + " answered " + v.reason(), null,
                                v.retryAfter());
                    }
                    return retryRest(result, request, pending);
                }
                case PARTIAL -> {
                    anySent = true;
                    sender.holdOff(v.retryAfter());
                    for (Verdict.Item item : v.items()) {
                        int i = request.events()[item.position()];
                        if (item.kind() == Verdict.Kind.RETRY) result.retry(i);
                        else result.refuse(i, "http_refused", item.reason());
                    }
                }
                case PERMANENT -> throw new HttpPermanentException(request.target().uri().getHost() + " answered "
                        + v.reason() + " (auth: " + sender.auth() + ")");
            }
        }
        return result.allDelivered() ? SendResult.delivered() : result;
    }

    private static SendResult retryRest(SendResult result, Part failed, Deque<Part> pending) {
        for (int i : failed.events()) result.retry(i);
        for (Part p : pending) for (int i : p.events()) result.retry(i);
        return result;
    }

    /** Cuts a part into requests under the size limit, refusing events too large to ever send. */
    private List<Part> cut(SinkBatch batch, Part part, SendResult result) {
        List<Part> requests = new ArrayList<>();
        for (int[] events : RequestCuts.cut(part.events(), protocol.bodyBytes(), maxRequestBytes,
                i -> protocol.eventBytes(batch, i), (i, reason) -> result.refuse(i, "http_too_large", reason))) {
            requests.add(new Part(part.target(), events));
        }
        return requests;
    }
}
