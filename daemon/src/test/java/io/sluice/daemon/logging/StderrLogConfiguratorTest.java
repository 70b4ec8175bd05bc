package io.sluice.daemon.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StderrLogConfiguratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void diagnosticsAreSchemaV1JsonLinesOnStderrWithTheClientLibrariesAtWarn() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter()); // what logback's SLF4J provider gives its context
        try {
            assertThat(new StderrLogConfigurator().configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            context.getLogger("io.sluice.daemon.Daemon").info("pipeline started");
            context.getLogger("io.sluice.daemon.Daemon").debug("below the default level");
            context.getLogger("io.netty.channel.DefaultChannelPipeline").info("netty chatter");
            context.getLogger("org.apache.kafka.clients.Metadata").warn("kafka warning");
        } finally {
            context.stop();
            System.setErr(saved);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : err.toString(StandardCharsets.UTF_8).split("\n")) lines.add(JSON.readTree(line));
        assertThat(lines).extracting(l -> l.path("message").asText()).containsExactly("pipeline started", "kafka warning");
        assertThat(lines.get(0).path("service").path("name").asText()).isEqualTo("sluice");
        assertThat(lines.get(0).path("log").path("level").asText()).isEqualTo("info");
        assertThat(lines.get(1).path("log").path("level").asText()).isEqualTo("warn");
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineWins() {
        LoggerContext context = new LoggerContext();
        System.setProperty("logback.configurationFile", "custom-logback.xml");
        try {
            assertThat(new StderrLogConfigurator().configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
            context.stop();
        }
    }
}
