package io.sluice.outputs.blackhole;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Discards every event and counts events and JSON bytes. The counts are public so benchmarks and
 * tests can wait for "every event arrived" without scraping metrics.
 */
public final class BlackholeOutput implements Output {
    private final String id;
    private final Duration printInterval;
    private final LongAdder events = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private Counter eventCounter;
    private Counter byteCounter;
    private RateLogger rateLogger;

    /** {@code printInterval} null: no rate lines. */
    public BlackholeOutput(String id, Duration printInterval) {
        this.id = id;
        this.printInterval = printInterval;
    }

    @Override
    public void start(OutputContext context) {
        MeterRegistry meters = context.meters();
        eventCounter = Counter.builder("sluice.blackhole.events").tag("output", id)
                .description("events the blackhole output counted and discarded").register(meters);
        byteCounter = Counter.builder("sluice.blackhole.bytes").tag("output", id).baseUnit("bytes")
                .description("JSON bytes the blackhole output counted and discarded").register(meters);
        if (printInterval != null) rateLogger = RateLogger.start(id, printInterval, this::events, this::bytes);
    }

    @Override
    public SendResult send(SinkBatch batch) {
        events.add(batch.size());
        bytes.add(batch.byteSize());
        if (eventCounter != null) {
            eventCounter.increment(batch.size());
            byteCounter.increment(batch.byteSize());
        }
        return SendResult.delivered();
    }

    /** Events counted since creation. */
    /** Discarding costs nothing per call: holding a partial batch back would only delay the count. */
    @Override
    public boolean batchesPayOff() {
        return false;
    }

    public long events() {
        return events.sum();
    }

    /** JSON bytes counted since creation. */
    public long bytes() {
        return bytes.sum();
    }

    @Override
    public void close() {
        if (rateLogger != null) rateLogger.close();
    }
}
