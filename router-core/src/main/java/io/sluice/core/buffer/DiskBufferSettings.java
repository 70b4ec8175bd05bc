package io.sluice.core.buffer;

import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link DiskBuffer} behaves. Built with {@link #builder()}; every value has a default.
 *
 * <p>{@code maxBytes} bounds the bytes appended and not yet acknowledged; the files on disk may exceed it
 * by up to one segment (a segment is deleted only once all of it is acknowledged). Segments are never
 * larger than a quarter of {@code maxBytes} (or one record, when a record is larger), so a small buffer
 * still frees space in steps.
 */
public final class DiskBufferSettings {
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private final String name;
    private final long maxBytes;
    private final long segmentBytes;
    private final FsyncPolicy fsync;
    private final Duration fsyncInterval;

    private DiskBufferSettings(Builder b) {
        this.name = b.name;
        this.maxBytes = b.maxBytes;
        this.segmentBytes = Math.max(4096, Math.min(b.segmentBytes, b.maxBytes / 4));
        this.fsync = b.fsync;
        this.fsyncInterval = b.fsyncInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The name used in logs (the output id); the directory name when not set. */
    public String name() {
        return name;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The effective segment size (the configured one, capped at a quarter of maxBytes). */
    public long segmentBytes() {
        return segmentBytes;
    }

    public FsyncPolicy fsync() {
        return fsync;
    }

    public Duration fsyncInterval() {
        return fsyncInterval;
    }

    /** Builder with defaults: 1 GiB, 64 MiB segments, fsync interval of 1 s. */
    public static final class Builder {
        private String name;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private FsyncPolicy fsync = FsyncPolicy.INTERVAL;
        private Duration fsyncInterval = Duration.ofSeconds(1);

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1024) throw new IllegalArgumentException("max_bytes must be at least 1KiB, was " + maxBytes);
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder segmentBytes(long segmentBytes) {
            if (segmentBytes < 1) throw new IllegalArgumentException("segment size must be positive");
            this.segmentBytes = segmentBytes;
            return this;
        }

        public Builder fsync(FsyncPolicy fsync) {
            this.fsync = Objects.requireNonNull(fsync);
            return this;
        }

        public Builder fsyncInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("fsync interval must be positive");
            this.fsyncInterval = interval;
            return this;
        }

        public DiskBufferSettings build() {
            return new DiskBufferSettings(this);
        }
    }
}
