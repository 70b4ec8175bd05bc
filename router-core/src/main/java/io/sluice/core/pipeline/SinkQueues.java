package io.sluice.core.pipeline;

import io.sluice.core.buffer.DiskBuffer;
import io.sluice.core.buffer.DiskBufferSettings;
import io.sluice.core.buffer.FsyncPolicy;
import io.sluice.core.buffer.MemoryBudget;
import io.sluice.api.option.Options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Opens the buffer a sink's {@code buffer:} block asks for. */
final class SinkQueues {
    private SinkQueues() {}

    static SinkQueue open(String id, Options buffer, PipelineMetrics metrics, Path dir, MemoryBudget budget) {
        long maxBytes = buffer.get(SinkOptions.BUFFER_MAX_BYTES);
        boolean disk = "disk".equals(buffer.get(SinkOptions.BUFFER_TYPE));
        boolean spill = "spill".equals(buffer.get(SinkOptions.BUFFER_WHEN_FULL));
        if (disk) return disk(id, maxBytes, buffer, metrics, dir);
        if (spill) {
            return new SpillSinkQueue(new MemorySinkQueue(maxBytes, budget),
                    disk(id, buffer.get(SinkOptions.BUFFER_SPILL_MAX_BYTES), buffer, metrics, dir));
        }
        return new MemorySinkQueue(maxBytes, budget);
    }

    private static DiskSinkQueue disk(String id, long maxBytes, Options buffer, PipelineMetrics metrics, Path dir) {
        try {
            DiskBuffer disk = DiskBuffer.open(dir, DiskBufferSettings.builder()
                    .name(id)
                    .maxBytes(maxBytes)
                    .fsync(FsyncPolicy.parse(buffer.get(SinkOptions.BUFFER_FSYNC)))
                    .build());
            disk.bindMetrics(metrics.registry(), id);
            return new DiskSinkQueue(disk);
        } catch (IOException e) {
            throw new UncheckedIOException("output " + id + ": cannot open its disk buffer in " + dir + ": " + e.getMessage(), e);
        }
    }
}
