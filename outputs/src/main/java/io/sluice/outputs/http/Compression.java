package io.sluice.outputs.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

/** The request body's {@code Content-Encoding}. */
public enum Compression {
    NONE(null),
    GZIP("gzip");

    /** The header value, or null for an uncompressed body. */
    final String contentEncoding;

    Compression(String contentEncoding) {
        this.contentEncoding = contentEncoding;
    }

    static Compression of(String name) {
        return "gzip".equals(name) ? GZIP : NONE;
    }

    byte[] encode(byte[] body, int length) throws IOException {
        if (this == NONE) return java.util.Arrays.copyOf(body, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(body, 0, length);
        }
        return out.toByteArray();
    }
}
