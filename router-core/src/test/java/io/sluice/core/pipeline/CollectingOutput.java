package io.sluice.core.pipeline;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.RequestTooLargeException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real in-memory sink for pipeline tests: keeps every delivered event's JSON; can be told to fail
 * the next N sends (transiently, optionally with a retry-after), to fail every send with a given
 * exception until told otherwise, to refuse requests above a byte size as too large, to refuse
 * events matching a predicate, or to block until released. It records when each send came and how
 * many events it carried.
 */
final class CollectingOutput implements Output {
    final List<String> delivered = new CopyOnWriteArrayList<>();
    final AtomicInteger sends = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    volatile Duration retryAfter = Duration.ZERO;
    volatile Exception failEvery; // when set, every send throws it
    volatile long maxRequestBytes = Long.MAX_VALUE;
    volatile Predicate<String> refuse = s -> false;
    volatile Semaphore gate; // when set, each send takes a permit
    final List<Long> sendNanos = new CopyOnWriteArrayList<>();
    final List<Integer> sendSizes = new CopyOnWriteArrayList<>();
    /** Every distinct array the sent JSON was read from (arrays compare by identity). */
    final Set<byte[]> jsonArrays = ConcurrentHashMap.newKeySet();

    @Override
    public void start(OutputContext context) {}

    @Override
    public SendResult send(SinkBatch batch) throws Exception {
        Semaphore g = gate;
        if (g != null) g.acquire();
        sends.incrementAndGet();
        sendNanos.add(System.nanoTime());
        sendSizes.add(batch.size());
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new RetriableException("target down (test)", null, retryAfter);
        }
        Exception failure = failEvery;
        if (failure != null) throw failure;
        if (batch.byteSize() > maxRequestBytes) {
            throw new RequestTooLargeException("request of " + batch.byteSize() + " bytes is above the limit of "
                    + maxRequestBytes + " (test)");
        }
        SendResult result = SendResult.builder();
        boolean any = false;
        List<String> accepted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String json = batch.json(i);
            jsonArrays.add(batch.jsonArray(i));
            if (refuse.test(json)) {
                result.refuse(i, "mapping_error", "field conflict (test)");
                any = true;
            } else {
                accepted.add(json);
            }
        }
        // one copy of the list a batch: a copy an event made 20,000 events cost seconds on a loaded machine
        delivered.addAll(accepted);
        return any ? result : SendResult.delivered();
    }

    @Override
    public void close() {}
}
