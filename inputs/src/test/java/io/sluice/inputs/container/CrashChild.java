package io.sluice.inputs.container;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The process {@link CrashTest} kills: tails {@code args[0]} with data dir {@code args[1]} and
 * "delivers" each record by appending it to {@code args[2]} (a write(2) the kernel keeps when the
 * process is killed) before acknowledging it. The sink is slow on purpose, so the kill lands mid-file.
 */
public final class CrashChild {
    public static void main(String[] args) throws Exception {
        Path dataDir = Files.createDirectories(Path.of(args[1]));
        FileOutputStream out = new FileOutputStream(args[2], true);
        ContainerInput in = Tails.input(Map.of("paths", List.of(args[0])));
        in.start(new InputContext() {
            private final MeterRegistry meters = new SimpleMeterRegistry();

            @Override public String inputId() { return "crash"; }
            @Override public DecodeOptions decodeOptions() { return DecodeOptions.DEFAULT; }
            @Override public MeterRegistry meters() { return meters; }
            @Override public Path dataDir() { return dataDir; }

            @Override
            public Source openSource(SourceSpec spec) {
                return new Source() {
                    @Override public RawBatch newBatch() { return new RawBatch(100, 64 * 1024); }
                    @Override public boolean hasCapacity() { return true; }
                    @Override public void whenCapacity(Runnable task) { task.run(); }
                    @Override public void awaitCapacity() { }
                    @Override public void close() { }

                    @Override
                    public boolean publish(RawBatch batch) {
                        if (batch.isEmpty()) return true;
                        byte[] buf = new byte[batch.byteSize() + batch.size()];
                        int n = 0;
                        for (int i = 0; i < batch.size(); i++) {
                            System.arraycopy(batch.data(), batch.start(i), buf, n, batch.length(i));
                            n += batch.length(i);
                            buf[n++] = '\n';
                        }
                        try {
                            out.write(buf, 0, n);
                            Thread.sleep(10);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        spec.acks().acknowledged(batch.lastPosition());
                        return true;
                    }
                };
            }
        });
        Thread.sleep(Long.MAX_VALUE);
    }
}
