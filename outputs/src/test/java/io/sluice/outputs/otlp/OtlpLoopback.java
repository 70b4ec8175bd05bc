package io.sluice.outputs.otlp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.SampleEvents;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.api.schema.EventEncoder;
import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TestBatches;
import io.sluice.inputs.net.ListeningInput;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sluice → OTLP → Sluice: the otlp output sends to Sluice's own otlp input, and schema v1 must come back unchanged. */
final class OtlpLoopback {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends an event with every schema field and a minimal one through an output made for the input's port. */
    interface Sender {
        SendResult send(int port, SinkBatch batch) throws Exception;
    }

    static void assertLossless(Path dir, Sender sender) throws Exception {
        InputPlugin plugin = PluginRegistry.load().input("otlp");
        Input input = plugin.create("loop", plugin.options().bind(JSON.readTree("{\"listen\":\"127.0.0.1:0\"}")).options());
        CollectingInputContext ctx = new CollectingInputContext("loop", dir);
        input.start(ctx);
        try {
            int port = ((ListeningInput) input).boundAddress().getPort();
            LogEvent full = SampleEvents.everyField();
            LogEvent minimal = TestBatches.event("db", "", 9).level(Level.FATAL);
            SendResult r = sender.send(port, TestBatches.of(List.of(full, minimal)));

            assertThat(r.allDelivered()).isTrue();
            assertThat(ctx.events()).hasSize(2);
            EventEncoder encoder = new EventEncoder();
            assertThat(JSON.readTree(encoder.encode(ctx.events().get(0)))).isEqualTo(JSON.readTree(encoder.encode(full)));
            assertThat(JSON.readTree(encoder.encode(ctx.events().get(1)))).isEqualTo(JSON.readTree(encoder.encode(minimal)));
        } finally {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
        }
    }

    private OtlpLoopback() {
    }
}
