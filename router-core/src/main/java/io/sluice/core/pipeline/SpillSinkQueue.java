package io.sluice.core.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A memory buffer that overflows to disk ({@code when_full: spill}), in order: while anything is on
 * disk, new batches go to disk too, and the sink takes what is in memory (older) before what is on
 * disk. When the disk part is drained, batches stay in memory again. Only what spilled pays for disk.
 */
final class SpillSinkQueue implements SinkQueue {
    private final MemorySinkQueue memory;
    private final DiskSinkQueue disk;
    /** True from the first spill until the disk part is empty again; guarded by this. */
    private boolean spilling;

    SpillSinkQueue(MemorySinkQueue memory, DiskSinkQueue disk) {
        this.memory = memory;
        this.disk = disk;
        this.spilling = !disk.isEmpty(); // left over from the last run: it is older than anything new
    }

    @Override
    public boolean put(SinkSlice batch) throws InterruptedException {
        synchronized (this) {
            if (!spilling && memory.offer(batch)) return true;
            spilling = true;
        }
        return disk.put(batch);
    }

    @Override
    public boolean offer(SinkSlice batch) {
        synchronized (this) {
            if (!spilling && memory.offer(batch)) return true;
            spilling = true;
        }
        return disk.offer(batch);
    }

    @Override
    public List<SinkSlice> takeGroup(long firstWaitMillis, long maxDelayMillis, int maxEvents, long maxBytes)
            throws InterruptedException {
        if (!memory.isEmpty()) return memory.takeGroup(0, 0, maxEvents, maxBytes);
        boolean fromDisk;
        synchronized (this) {
            fromDisk = spilling;
        }
        if (!fromDisk) return memory.takeGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes);
        List<SinkSlice> group = disk.takeGroup(firstWaitMillis, maxDelayMillis, maxEvents, maxBytes);
        synchronized (this) {
            if (group.isEmpty() && disk.isEmpty()) spilling = false;
        }
        return group.isEmpty() ? new ArrayList<>() : group;
    }

    @Override
    public boolean isEmpty() {
        return memory.isEmpty() && disk.isEmpty();
    }

    @Override
    public long bytes() {
        return memory.bytes() + disk.bytes();
    }

    @Override
    public long maxBytes() {
        return memory.maxBytes() + disk.maxBytes();
    }

    @Override
    public void close() throws IOException {
        memory.close();
        disk.close();
    }

    /** Memory batches are given up (counted); what spilled stays on disk. */
    @Override
    public List<SinkSlice> abandon() {
        return memory.abandon();
    }

    @Override
    public boolean keepsUndelivered() {
        return false;
    }
}
