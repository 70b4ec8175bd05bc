package io.sluice.core.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.NormalizeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A partial batch waits for more events only where batching saves something, or where the user asked. */
class SinkBatchDelayTest {
    @TempDir
    Path dir;

    /** Discards, as the blackhole does: no per-call cost to save. */
    private static final class Discarding implements Output {
        @Override public void start(OutputContext context) {}
        @Override public SendResult send(SinkBatch batch) { return SendResult.delivered(); }
        @Override public boolean batchesPayOff() { return false; }
        @Override public void close() {}
    }

    private long delayOf(Output output, String options) throws Exception {
        Pipeline p = Pipeline.builder(PipelineSettings.defaults(),
                        new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir)
                .output("out", output, PipelineTest.sinkOptions(options)).build();
        try {
            return p.sinks().get(0).maxDelayMillis();
        } finally {
            p.close();
        }
    }

    @Test
    void anOutputThatPaysPerCallWaitsTheDefaultMaxDelay() throws Exception {
        assertThat(delayOf(new CollectingOutput(), "")).isEqualTo(200);
    }

    @Test
    void anOutputBatchingDoesNotPayOffForSendsAPartialBatchAtOnce() throws Exception {
        assertThat(delayOf(new Discarding(), "")).isZero();
    }

    @Test
    void aMaxDelayTheUserSetIsKeptEvenThere() throws Exception {
        assertThat(delayOf(new Discarding(), "{\"batch\":{\"max_delay\":\"1s\"}}")).isEqualTo(1000);
    }
}
