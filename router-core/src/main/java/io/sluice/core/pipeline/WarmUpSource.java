package io.sluice.core.pipeline;

import io.sluice.api.plugin.SourceSpec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * An input's stream description and records of the kind it reads, for {@link Pipeline#warmUp}.
 *
 * @param records one record each, without a line delimiter; none holds a newline
 */
public record WarmUpSource(SourceSpec spec, List<byte[]> records) {
    public WarmUpSource {
        records = List.copyOf(records);
        if (records.isEmpty()) throw new IllegalArgumentException("a warm-up needs records");
    }

    /** {@code n} records, the list repeated as needed, each ended by a newline. */
    byte[] newlineJoined(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            byte[] r = records.get(i % records.size());
            out.write(r, 0, r.length);
            out.write('\n');
        }
        return out.toByteArray();
    }
}
