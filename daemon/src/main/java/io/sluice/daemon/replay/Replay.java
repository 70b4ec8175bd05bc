package io.sluice.daemon.replay;

import io.sluice.config.PipelineConfig;
import io.sluice.core.pipeline.Pipeline;
import io.sluice.core.pipeline.TransformChain;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.daemon.PipelineAssembly;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sends the events of a dead-letter file through a pipeline's routes and outputs again. Reads only
 * the bytes the file held when the replay started, so events refused again (and appended to the same
 * dead-letter file) are not replayed in a loop.
 */
public final class Replay {
    /** What a replay did. */
    public record Summary(long lines, boolean complete, Map<String, Long> undelivered, double deadLettered) {}

    private final PipelineConfig config;
    private final String inputId;

    public Replay(PipelineConfig config, String inputId) {
        this.config = config;
        this.inputId = inputId;
    }

    public Summary run(Path file) throws Exception {
        long size = Files.size(file);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // no transforms: events a sink refused already passed them, and a replay pushing a whole file
        // at once through a throttle or sample would drop what it is meant to deliver; records refused
        // at ingest were redacted when they were dead-lettered (redact also runs on refused events)
        Pipeline pipeline = PipelineAssembly.build(config, meters, TransformChain.NONE);
        pipeline.start();
        DecodeOptions decode = PipelineAssembly.decodeOptions(config);
        Source source = pipeline.inputContext(inputId, decode)
                .openSource(SourceSpec.of("replay " + file, "replay", () -> new DeadLetterDecoder(decode)));
        long lines = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            RawBatch batch = source.newBatch();
            long read = 0;
            int c;
            while (read < size && (c = in.read()) >= 0) {
                read++;
                if (c != '\n') {
                    line.write(c);
                    if (read < size) continue;
                }
                if (line.size() > 0) {
                    byte[] b = line.toByteArray();
                    batch.add(b, 0, b.length, 0, read);
                    lines++;
                    line.reset();
                }
                if (batch.isFull()) {
                    if (!source.publish(batch)) source.awaitCapacity();
                    batch = source.newBatch();
                }
            }
            source.publish(batch);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            source.close();
        }
        boolean complete = pipeline.drain(config.shutdownTimeout().multipliedBy(6));
        pipeline.close();
        double deadLettered = meters.find("sluice.events.dead_lettered").counters().stream().mapToDouble(c -> c.count()).sum();
        return new Summary(lines, complete, pipeline.undelivered(), deadLettered);
    }
}
