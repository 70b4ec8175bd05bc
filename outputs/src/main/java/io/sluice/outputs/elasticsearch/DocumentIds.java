package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;
import org.apache.commons.codec.digest.MurmurHash3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code _id} of each document, so that {@code create} makes a retry or a replay harmless.
 * <ol>
 * <li>The event's own {@link LogEvent#documentId()}, when an input assigned one (e.g. Kafka topic,
 *     partition and offset).</li>
 * <li>For events read from a file: a hash of path, offset and the record's own timestamp, so a
 *     re-read after a crash gives the same id (the timestamp keeps a rotated file that reuses the
 *     path from colliding with the old one).</li>
 * <li>Otherwise a hash of the event's encoded bytes, which hold its observed time and per-source
 *     sequence: stable across retries of the same event, different for identical lines.</li>
 * </ol>
 * One instance per thread: it reuses its scratch buffers.
 */
final class DocumentIds {
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] hash = new byte[16];
    private byte[] scratch = new byte[256];

    String idOf(SinkBatch batch, int i) {
        LogEvent e = batch.event(i);
        if (e.documentId() != null) return e.documentId();
        if (e.filePath() != null && e.offset() != LogEvent.NO_OFFSET) return fileId(e);
        hash(batch.jsonArray(i), batch.jsonOffset(i), batch.jsonLength(i));
        return BASE64.encodeToString(hash);
    }

    private String fileId(LogEvent e) {
        byte[] path = e.filePath().getBytes(StandardCharsets.UTF_8);
        int n = path.length + 17;
        if (scratch.length < n) scratch = new byte[n * 2];
        System.arraycopy(path, 0, scratch, 0, path.length);
        scratch[path.length] = 0;
        long time = e.hasTag("timestamp_missing") ? 0 : e.timestampNanos();
        putLong(scratch, path.length + 1, e.offset());
        putLong(scratch, path.length + 9, time);
        hash(scratch, 0, n);
        return "f" + BASE64.encodeToString(hash);
    }

    /**
     * MurmurHash3 x64 128 (seed 0) into {@link #hash}, its two halves little-endian: fast, well mixed
     * and not meant to be secret; ids only need to be stable and collision-free in practice.
     */
    private void hash(byte[] data, int off, int len) {
        long[] h = MurmurHash3.hash128x64(data, off, len, 0);
        putLong(hash, 0, h[0]);
        putLong(hash, 8, h[1]);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int j = 0; j < 8; j++) b[at + j] = (byte) (v >>> (8 * j));
    }
}
