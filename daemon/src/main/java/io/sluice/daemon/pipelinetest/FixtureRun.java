package io.sluice.daemon.pipelinetest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.config.OutputConfig;
import io.sluice.config.PipelineConfig;
import io.sluice.config.TransformConfig;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.RouteTap;
import io.sluice.core.pipeline.RoutedBatch;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.daemon.PipelineAssembly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Runs test cases through a real {@link Pipeline} built from the config — its inputs' decoders,
 * its normalizer, its routes and dead-letter rules — with every output replaced by one that
 * discards, and records what the router decided for each record. One source per case, so the
 * events of a case come back in record order.
 */
public final class FixtureRun implements RouteTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final Map<String, List<Observed>> bySource = new ConcurrentHashMap<>();

    private FixtureRun() {}

    /** Per case (in the given order): the observed events, or a reason the case could not run. */
    public record Outcome(TestCase testCase, List<Observed> events, String error) {}

    public static List<Outcome> run(PipelineConfig config, List<TestCase> cases) throws Exception {
        Path dataDir = Files.createTempDirectory("sluice-test");
        try {
            return new FixtureRun().runIn(config, cases, dataDir);
        } finally {
            deleteTree(dataDir);
        }
    }

    private List<Outcome> runIn(PipelineConfig config, List<TestCase> cases, Path dataDir) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Pipeline.Builder b = Pipeline.builder(config.tuning(), config.normalize(), meters, dataDir);
        for (OutputConfig o : config.outputs().values()) b.output(o.id(), new DiscardOutput(), o.options());
        OutputConfig dl = config.deadLetter() != null ? config.deadLetter()
                : config.outputs().values().iterator().next(); // any sink's options: it only discards
        b.deadLetter(new DiscardOutput(), dl.options());
        b.routes(config.routes()).transforms(TransformConfig.chain(config.transforms(), meters));
        Pipeline pipeline = b.build();
        pipeline.tap(this);
        pipeline.start();
        Map<TestCase, String> errors = new LinkedHashMap<>();
        try {
            for (int i = 0; i < cases.size(); i++) {
                String error = publish(pipeline, config, cases.get(i), sourceName(i));
                if (error != null) errors.put(cases.get(i), error);
            }
            if (!pipeline.drain(DRAIN)) throw new IllegalStateException("the pipeline did not finish within " + DRAIN);
        } finally {
            pipeline.close();
        }
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            TestCase c = cases.get(i);
            List<Observed> events = bySource.getOrDefault(sourceName(i), List.of());
            synchronized (events) { // filled on worker threads
                out.add(new Outcome(c, List.copyOf(events), errors.get(c)));
            }
        }
        return out;
    }

    private static String sourceName(int caseIndex) {
        return "sluice test case " + (caseIndex + 1);
    }

    private static String publish(Pipeline pipeline, PipelineConfig config, TestCase c, String name)
            throws InterruptedException {
        var ic = config.inputs().get(c.input());
        InputContext context = pipeline.inputContext(ic.id(), PipelineAssembly.decodeOptions(config, ic));
        SourceSpec spec = ic.create().fixtureSource(context);
        if (spec == null) {
            return "input '" + c.input() + "' (type " + ic.plugin().type() + ") cannot be tested with sluice test yet";
        }
        SourceSpec named = new SourceSpec(name, spec.inputType(), spec.decoder(), spec.defaultService(),
                spec.container(), spec.filePath(), spec.keepOriginal(), null);
        Source source = context.openSource(named);
        RawBatch batch = source.newBatch();
        long position = 0;
        for (String r : c.records()) {
            byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
            position += bytes.length;
            batch.add(bytes, 0, bytes.length, 0, position);
            if (batch.isFull()) {
                if (!source.publish(batch)) source.awaitCapacity();
                batch = source.newBatch();
            }
        }
        source.publish(batch);
        source.close();
        return null;
    }

    @Override
    public void routed(RoutedBatch batch) {
        List<Observed> events = bySource.computeIfAbsent(batch.sourceName(), k -> new ArrayList<>());
        synchronized (events) {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    events.add(new Observed(JSON.readTree(batch.jsonArray(), batch.jsonOffset(i), batch.jsonLength(i)),
                            batch.outputs(i), batch.deadLettered(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException("the encoder wrote invalid JSON; this is a bug", e);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
