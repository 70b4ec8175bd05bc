package io.sluice.core.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.api.warmup.SampleRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WarmUpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path dir;
    private Pipeline pipeline;
    private final CollectingOutput out = new CollectingOutput();
    /** Records the warm-up's decoders decoded, over all of them. */
    private final AtomicLong decoded = new AtomicLong();

    @AfterEach
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.drain(Duration.ofSeconds(5));
            pipeline.close();
        }
    }

    private void start(Duration warmUp) throws Exception {
        pipeline = Pipeline.builder(new PipelineSettings(2, 64, 64 * 1024, 1 << 20, 0, PipelineSettings.DEFAULT_HELD_BYTES, warmUp),
                        new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir)
                .output("out", out, PipelineTest.sinkOptions("")).build();
        pipeline.start();
    }

    private WarmUpSource jsonRecords() {
        DecodeOptions options = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, false);
        RecordDecoder.Factory counting = () -> {
            JsonRecordDecoder json = new JsonRecordDecoder(options, false);
            return (bytes, offset, length, event) -> {
                decoded.incrementAndGet();
                json.decode(bytes, offset, length, event);
            };
        };
        return new WarmUpSource(SourceSpec.of("warm", "tcp", counting), SampleRecords.forFormat("json"));
    }

    private static boolean warmUpRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("warm-up") && t.isAlive());
    }

    @Test
    void runsRecordsThroughTheDecoderUntilItsBudgetAndDeliversNoneOfThem() throws Exception {
        start(Duration.ofMillis(300));
        pipeline.warmUp(List.of(jsonRecords()));
        await().atMost(Duration.ofSeconds(30)).until(() -> !warmUpRunning());
        assertThat(decoded.get()).isGreaterThan(1_000);

        // nothing reached the sink, and the first real record is the source's first: sequence 0
        InputContext ctx = pipeline.inputContext("app", DecodeOptions.DEFAULT);
        Source source = ctx.openSource(PipelineTest.spec("real"));
        PipelineTest.send(source, List.of("{\"msg\":\"real\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 1);
        assertThat(MAPPER.readTree(out.delivered.get(0)).path("message").asText()).isEqualTo("real");
        assertThat(MAPPER.readTree(out.delivered.get(0)).path("event").path("sequence").asLong()).isZero();
    }

    @Test
    void stopsAtTheFirstRealBatch() throws Exception {
        start(Duration.ofMinutes(1));
        pipeline.warmUp(List.of(jsonRecords()));
        await().atMost(Duration.ofSeconds(10)).until(() -> decoded.get() > 0);

        Source source = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("real"));
        PipelineTest.send(source, List.of("{\"msg\":\"one\"}", "{\"msg\":\"two\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !warmUpRunning());
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 2);
        long after = decoded.get();
        Thread.sleep(200);
        assertThat(decoded.get()).isEqualTo(after);
        assertThat(out.delivered).hasSize(2);
    }

    @Test
    void aZeroBudgetStartsNothing() throws Exception {
        start(Duration.ZERO);
        pipeline.warmUp(List.of(jsonRecords()));
        assertThat(warmUpRunning()).isFalse();
        assertThat(decoded.get()).isZero();
    }
}
