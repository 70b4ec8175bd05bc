package io.sluice.outputs.stdout;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StdoutOutputTest {
    /** 2026-11-25T10:00:00.123Z */
    private static final long TIME = 1_795_600_800_123_000_000L;

    @Test
    void jsonFormatWritesEachEncodedEventAsOneLineAndFlushesPerSend() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        StdoutOutput out = new StdoutOutput(StdoutOutput.Format.JSON, sink);
        SinkBatch batch = TestBatches.of(List.of(TestBatches.event("api", "one", 1),
                TestBatches.event("api", "two \"quoted\"", 2), TestBatches.event("db", "three", 3)));

        assertThat(out.send(batch).allDelivered()).isTrue();

        // no close(): what a reader sees right after send returns
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo(batch.json(0) + "\n" + batch.json(1) + "\n" + batch.json(2) + "\n");
    }

    @Test
    void textFormatIsOneReadableLinePerEvent() throws Exception {
        LogEvent e = TestBatches.event("api", "disk low", 7).timestampNanos(TIME).level(Level.WARN).hostName("node-1")
                .traceId("4bf92f3577b34da6a3ce929d0e0e4736").labels(Map.of("env", "prod"));
        e.attributesOrCreate().putLong("user_id", 42);
        e.attributes().putString("path", "/var/a b");

        assertThat(text(e)).isEqualTo("2026-11-25T10:00:00.123Z WARN  api node-1: disk low "
                + "trace.id=4bf92f3577b34da6a3ce929d0e0e4736 labels.env=prod user_id=42 path=\"/var/a b\"\n");
    }

    @Test
    void textFormatShowsTheMessageOfAJsonRecordWhoseMessageIsKeptAsEscapedBytes() throws Exception {
        // the JSON decoder keeps this message as the record's escaped bytes; the text sink decodes it
        byte[] record = "{\"msg\":\"payment \\\"ok\\\" for café\\nnext\"}".getBytes(StandardCharsets.UTF_8);
        LogEvent e = TestBatches.event("api", "placeholder", 1);
        new JsonRecordDecoder(DecodeOptions.DEFAULT, true).decode(record, 0, record.length, e);
        e.timestampNanos(TIME).level(Level.INFO);
        assertThat(e.messageRawBytes()).isNotNull();

        assertThat(text(e)).isEqualTo("2026-11-25T10:00:00.123Z INFO  api test-host: payment \"ok\" for café\\nnext\n");
    }

    @Test
    void textFormatEscapesNewlinesSoAnEventStaysOneLine() throws Exception {
        LogEvent multi = TestBatches.event("api", "first line\nsecond line\r\n\tindented", 1).timestampNanos(TIME)
                .level(Level.ERROR).errorType("java.io.IOException")
                .errorStackTrace("java.io.IOException: boom\n\tat A.b(A.java:1)\n\tat C.d(C.java:2)");
        LogEvent plain = TestBatches.event("api", "next", 2).timestampNanos(TIME);

        String out = text(multi, plain);

        assertThat(out.split("\n", -1)).hasSize(3); // two lines and the empty rest after the last newline
        assertThat(out).startsWith("2026-11-25T10:00:00.123Z ERROR api test-host: first line\\nsecond line\\r\\n\\tindented "
                + "error.type=java.io.IOException error.stack_trace=\"java.io.IOException: boom\\n\\tat A.b(A.java:1)"
                + "\\n\\tat C.d(C.java:2)\"\n");
        assertThat(out).endsWith("INFO  api test-host: next\n");
    }

    @Test
    void textFormatKeepsNestedAttributesAsJson() throws Exception {
        LogEvent e = TestBatches.event("api", "m", 1).timestampNanos(TIME);
        byte[] nested = "{\"a\":[1,2],\"b\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        e.attributesOrCreate().putRawJson("req", nested, 0, nested.length);

        assertThat(text(e)).endsWith(": m req={\"a\":[1,2],\"b\":\"x\"}\n");
    }

    @Test
    void closedStdoutFailsForGoodWithAClearMessage() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        StdoutOutput out = new StdoutOutput(StdoutOutput.Format.JSON, broken);
        SinkBatch batch = TestBatches.of(List.of(TestBatches.event("api", "lost", 1)));

        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(StdoutClosedException.class)
                .isInstanceOf(PermanentOutputException.class)
                .hasMessageContaining("standard output is closed (Broken pipe)");
        // a second batch does not pretend it could work
        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(StdoutClosedException.class);
    }

    @Test
    void pluginAcceptsJsonAndTextAndRejectsOtherFormats() {
        var plugin = Plugins.plugin("stdout");
        assertThat(plugin.options().bind(Plugins.tree("{}")).ok()).isTrue();
        assertThat(plugin.options().bind(Plugins.tree("{\"format\":\"text\"}")).ok()).isTrue();
        assertThat(plugin.options().bind(Plugins.tree("{\"format\":\"xml\"}")).problems())
                .singleElement().satisfies(p -> assertThat(p.toString()).contains("format").contains("json, text"));
    }

    private static String text(LogEvent... events) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        new StdoutOutput(StdoutOutput.Format.TEXT, sink).send(TestBatches.of(List.of(events)));
        return sink.toString(StandardCharsets.UTF_8);
    }
}
