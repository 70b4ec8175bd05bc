package io.sluice.core.transform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
}
