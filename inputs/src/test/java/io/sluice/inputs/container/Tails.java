package io.sluice.inputs.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.api.event.LogEvent;
import io.sluice.api.option.OptionSpec;
import io.sluice.core.testkit.CollectingInputContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers: a container input built from config-like options, started on a collecting context. */
final class Tails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tails() {}

    /** Binds options as the config module would, with short timeouts so tests run fast. */
    static ContainerInput input(Map<String, Object> options) {
        ObjectNode node = JSON.valueToTree(options);
        if (!node.has("flush_timeout")) node.put("flush_timeout", "200ms");
        if (!node.has("rotate_wait")) node.put("rotate_wait", "300ms");
        if (!node.has("shutdown_ack_wait")) node.put("shutdown_ack_wait", "200ms");
        OptionSpec spec = new ContainerInputPlugin().options();
        OptionSpec.Binding b = spec.bind(node);
        assertThat(b.problems()).isEmpty();
        return (ContainerInput) new ContainerInputPlugin().create("pods", b.options());
    }

    static ContainerInput start(Map<String, Object> options, CollectingInputContext ctx) throws IOException {
        ContainerInput in = input(options);
        in.start(ctx);
        return in;
    }

    static void stop(ContainerInput in) throws InterruptedException {
        in.stop();
        assertThat(in.awaitStop(Duration.ofSeconds(10))).as("input stopped").isTrue();
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static List<String> messages(CollectingInputContext ctx) {
        return ctx.events().stream().map(LogEvent::message).toList();
    }
}
