package io.sluice.inputs.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sluice test} pushes fixture records through the Kafka input's decoder, no broker involved. */
class KafkaFixtureSourceTest {
    @TempDir
    Path dir;

    private List<LogEvent> decode(String format, String... records) {
        KafkaInputPlugin plugin = new KafkaInputPlugin();
        OptionSpec.Binding b = plugin.options().bind(new ObjectMapper().valueToTree(Map.of(
                "bootstrap_servers", List.of("127.0.0.1:9"), "topics", List.of("logs"), "group_id", "g",
                "format", format)));
        assertThat(b.problems()).isEmpty();
        Input input = plugin.create("kafka-in", b.options());
        CollectingInputContext ctx = new CollectingInputContext("kafka-in", dir.resolve(format));
        SourceSpec spec = input.fixtureSource(ctx);
        assertThat(spec).as("fixture source").isNotNull();
        assertThat(spec.inputType()).isEqualTo("kafka");
        Source source = ctx.openSource(spec);
        RawBatch batch = source.newBatch();
        long position = 0;
        for (String r : records) {
            byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
            position += bytes.length;
            batch.add(bytes, 0, bytes.length, 0, position);
        }
        source.publish(batch);
        source.close();
        return ctx.events();
    }

    @Test
    void jsonValuesAreParsedAsTheInputWould() {
        List<LogEvent> events = decode("json", "{\"message\":\"disk full\",\"level\":\"error\"}");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).message()).isEqualTo("disk full");
        assertThat(events.get(0).level()).hasToString("ERROR");
        assertThat(events.get(0).inputType()).isEqualTo("kafka");
    }

    @Test
    void textValuesStayWhole() {
        List<LogEvent> events = decode("text", "{\"not\":\"parsed\"}", "plain line");
        assertThat(events).extracting(LogEvent::message).containsExactly("{\"not\":\"parsed\"}", "plain line");
    }
}
