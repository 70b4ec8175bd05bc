package io.sluice.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.core.health.ComponentHealth;
import io.sluice.core.health.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bug inside the pipeline (a transform throwing an Error, a tap throwing, an input's acknowledgement
 * throwing, an output throwing what no failure kind names) loses no batch, wedges no source, kills no
 * thread: the batch is dead-lettered or retried, counted, and shown in health.
 */
class InternalFailuresTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path dir;
    private Pipeline pipeline;
    private final CollectingOutput out = new CollectingOutput();
    private final CollectingOutput dead = new CollectingOutput();

    @AfterEach
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.drain(Duration.ofSeconds(5));
            pipeline.close();
        }
    }

    private Pipeline.Builder builder() throws Exception {
        return builder(out);
    }

    private Pipeline.Builder builder(Output output) throws Exception {
        return Pipeline.builder(new PipelineSettings(2, 64, 64 * 1024, 1 << 20),
                        new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir)
                .output("out", output, PipelineTest.sinkOptions("{\"retry\":{\"initial_backoff\":\"1ms\",\"max_backoff\":\"5ms\"}}"))
                .deadLetter(dead, PipelineTest.sinkOptions(""));
    }

    private static List<String> lines(int from, int to) {
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) lines.add("{\"msg\":\"m" + i + "\",\"n\":" + i + "}");
        return lines;
    }

    private ComponentHealth health(String component) {
        return pipeline.health().stream().filter(h -> h.component().equals(component)).findFirst().orElseThrow();
    }

    private static JsonNode json(String s) throws Exception {
        return MAPPER.readTree(s);
    }

    @Test
    void aTransformThatThrowsAnErrorDeadLettersItsBatchAndLaterBatchesStillArrive() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        TransformChain chain = new TransformChain(List.of(new TransformChain.Step("boom", Condition.ALWAYS, e -> {
            // an Error, not a RuntimeException: what the transform stage's own guard does not catch
            if ("m3".equals(e.message()) && thrown.compareAndSet(false, true)) throw new StackOverflowError("test");
            return true;
        })));
        pipeline = builder().transforms(chain).build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("a"));

        PipelineTest.send(s, lines(0, 5)); // one batch: fails
        PipelineTest.send(s, lines(5, 10)); // the next batch of the same source
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 5 && dead.delivered.size() == 5);

        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(5L, 6L, 7L, 8L, 9L);
        JsonNode first = json(dead.delivered.get(0));
        assertThat(first.path("error").path("type").asText()).isEqualTo("internal_error");
        assertThat(first.path("error").path("message").asText()).startsWith("internal_error: java.lang.StackOverflowError");
        assertThat(dead.delivered).extracting(d -> json(d).path("event").path("original").asText())
                .containsExactlyElementsOf(lines(0, 5));
        assertThat(pipeline.metrics().count("sluice.pipeline.batch.failures", "stage", "worker")).isEqualTo(1.0);
        assertThat(pipeline.metrics().count("sluice.events.dead_lettered", "stage", "pipeline", "type", "internal_error"))
                .isEqualTo(5.0);
        // a sink holds an event before it acknowledges its batch, and the batch's bytes go back after that
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(pipeline.inFlightBytes()).as("every batch's bytes were released").isZero());
        ComponentHealth workers = health("pipeline.workers");
        assertThat(workers.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(workers.reason()).contains("sluice_pipeline_batch_failures_total");
    }

    @Test
    void aTapThatThrowsDoesNotKeepTheBatchFromItsSinks() throws Exception {
        pipeline = builder().build();
        pipeline.start();
        pipeline.tap(batch -> { throw new IllegalStateException("tap bug (test)"); });
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("a"));

        PipelineTest.send(s, lines(0, 5));
        PipelineTest.send(s, lines(5, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 10);

        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(pipeline.metrics().count("sluice.pipeline.batch.failures", "stage", "tap")).isEqualTo(2.0);
    }

    @Test
    void anAcknowledgementThatThrowsDoesNotEndTheSinkThread() throws Exception {
        List<Long> acked = new CopyOnWriteArrayList<>();
        AtomicBoolean thrown = new AtomicBoolean();
        pipeline = builder().build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("a").withAcks(position -> {
            if (thrown.compareAndSet(false, true)) throw new IllegalStateException("input's ack bug (test)");
            acked.add(position);
        }));

        PipelineTest.send(s, lines(0, 5));
        await().atMost(Duration.ofSeconds(10)).until(thrown::get);
        PipelineTest.send(s, lines(5, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 10 && !acked.isEmpty());

        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(pipeline.liveness()).allMatch(h -> h.status() == HealthStatus.HEALTHY);
        assertThat(pipeline.metrics().count("sluice.sink.unexpected.failures", "output", "out")).isEqualTo(1.0);
        assertThat(health("output.out").status()).isEqualTo(HealthStatus.DEGRADED);
    }

    @Test
    void anOutputThatThrowsAnUnexpectedRuntimeExceptionOnceStillDeliversEveryEvent() throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        Output throwsOnce = new Output() {
            @Override public void start(OutputContext context) {}
            @Override public SendResult send(SinkBatch batch) throws Exception {
                if (thrown.compareAndSet(false, true)) throw new IllegalStateException("output bug (test)");
                return out.send(batch);
            }
            @Override public void close() {}
        };
        pipeline = builder(throwsOnce).build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("a"));

        PipelineTest.send(s, lines(0, 5));
        PipelineTest.send(s, lines(5, 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 10);

        assertThat(thrown).isTrue();
        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(dead.delivered).isEmpty();
        assertThat(pipeline.liveness()).allMatch(h -> h.status() == HealthStatus.HEALTHY);
    }
}
