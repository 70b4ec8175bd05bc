package io.sluice.core.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemapTest {
    @Test
    void copiesRenamesSetsAndDeletesInThatOrder() {
        Transform t = new Remap().create("m", Bound.options(new Remap().options(), "{"
                + "\"copy\": {\"service.name\": \"labels.app\"},"
                + "\"rename\": {\"attributes.user\": \"attributes.user_id\"},"
                + "\"set\": {\"log.level\": \"warn\", \"labels.team\": \"core\"},"
                + "\"delete\": [\"attributes.password\", \"labels.env\"]}"), new SimpleMeterRegistry());
        Map<String, String> shared = Map.of("env", "dev");
        LogEvent e = Bound.event("api", "hi").labels(shared);
        e.attributesOrCreate().putString("user", "u1");
        e.attributes().putString("password", "hunter2");
        e.attributes().putLong("n", 3);
        t.apply(e);
        assertThat(e.labels()).isEqualTo(Map.of("app", "api", "team", "core"));
        assertThat(shared).as("labels shared between events are not changed").isEqualTo(Map.of("env", "dev"));
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.attributes().toJson()).isEqualTo("{\"n\":3,\"user_id\":\"u1\"}");
    }

    @Test
    void fieldsSluiceOwnsOrUnknownLevelsAreRefusedAtLoad() throws Exception {
        var b = new Remap().options().bind(new ObjectMapper().readTree(
                "{\"set\": {\"@timestamp\": \"x\"}, \"delete\": [\"input.type\"], \"copy\": {\"message\": \"log.level\"}}"));
        assertThat(b.problems()).extracting(p -> p.path()).containsExactly("set", "delete");
        var level = new Remap().options().bind(new ObjectMapper().readTree("{\"set\": {\"log.level\": \"LOUD\"}}"));
        assertThat(level.problems()).singleElement().extracting(p -> p.message()).asString().contains("trace, debug");
    }

    @Test
    void parsesAFieldWithANamedFormatBeforeTheOtherOperations() {
        Transform t = new Remap().create("m", Bound.options(new Remap().options(), "{"
                + "\"parse\": {\"message\": \"logfmt\"},"
                + "\"rename\": {\"attributes.user\": \"labels.user\"}}"), new SimpleMeterRegistry());
        LogEvent e = Bound.event("api", "level=warn msg=\"card declined\" user=u7 ts=2026-12-02T10:00:00Z").addTag("timestamp_missing");
        t.apply(e);
        assertThat(e.message()).isEqualTo("card declined");
        assertThat(e.level()).isEqualTo(Level.WARN);
        assertThat(e.labels()).containsEntry("user", "u7");
        assertThat(io.sluice.api.schema.Timestamps.format(e.timestampNanos())).startsWith("2026-12-02T10:00:00");
        assertThat(e.tags()).doesNotContain("timestamp_missing");
    }

    @Test
    void textTheFormatCannotReadIsKeptAndTagged() {
        Transform t = new Remap().create("m", Bound.options(new Remap().options(), "{\"parse\": {\"attributes.body\": \"json\"}}"),
                new SimpleMeterRegistry());
        LogEvent e = Bound.event("api", "kept");
        e.attributesOrCreate().putString("body", "not json {");
        assertThat(t.apply(e)).isTrue();
        assertThat(e.message()).isEqualTo("kept");
        assertThat(e.tags()).contains("parse_failed");
    }

    @Test
    void aLogfmtMessageReadOnlyInPartIsKeptAsItWasAndTagged() {
        // its msg pair would replace the message, and the fragment "=secret" with it
        Transform t = new Remap().create("m", Bound.options(new Remap().options(), "{\"parse\": {\"message\": \"logfmt\"}}"),
                new SimpleMeterRegistry());
        LogEvent e = Bound.event("api", "level=warn =secret msg=hello");
        assertThat(t.apply(e)).isTrue();
        assertThat(e.message()).isEqualTo("level=warn =secret msg=hello");
        assertThat(e.tags()).contains("parse_failed");
    }

    @Test
    void aParseOfAnUnknownFormatOrFieldIsRefusedAtLoad() throws Exception {
        // the format may be one of the file's parsers: the config module checks the names remap reports
        var b = new Remap().options().bind(new ObjectMapper().readTree("{\"parse\": {\"message\": \"yaml\"}}"));
        assertThat(b.problems()).isEmpty();
        assertThat(new Remap().formatsNamed(b.options())).containsExactly(java.util.Map.entry("parse.message", "yaml"));
        assertThatThrownBy(() -> new Remap().create("m", b.options(), new SimpleMeterRegistry(),
                io.sluice.api.schema.FieldFormats.STANDARD)).hasMessageContaining("logfmt");
        var field = new Remap().options().bind(new ObjectMapper().readTree("{\"parse\": {\"nope\": \"json\"}}"));
        assertThat(field.problems()).extracting(p -> p.path()).containsExactly("parse");
    }
}
