package io.sluice.core.pipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.Source;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.NormalizeSettings;
import io.sluice.core.health.ComponentHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.sluice.core.pipeline.PipelineTest.seqOf;
import static io.sluice.core.pipeline.PipelineTest.sinkOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sink runner does with each kind of failure an output reports (see {@code Output}): a real
 * pipeline, a real dead-letter sink, and an in-memory output that fails as scripted.
 */
class SinkFailuresTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path dir;
    private Pipeline pipeline;
    private final CollectingOutput out = new CollectingOutput();
    private final CollectingOutput dead = new CollectingOutput();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger runnerLog = (Logger) LoggerFactory.getLogger(SinkRunner.class);

    @BeforeEach
    void watchLog() {
        log.start();
        runnerLog.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        runnerLog.detachAppender(log);
        out.failEvery = null;
        out.failNext.set(0);
        if (pipeline != null) {
            pipeline.drain(Duration.ofSeconds(5));
            pipeline.close();
        }
    }

    private Source start(String outputOptions) throws Exception {
        pipeline = Pipeline.builder(new PipelineSettings(2, 64, 64 * 1024, 1 << 20),
                        new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir)
                .output("out", out, sinkOptions(outputOptions))
                .deadLetter(dead, sinkOptions(""))
                .build();
        pipeline.start();
        return pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(PipelineTest.spec("a"));
    }

    private static List<String> lines(int n, int messageBytes) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) lines.add("{\"msg\":\"" + "x".repeat(messageBytes) + "\",\"n\":" + i + "}");
        return lines;
    }

    private ComponentHealth outHealth() {
        return pipeline.health().stream().filter(h -> h.component().equals("output.out")).findFirst().orElseThrow();
    }

    private List<String> logged(ch.qos.logback.classic.Level level, String containing) {
        return log.list.stream().filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(containing))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aRetriableFailureIsRetriedAfterTheTargetsRetryAfterThenDelivered() throws Exception {
        out.failNext.set(2);
        out.retryAfter = Duration.ofMillis(400);
        Source s = start("{\"retry\":{\"initial_backoff\":\"1ms\",\"max_backoff\":\"5ms\"}}");
        PipelineTest.send(s, lines(10, 10));

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 10);
        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(out.sends.get()).isEqualTo(3);
        long waited = out.sendNanos.get(2) - out.sendNanos.get(0);
        assertThat(TimeUnit.NANOSECONDS.toMillis(waited)).as("two waits of the target's 400 ms, not the 5 ms backoff")
                .isGreaterThanOrEqualTo(800);
        assertThat(dead.delivered).isEmpty();
        assertThat(outHealth().ready()).isTrue();
    }

    @Test
    void aPermanentFailureOpensTheCircuitLogsOnceShowsInReadinessProbesSlowlyAndRecovers() throws Exception {
        out.failEvery = new PermanentOutputException("the target refused the credentials (test): check auth.api_key");
        Source s = start("{\"retry\":{\"initial_backoff\":\"1ms\",\"max_backoff\":\"5ms\","
                + "\"circuit_failures\":50,\"circuit_open_for\":\"400ms\"}}");
        PipelineTest.send(s, lines(10, 10));

        await().atMost(Duration.ofSeconds(30)).until(() -> out.sends.get() >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> !outHealth().ready());
        assertThat(pipeline.sinks().get(0).circuitState()).as("open at the first failure, not after 50").isIn("open", "half_open");
        assertThat(outHealth().reason()).contains("operator").contains("check auth.api_key");

        // three probes after the first failure, each at least the circuit's 400 ms after the one before
        await().atMost(Duration.ofSeconds(20)).until(() -> out.sends.get() >= 4);
        for (int i = 1; i < out.sendNanos.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(out.sendNanos.get(i) - out.sendNanos.get(i - 1))).isGreaterThanOrEqualTo(390);
        }
        assertThat(logged(ch.qos.logback.classic.Level.ERROR, "check auth.api_key")).as("logged once, not per probe").hasSize(1);
        assertThat(logged(ch.qos.logback.classic.Level.ERROR, "check auth.api_key").get(0)).contains("probes every 400 ms");
        assertThat(out.delivered).isEmpty();

        out.failEvery = null; // the operator fixed the credentials
        await().atMost(Duration.ofSeconds(30)).until(() -> out.delivered.size() == 10);
        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        await().atMost(Duration.ofSeconds(30)).until(() -> outHealth().ready());
        assertThat(pipeline.sinks().get(0).circuitState()).isEqualTo("closed");
        assertThat(logged(ch.qos.logback.classic.Level.INFO, "succeed again")).hasSize(1);
        assertThat(dead.delivered).isEmpty();
    }

    @Test
    void batchMaxEventsBelowTheRoutedBatchSizeIsHonoured() throws Exception {
        Source s = start("{\"batch\":{\"max_events\":10,\"max_delay\":\"200ms\"}}");
        PipelineTest.send(s, lines(64, 20)); // one routed batch of 64 events

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 64);
        assertThat(out.sendSizes).as("no send larger than batch.max_events").allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(10));
        assertThat(out.delivered).extracting(e -> MAPPER.readTree(e).path("attributes").path("n").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 64).boxed().toList());
    }

    @Test
    void aBatchRefusedAsTooLargeIsSentInHalvesAndEveryEventArrivesOnceInOrder() throws Exception {
        out.maxRequestBytes = 4_000; // an event is ~ 490 bytes of JSON: 100 of them ~ 49 KB
        Source s = start("{\"batch\":{\"max_events\":100,\"max_delay\":\"500ms\"}}");
        PipelineTest.send(s, lines(100, 200));

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 100);
        List<Long> seqs = out.delivered.stream().map(PipelineTest::seqOf).toList();
        for (int i = 0; i < 100; i++) assertThat(seqs.get(i)).isEqualTo(i);
        assertThat(out.sendSizes.get(0)).isEqualTo(100);
        assertThat(out.sendSizes.get(1)).as("the refused batch's first half").isEqualTo(50);
        assertThat(out.sendSizes).allMatch(n -> n >= 1);
        assertThat(dead.delivered).isEmpty();
        assertThat(outHealth().ready()).isTrue();
    }

    @Test
    void anEventTooLargeEvenAloneIsDeadLetteredWithTheReasonAndTheOthersDelivered() throws Exception {
        out.maxRequestBytes = 2_000;
        Source s = start("{\"batch\":{\"max_events\":100,\"max_delay\":\"500ms\"}}");
        List<String> lines = lines(8, 20);
        lines.set(5, "{\"msg\":\"" + "y".repeat(5_000) + "\",\"n\":5}");
        PipelineTest.send(s, lines);

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 7 && dead.delivered.size() == 1);
        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L);
        JsonNode refused = MAPPER.readTree(dead.delivered.get(0));
        assertThat(seqOf(dead.delivered.get(0))).isEqualTo(5);
        assertThat(refused.path("error").path("type").asText()).isEqualTo("too_large");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("output.out");
        assertThat(refused.path("error").path("message").asText()).contains("above the limit of 2000");
        assertThat(pipeline.metrics().count("sluice.events.dead_lettered", "stage", "output.out", "type", "too_large")).isEqualTo(1);
    }

    @Test
    void anEventTheDeadLetterSinkRefusesTooIsDroppedAndCountedNotLoopedForever() throws Exception {
        out.maxRequestBytes = 2_000;
        dead.maxRequestBytes = 2_000;
        Source s = start("");
        PipelineTest.send(s, List.of("{\"msg\":\"" + "y".repeat(5_000) + "\",\"n\":0}", "{\"msg\":\"ok\",\"n\":1}"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                pipeline.metrics().count("sluice.events.dropped", "component", "dead_letter", "reason", "refused_by_dead_letter_sink") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> out.delivered.size() == 1);
        Thread.sleep(300);
        assertThat(dead.sends.get()).as("one attempt at the dead letter, not a loop").isEqualTo(1);
        assertThat(dead.delivered).isEmpty();
    }
}
