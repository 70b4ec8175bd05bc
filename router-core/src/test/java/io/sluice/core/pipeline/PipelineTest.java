package io.sluice.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.event.LogEvent;
import io.sluice.api.framing.WholeLines;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.PodLookup;
import io.sluice.api.plugin.Transform;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.InvalidPolicy;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.NormalizeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import com.google.re2j.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PipelineTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path dir;
    private Pipeline pipeline;

    @AfterEach
    void stop() throws Exception {
        if (pipeline != null) {
            pipeline.drain(Duration.ofSeconds(5));
            pipeline.close();
        }
    }

    static Options sinkOptions(String yaml) throws Exception {
        JsonNode node = yaml.isEmpty() ? null : MAPPER.readTree(yaml);
        OptionSpec.Binding b = SinkOptions.COMMON.bind(node);
        assertThat(b.problems()).isEmpty();
        return b.options();
    }

    private Pipeline.Builder builder(int workers, long inFlight) {
        return Pipeline.builder(new PipelineSettings(workers, 64, 64 * 1024, inFlight),
                new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir);
    }

    static SourceSpec spec(String name) {
        DecodeOptions options = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, false);
        return SourceSpec.of(name, "tcp", () -> new JsonRecordDecoder(options, false));
    }

    static void send(Source source, List<String> lines) throws InterruptedException {
        RawBatch batch = source.newBatch();
        long pos = 0;
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            pos += b.length + 1;
            batch.add(b, 0, b.length, 0, pos);
            if (batch.isFull()) {
                if (!source.publish(batch)) source.awaitCapacity();
                batch = source.newBatch();
            }
        }
        source.publish(batch);
    }

    /** Sends from another thread, for tests where the sender is expected to be held back. */
    private static Thread sendInBackground(Source source, List<String> lines) {
        Thread writer = new Thread(() -> {
            try {
                send(source, lines);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        return writer;
    }

    static long seqOf(String json) {
        try {
            return MAPPER.readTree(json).path("attributes").path("n").asLong();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deliversEveryEventInSourceOrderWithSeveralWorkersAndAcksInOrder() throws Exception {
        CollectingOutput out = new CollectingOutput();
        pipeline = builder(4, 1 << 20).output("out", out, sinkOptions("")).build();
        pipeline.start();
        List<Long> acked = new CopyOnWriteArrayList<>();
        InputContext ctx = pipeline.inputContext("app", DecodeOptions.DEFAULT);
        Source source = ctx.openSource(spec("s1").withAcks(acked::add));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) lines.add("{\"msg\":\"m" + i + "\",\"n\":" + i + "}");
        send(source, lines);

        await().atMost(Duration.ofSeconds(30)).until(() -> out.delivered.size() == 20_000);
        for (int i = 0; i < 20_000; i++) assertThat(seqOf(out.delivered.get(i))).isEqualTo(i);
        JsonNode last = MAPPER.readTree(out.delivered.get(19_999));
        assertThat(last.path("event").path("sequence").asLong()).isEqualTo(19_999);
        await().atMost(Duration.ofSeconds(30)).until(() -> !acked.isEmpty() && acked.get(acked.size() - 1) == lineBytes(lines));
        assertThat(acked).isSorted();
        assertThat(pipeline.inFlightBytes()).isZero();
    }

    @Test
    void blocksOfUncutLinesAreCutByTheWorkersNumberedInOrderAndSplitAtTheRecordLimit() throws Exception {
        CollectingOutput out = new CollectingOutput();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        pipeline = Pipeline.builder(new PipelineSettings(4, 64, 64 * 1024, 1 << 20),
                new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), meters, dir)
                .output("out", out, sinkOptions("")).build();
        pipeline.start();
        Source source = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("s1"));
        AtomicInteger empty = new AtomicInteger();
        WholeLines rule = new WholeLines(1024, io.sluice.api.framing.LineDelimiters.NEWLINE, empty::incrementAndGet, () -> { });
        int n = 0;
        RawBatch batch = source.newBatch();
        // as a connection's reader sends: each raw batch holds blocks of up to 300 lines (far more than
        // the 64-record limit) and, between them, a line it framed itself
        for (int block = 0; block < 100; block++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < block % 7 * 50; k++) sb.append("{\"n\":").append(n++).append("}\r\n\n");
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                int slot = batch.reserveLines(bytes.length, rule);
                System.arraycopy(bytes, 0, batch.data(), slot, bytes.length);
            }
            byte[] own = ("{\"n\":" + n++ + "}").getBytes(StandardCharsets.UTF_8);
            batch.add(own, 0, own.length, 0, -1);
            if (block % 3 == 2 || batch.isFull()) {
                if (!source.publish(batch)) source.awaitCapacity();
                batch = source.newBatch();
            }
        }
        source.publish(batch);
        int total = n;

        await().atMost(Duration.ofSeconds(30)).until(() -> out.delivered.size() == total);
        for (int i = 0; i < total; i++) {
            JsonNode e = MAPPER.readTree(out.delivered.get(i));
            assertThat(e.path("attributes").path("n").asLong()).isEqualTo(i);
            assertThat(e.path("event").path("sequence").asLong()).as("sequence of event %d", i).isEqualTo(i);
        }
        assertThat(empty.get()).isEqualTo(total - 100);
        assertThat(meters.get("sluice.events.in").counter().count()).isEqualTo(total);
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.inFlightBytes() == 0);
    }

    @Test
    void aDecodersCountsArePublishedForEveryBatchBeforeItsEventsGoOn() throws Exception {
        CollectingOutput out = new CollectingOutput();
        pipeline = builder(4, 1 << 20).output("out", out, sinkOptions("")).build();
        pipeline.start();
        AtomicLong published = new AtomicLong();
        DecodeOptions options = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, false);
        // counts in a field as the syslog decoder does, and adds the count to the shared one per batch
        SourceSpec counting = SourceSpec.of("s1", "tcp", () -> new RecordDecoder() {
            private final JsonRecordDecoder json = new JsonRecordDecoder(options, false);
            private long decoded;

            @Override
            public void decode(byte[] bytes, int offset, int length, LogEvent event) {
                json.decode(bytes, offset, length, event);
                decoded++;
            }

            @Override
            public void batchDone() {
                published.addAndGet(decoded);
                decoded = 0;
            }
        });
        Source source = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(counting);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) lines.add("{\"n\":" + i + "}");
        send(source, lines);

        await().atMost(Duration.ofSeconds(30)).until(() -> out.delivered.size() == 5_000);
        assertThat(published.get()).isEqualTo(5_000);
    }

    private static long lineBytes(List<String> lines) {
        long n = 0;
        for (String l : lines) n += l.getBytes(StandardCharsets.UTF_8).length + 1;
        return n;
    }

    @Test
    void routesByInputAndFieldConditionsAndDropsUnroutedEvents() throws Exception {
        CollectingOutput errors = new CollectingOutput();
        CollectingOutput all = new CollectingOutput();
        pipeline = builder(2, 1 << 20)
                .output("errors", errors, sinkOptions(""))
                .output("all", all, sinkOptions(""))
                .routes(List.of(
                        new Route("errors", java.util.Set.of("app"), Condition.in("log.level", List.of("error", "fatal")), List.of("errors")),
                        new Route("api", java.util.Set.of(), Condition.regex("service.name", Pattern.compile("^api")), List.of("all"))))
                .build();
        pipeline.start();
        Source app = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        Source other = pipeline.inputContext("other", DecodeOptions.DEFAULT).openSource(spec("b"));
        send(app, List.of("{\"level\":\"error\",\"service\":\"api\",\"n\":1}", "{\"level\":\"info\",\"service\":\"api\",\"n\":2}",
                "{\"level\":\"fatal\",\"service\":\"web\",\"n\":3}", "{\"level\":\"info\",\"service\":\"web\",\"n\":4}"));
        send(other, List.of("{\"level\":\"error\",\"service\":\"web\",\"n\":5}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> errors.delivered.size() == 2 && all.delivered.size() == 2);
        assertThat(errors.delivered).extracting(PipelineTest::seqOf).containsExactly(1L, 3L);
        assertThat(all.delivered).extracting(PipelineTest::seqOf).containsExactly(1L, 2L);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                pipeline.metrics().count("sluice.events.dropped", "component", "router", "reason", "unrouted") == 2);
    }

    @Test
    void retriesTransientFailuresAndDeadLettersRefusedAndInvalidEvents() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.failNext.set(3);
        out.refuse = json -> json.contains("\"poison\"");
        CollectingOutput dead = new CollectingOutput();
        pipeline = builder(2, 1 << 20)
                .output("out", out, sinkOptions("{\"retry\":{\"initial_backoff\":\"10ms\",\"max_backoff\":\"50ms\"}}"))
                .deadLetter(dead, sinkOptions(""))
                .build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        send(s, List.of("{\"msg\":\"ok\",\"n\":1}", "{\"msg\":\"poison\",\"n\":2}", "{\"msg\":\"bad level\",\"level\":\"loud\",\"n\":3}",
                "{\"msg\":\"ok\",\"n\":4}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> out.delivered.size() == 2 && dead.delivered.size() == 2);
        assertThat(out.sends.get()).isGreaterThanOrEqualTo(4);
        assertThat(out.delivered).extracting(PipelineTest::seqOf).containsExactly(1L, 4L);
        List<JsonNode> dl = new ArrayList<>();
        for (String j : dead.delivered) dl.add(MAPPER.readTree(j));
        JsonNode invalid = dl.stream().filter(n -> n.path("attributes").path("n").asInt() == 3).findFirst().orElseThrow();
        assertThat(invalid.path("error").path("type").asText()).isEqualTo("invalid_value");
        assertThat(invalid.path("error").path("code").asText()).isEqualTo("normalize");
        assertThat(invalid.path("error").path("message").asText()).contains("log.level").contains("loud");
        JsonNode refused = dl.stream().filter(n -> n.path("attributes").path("n").asInt() == 2).findFirst().orElseThrow();
        assertThat(refused.path("error").path("type").asText()).isEqualTo("mapping_error");
        assertThat(refused.path("error").path("code").asText()).isEqualTo("output.out");
        assertThat(pipeline.metrics().count("sluice.events.dead_lettered", "stage", "normalize", "type", "invalid_value")).isEqualTo(1);
    }

    @Test
    void aBlockedSinkPushesBackOnTheInputAndLosesNothing() throws Exception {
        CollectingOutput out = new CollectingOutput();
        out.gate = new Semaphore(0);
        long inFlightLimit = 64 * 1024;
        pipeline = builder(2, inFlightLimit).output("out", out, sinkOptions("{\"buffer\":{\"max_bytes\":\"64KiB\"}}")).build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) lines.add("{\"msg\":\"" + "x".repeat(100) + "\",\"n\":" + i + "}");
        Thread writer = sendInBackground(s, lines);
        await().atMost(Duration.ofSeconds(30)).until(() -> !s.hasCapacity());
        Thread.sleep(300);
        assertThat(writer.isAlive()).as("the writer is held back while the sink is blocked").isTrue();
        assertThat(pipeline.inFlightBytes()).isLessThan(inFlightLimit + 64 * 1024);
        out.gate.release(Integer.MAX_VALUE);
        writer.join(30_000);
        await().atMost(Duration.ofSeconds(20)).until(() -> out.delivered.size() == 5000);
        for (int i = 0; i < 5000; i++) assertThat(seqOf(out.delivered.get(i))).isEqualTo(i);
    }

    @Test
    void aBatchsJsonArrayIsReusedOnlyOnceEverySinkHasTheBatch() throws Exception {
        CollectingOutput fast = new CollectingOutput();
        CollectingOutput slow = new CollectingOutput();
        slow.gate = new Semaphore(0);
        pipeline = builder(2, 1 << 20).output("fast", fast, sinkOptions("")).output("slow", slow, sinkOptions("")).build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4096; i++) lines.add("{\"msg\":\"m" + i + "\",\"n\":" + i + "}");
        int batches = 2048 / 64;

        // the slow sink holds every batch: the fast one has sent them all, yet none may be reused
        send(s, lines.subList(0, 2048));
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.delivered.size() == 2048);
        assertThat(fast.jsonArrays).hasSize(batches);
        slow.gate.release(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.delivered.size() == 2048);

        // every batch is complete now: the next ones are encoded into the same arrays, and both sinks read them whole
        send(s, lines.subList(2048, 4096));
        await().atMost(Duration.ofSeconds(30)).until(() -> fast.delivered.size() == 4096 && slow.delivered.size() == 4096);
        for (int i = 0; i < 4096; i++) {
            assertThat(seqOf(fast.delivered.get(i))).isEqualTo(i);
            assertThat(seqOf(slow.delivered.get(i))).isEqualTo(i);
        }
        assertThat(fast.jsonArrays).hasSizeLessThan(batches + batches / 2);
        // a sink holds an event before it acknowledges its batch, and the batch's bytes go back after that
        await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.inFlightBytes() == 0);
    }

    @Test
    void dropNewestCountsWhatItDrops() throws Exception {
        CollectingOutput slow = new CollectingOutput();
        slow.gate = new Semaphore(0);
        CollectingOutput fast = new CollectingOutput();
        pipeline = builder(1, 1 << 24)
                .output("slow", slow, sinkOptions("{\"buffer\":{\"max_bytes\":\"64KiB\",\"when_full\":\"drop_newest\"}}"))
                .output("fast", fast, sinkOptions(""))
                .build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) lines.add("{\"msg\":\"" + "y".repeat(200) + "\",\"n\":" + i + "}");
        send(s, lines);
        // the slow sink must not stall the fast one beyond its own buffer
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.delivered.size() == 3000);
        slow.gate.release(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                slow.delivered.size() + pipeline.metrics().count("sluice.events.dropped", "component", "output.slow", "reason", "buffer_full") == 3000);
        assertThat(slow.delivered.size()).isLessThan(3000);
    }

    @Test
    void aDiskBufferAcknowledgesOnceWrittenAndDeliversAfterARestart() throws Exception {
        CollectingOutput down = new CollectingOutput();
        down.failNext.set(Integer.MAX_VALUE);
        String disk = "{\"buffer\":{\"type\":\"disk\",\"max_bytes\":\"8MiB\",\"fsync\":\"batch\"},"
                + "\"retry\":{\"initial_backoff\":\"10ms\",\"max_backoff\":\"50ms\"}}";
        pipeline = builder(2, 1 << 20).output("out", down, sinkOptions(disk)).build();
        pipeline.start();
        List<Long> acked = new CopyOnWriteArrayList<>();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a").withAcks(acked::add));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) lines.add("{\"msg\":\"m" + i + "\",\"service\":\"svc" + (i % 3) + "\",\"n\":" + i + "}");
        send(s, lines);
        // written to disk counts as taken: the input may checkpoint although the sink is down
        await().atMost(Duration.ofSeconds(10)).until(() -> !acked.isEmpty() && acked.get(acked.size() - 1) == lineBytes(lines));
        assertThat(down.delivered).isEmpty();
        pipeline.drain(Duration.ofMillis(500));
        pipeline.close();

        CollectingOutput up = new CollectingOutput();
        pipeline = builder(2, 1 << 20).output("out", up, sinkOptions(disk)).build();
        pipeline.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> up.delivered.size() >= 3000);
        assertThat(up.delivered).hasSize(3000);
        for (int i = 0; i < 3000; i++) assertThat(seqOf(up.delivered.get(i))).isEqualTo(i);
        // events read back from disk keep their fields for the sink's templates
        JsonNode first = MAPPER.readTree(up.delivered.get(1));
        assertThat(first.path("service").path("name").asText()).isEqualTo("svc1");
        io.sluice.core.testkit.SchemaV1Validator.assertValid(up.delivered.get(2999));
    }

    @Test
    void aSendThatNeverReturnsMakesThePipelineNotLive() throws Exception {
        CollectingOutput hung = new CollectingOutput();
        hung.gate = new Semaphore(0);
        pipeline = builder(1, 1 << 20).output("hung", hung, sinkOptions("")).build();
        pipeline.wedgedAfter(Duration.ofMillis(300));
        pipeline.start();
        assertThat(pipeline.liveness()).allMatch(io.sluice.core.health.ComponentHealth::ready);
        send(pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a")), List.of("{\"msg\":\"x\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                pipeline.liveness().stream().anyMatch(h -> !h.ready() && h.reason().contains("wedged")));
        hung.gate.release(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                pipeline.liveness().stream().allMatch(io.sluice.core.health.ComponentHealth::ready));
    }

    @Test
    void spillOverflowsAMemoryBufferToDiskInOrder() throws Exception {
        CollectingOutput slow = new CollectingOutput();
        slow.gate = new Semaphore(0);
        pipeline = builder(2, 1 << 20).output("slow", slow,
                sinkOptions("{\"buffer\":{\"max_bytes\":\"64KiB\",\"when_full\":\"spill\",\"spill_max_bytes\":\"16MiB\"}}")).build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10000; i++) lines.add("{\"msg\":\"" + "z".repeat(150) + "\",\"n\":" + i + "}");
        send(s, lines); // would block for good with when_full: block and a 1 MiB in-flight bound
        assertThat(slow.delivered).isEmpty();
        slow.gate.release(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(30)).until(() -> slow.delivered.size() >= 10000);
        assertThat(slow.delivered).hasSize(10000);
        for (int i = 0; i < 10000; i++) assertThat(seqOf(slow.delivered.get(i))).isEqualTo(i);
    }

    /** A transform that knows one pod, as kubernetes_metadata does from its watch. */
    private static final class KnowsOnePod implements Transform, PodLookup {
        private final String multiline;

        KnowsOnePod(String multiline) {
            this.multiline = multiline;
        }

        @Override public boolean apply(LogEvent event) { return true; }

        @Override
        public Map<String, String> annotations(String namespace, String name, String uid) {
            return namespace.equals("shop") && name.equals("api") ? Map.of("sluice.io/multiline", multiline) : null;
        }
    }

    private static TransformChain chainKnowing(String multiline) {
        return new TransformChain(List.of(new TransformChain.Step("plain", Condition.ALWAYS, e -> true),
                new TransformChain.Step("k8s", Condition.ALWAYS, new KnowsOnePod(multiline))));
    }

    @Test
    void inputsAskThePodsOfTheTransformsInUseAlsoAfterAReloadReplacesThem() throws Exception {
        pipeline = builder(1, 1 << 20).output("a", new CollectingOutput(), sinkOptions(""))
                .transforms(chainKnowing("java")).build();
        pipeline.start();
        PodLookup pods = pipeline.inputContext("app", DecodeOptions.DEFAULT).pods();

        assertThat(pods.annotations("shop", "api", null)).containsEntry("sluice.io/multiline", "java");
        assertThat(pods.annotations("shop", "other", null)).as("not known").isNull();
        pipeline.transforms(chainKnowing("python"));
        assertThat(pods.annotations("shop", "api", null)).as("the reloaded watch answers")
                .containsEntry("sluice.io/multiline", "python");
        pipeline.transforms(TransformChain.NONE);
        assertThat(pods.annotations("shop", "api", null)).as("no kubernetes_metadata any more").isNull();
    }

    @Test
    void theSharedMemoryBudgetBoundsAllSinkBuffersTogether() throws Exception {
        CollectingOutput a = new CollectingOutput();
        CollectingOutput b = new CollectingOutput();
        a.gate = new Semaphore(0);
        b.gate = new Semaphore(0);
        long budget = 128 * 1024;
        pipeline = Pipeline.builder(new PipelineSettings(2, 64, 64 * 1024, 16L << 20, budget),
                        new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, "h"), new SimpleMeterRegistry(), dir)
                .output("a", a, sinkOptions("{\"buffer\":{\"max_bytes\":\"1MiB\"}}"))
                .output("b", b, sinkOptions("{\"buffer\":{\"max_bytes\":\"1MiB\"}}"))
                .build();
        pipeline.start();
        Source s = pipeline.inputContext("app", DecodeOptions.DEFAULT).openSource(spec("a"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 4000; i++) lines.add("{\"msg\":\"" + "q".repeat(200) + "\",\"n\":" + i + "}");
        Thread writer = sendInBackground(s, lines);
        Thread.sleep(1500);
        long buffered = pipeline.sinks().stream().mapToLong(SinkRunner::bufferedBytes).sum();
        assertThat(buffered).as("both buffers together stay within the budget (plus one batch)").isLessThan(budget + 64 * 1024);
        a.gate.release(Integer.MAX_VALUE);
        b.gate.release(Integer.MAX_VALUE);
        writer.join(30_000);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.delivered.size() == 4000 && b.delivered.size() == 4000);
    }
}
