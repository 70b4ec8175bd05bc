package io.sluice.daemon;

import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code type: test_gate}: a real sink for daemon tests that counts events and can be held shut,
 * standing in for a sink whose target stalls.
 */
public final class GateOutputPlugin implements OutputPlugin {
    static final AtomicLong DELIVERED = new AtomicLong();
    static final ConcurrentHashMap<String, Boolean> SEEN = new ConcurrentHashMap<>();
    static volatile boolean open = true;

    @Override
    public String type() {
        return "test_gate";
    }

    @Override
    public OptionSpec options() {
        return OptionSpec.of("test_gate", "a sink that can be held shut (tests only)");
    }

    @Override
    public Output create(String id, Options options) {
        return new Output() {
            @Override
            public void start(OutputContext context) {}

            @Override
            public SendResult send(SinkBatch batch) throws Exception {
                while (!open) Thread.sleep(10);
                for (int i = 0; i < batch.size(); i++) {
                    if (SEEN.put(batch.event(i).message(), Boolean.TRUE) == null) DELIVERED.incrementAndGet();
                }
                return SendResult.delivered();
            }

            @Override
            public void close() {}
        };
    }
}
