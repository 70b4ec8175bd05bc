package io.sluice.outputs.elasticsearch;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk body read from the batch is the NDJSON the old whole-body buffer held, however it is read. */
class BulkBodyTest {
    private static final String EXPECTED = "{\"create\":{\"_id\":\"a\"}}\n{\"message\":\"one\"}\n"
            + "{\"create\":{\"_id\":\"bb\"}}\n{}\n"
            + "{\"create\":{\"_id\":\"ccc\"}}\n{\"message\":\"three, with ü\"}\n";

    private static BulkBody body() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) events.add(TestBatches.event("s", "line " + i, i));
        SinkBatch batch = Batches.withJson(events, List.of(utf8("{\"message\":\"one\"}"), utf8("{}"),
                utf8("{\"message\":\"three, with ü\"}")));
        String[] actions = {"{\"create\":{\"_id\":\"a\"}}\n", "{\"create\":{\"_id\":\"bb\"}}\n", "{\"create\":{\"_id\":\"ccc\"}}\n"};
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int[] ends = new int[8]; // longer than the batch, as the reused per-thread array is
        for (int i = 0; i < actions.length; i++) {
            all.writeBytes(utf8(actions[i]));
            ends[i] = all.size();
        }
        return new BulkBody(batch, all.toByteArray(), ends);
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void readsTheActionLinesAndTheEventsJsonAsNdjsonWithItsLength() throws Exception {
        BulkBody body = body();
        assertThat(body.getContentLength()).isEqualTo(utf8(EXPECTED).length);
        assertThat(body.getContentType().getValue()).isEqualTo("application/x-ndjson");
        try (InputStream in = body.getContent()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
        }
    }

    @Test
    void readsTheSameBodyInSmallPiecesByteByByteAndAgainForARetry() throws Exception {
        BulkBody body = body();
        for (int chunk : new int[] {1, 3, 7, 4096}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = body.getContent()) {
                byte[] b = new byte[chunk];
                for (int n; (n = in.read(b, 0, chunk)) != -1; ) out.write(b, 0, n);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).as("read %d bytes at a time", chunk).isEqualTo(EXPECTED);
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (InputStream in = body.getContent()) {
            for (int b; (b = in.read()) != -1; ) single.write(b);
        }
        assertThat(single.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        body.writeTo(written);
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(EXPECTED);
        assertThat(body.isRepeatable()).isTrue();
    }
}
