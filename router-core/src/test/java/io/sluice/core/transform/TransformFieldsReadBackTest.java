package io.sluice.core.transform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.FieldPaths;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.api.plugin.Transform;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.SchemaV1Decoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the transforms add (the sample rate, the repeat count, a remapped label, a redaction) is still
 * there after the event went through schema v1 JSON and back, as after a Kafka hop or a disk buffer.
 */
class TransformFieldsReadBackTest {
    private final EventEncoder encoder = new EventEncoder();
    private final SchemaV1Decoder decoder = new SchemaV1Decoder(new JsonRecordDecoder(DecodeOptions.DEFAULT, false));

    @Test
    void theTransformsFieldsComeBackFromSchemaV1() {
        AtomicLong clock = new AtomicLong();
        Transform dedupe = Dedupe.create(Bound.options(new Dedupe().options(), "{\"window\": \"10s\"}"), clock::get);
        Transform sample = new Sample().create("s", Bound.options(new Sample().options(), "{\"rate\": 2}"), new SimpleMeterRegistry());
        Transform remap = new Remap().create("r", Bound.options(new Remap().options(),
                "{\"set\": {\"labels.team\": \"payments\"}}"), new SimpleMeterRegistry());
        Transform redact = new Redact().create("x", Bound.options(new Redact().options(), "{\"detectors\": [\"email\"]}"),
                new SimpleMeterRegistry());

        String message = "mail ann@example.com about the disk";
        assertThat(dedupe.apply(SampleEvents.everyField().message(message))).isTrue();
        assertThat(dedupe.apply(SampleEvents.everyField().message(message))).isFalse();
        clock.set(10_000_000_000L);
        LogEvent e = SampleEvents.everyField().message(message);
        for (Transform t : new Transform[] {dedupe, sample, remap, redact}) assertThat(t.apply(e)).isTrue();

        byte[] json = encoder.encode(e);
        LogEvent back = new LogEvent();
        decoder.decode(json, 0, json.length, back);

        assertThat(new String(encoder.encode(back), StandardCharsets.UTF_8)).isEqualTo(new String(json, StandardCharsets.UTF_8));
        assertThat(FieldPaths.reader("attributes.sample_rate").apply(back)).isEqualTo("2");
        assertThat(FieldPaths.reader("attributes.repeat_count").apply(back)).isEqualTo("1");
        assertThat(back.labels()).containsEntry("team", "payments");
        assertThat(back.message()).doesNotContain("ann@example.com").isEqualTo(e.message());
        assertThat(back.kubernetes().owners()).isEqualTo(e.kubernetes().owners());
    }
}
