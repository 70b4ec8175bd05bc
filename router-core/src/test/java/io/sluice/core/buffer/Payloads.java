package io.sluice.core.buffer;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test payloads: record i's content names i, so a mix-up shows in the failure message. */
final class Payloads {
    private Payloads() {}

    static byte[] of(int i, int size) {
        byte[] head = ("{\"record\":" + i + ",\"pad\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[Math.max(size, head.length + 2)];
        System.arraycopy(head, 0, b, 0, head.length);
        Random r = new Random(i);
        for (int k = head.length; k < b.length - 2; k++) b[k] = (byte) ('a' + r.nextInt(26));
        b[b.length - 2] = '"';
        b[b.length - 1] = '}';
        return b;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static DiskBufferSettings.Builder small() {
        // 64 KiB segments: tests cross segment boundaries with a few hundred records.
        return DiskBufferSettings.builder().maxBytes(64L << 20).segmentBytes(64 * 1024).fsync(FsyncPolicy.BATCH);
    }
}
