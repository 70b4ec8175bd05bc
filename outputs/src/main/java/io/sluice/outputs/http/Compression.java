package io.sluice.outputs.http;

import com.github.luben.zstd.Zstd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** The request body's {@code Content-Encoding}. */
public enum Compression {
    NONE(null),
    GZIP("gzip"),
    /** Zstandard (RFC 8878) at level 3, zstd's default: for receivers that take it (an OpenTelemetry Collector, many HTTP ingesters). */
    ZSTD("zstd");

    private static final int ZSTD_LEVEL = 3;

    /** The header value, or null for an uncompressed body. */
    final String contentEncoding;

    Compression(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    static Compression of(String name) {
        return switch (name) {
            case "gzip" -> GZIP;
            case "zstd" -> ZSTD;
            default -> NONE;
        };
    }

    byte[] encode(byte[] body, int length) throws IOException {
        return switch (this) {
            case NONE -> Arrays.copyOf(body, length);
            case GZIP -> gzip(body, length);
            case ZSTD -> zstd(body, length);
        };
    }

    private static byte[] gzip(byte[] body, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body, 0, length);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] body, int length) {
        byte[] out = new byte[(int) Zstd.compressBound(length)];
        long n = Zstd.compressByteArray(out, 0, out.length, body, 0, length, ZSTD_LEVEL);
        if (Zstd.isError(n)) throw new IllegalStateException("zstd: " + Zstd.getErrorName(n));
        return Arrays.copyOf(out, (int) n);
    }
}
