package io.sluice.core.buffer;

import java.util.Locale;

/**
 * When a {@link DiskBuffer} forces its writes to the disk. Either way a process crash ({@code kill -9})
 * loses nothing that {@code append} accepted, because the bytes are in the page cache; the policy
 * decides what an operating-system crash or power loss can take.
 */
public enum FsyncPolicy {
    /** Every append is forced to the disk before it returns (appends running together share one fsync),
     *  and the read position is persisted on every acknowledgement. Safest, slowest. */
    BATCH,
    /** A timer forces appends and persists the read position every interval: an OS crash may lose up to one
     *  interval of appends, and replay up to one interval of acknowledged records. */
    INTERVAL;

    /** Parses the configuration word ({@code batch} or {@code interval}). */
    public static FsyncPolicy parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
