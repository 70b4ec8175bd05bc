package io.sluice.api.schema;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import co.elastic.logging.logback.EcsEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.JsonLayout;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records written by the Java logging libraries themselves (test-scoped dependencies, versions in
 * router-core/pom.xml), decoded with {@code format: auto}: each must fill the schema fields
 * docs/formats.md promises for its shape, and pass the ECS 8.17 type check.
 */
class JavaLibraryShapesTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** 2026-01-02T03:04:05.123Z */
    private static final long MILLIS = 1_767_323_045_123L;

    private static JsonNode decode(byte[] record) throws Exception {
        String line = new String(record, StandardCharsets.UTF_8).strip();
        return ShapeChecks.decodeChecked(line);
    }

    private static LoggingEvent logbackEvent(LoggerContext ctx) {
        LoggingEvent e = new LoggingEvent("fqcn", ctx.getLogger("com.acme.Pricing"), ch.qos.logback.classic.Level.WARN,
                "price {} too low", new IllegalStateException("boom"), new Object[] {42});
        e.setTimeStamp(MILLIS);
        e.setThreadName("worker-1");
        e.setMDCPropertyMap(Map.of("traceId", TRACE, "tenant", "acme"));
        return e;
    }

    private static byte[] encode(Encoder<ch.qos.logback.classic.spi.ILoggingEvent> encoder, LoggerContext ctx) {
        encoder.setContext(ctx);
        encoder.start();
        return encoder.encode(logbackEvent(ctx));
    }

    private static void assertCommon(JsonNode e) {
        assertThat(e.at("/message").asText()).isEqualTo("price 42 too low");
        assertThat(e.at("/@timestamp").asText()).startsWith("2026-01-02T03:04:05.123");
        assertThat(e.at("/log/level").asText()).isEqualTo("warn");
        assertThat(e.at("/log/logger").asText()).isEqualTo("com.acme.Pricing");
        assertThat(e.at("/process/thread/name").asText()).isEqualTo("worker-1");
        assertThat(e.at("/error/message").asText()).isEqualTo("boom");
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.at("/error/stack_trace").asText()).contains("java.lang.IllegalStateException: boom")
                .contains("\tat io.sluice.api.schema.JavaLibraryShapesTest");
    }

    @Test
    void logstashLogbackEncoder() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JsonNode e = decode(encode(new LogstashEncoder(), ctx));
        assertCommon(e);
        assertThat(e.at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(e.at("/attributes/tenant").asText()).isEqualTo("acme");
    }

    @Test
    void ecsLogbackEncoder() throws Exception {
        LoggerContext ctx = new LoggerContext();
        EcsEncoder encoder = new EcsEncoder();
        encoder.setServiceName("pricing");
        encoder.setServiceVersion("1.4.2");
        encoder.setServiceEnvironment("prod");
        encoder.setEventDataset("pricing.log");
        JsonNode e = decode(encode(encoder, ctx));
        assertCommon(e);
        assertThat(e.at("/service/name").asText()).isEqualTo("pricing");
        assertThat(e.at("/service/version").asText()).isEqualTo("1.4.2");
        assertThat(e.at("/service/environment").asText()).isEqualTo("prod");
        assertThat(e.at("/event/dataset").asText()).isEqualTo("pricing.log");
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.at("/trace/id").asText()).isEqualTo(TRACE);
    }

    private static Log4jLogEvent log4jEvent() {
        SortedArrayStringMap context = new SortedArrayStringMap();
        context.putValue("traceId", TRACE);
        context.putValue("tenant", "acme");
        MutableInstant instant = new MutableInstant();
        instant.initFromEpochMilli(MILLIS, 456_789);
        return Log4jLogEvent.newBuilder()
                .setLoggerName("com.acme.Pricing")
                .setLevel(Level.WARN)
                .setMessage(new SimpleMessage("price 42 too low"))
                .setThrown(new IllegalStateException("boom"))
                .setContextData(context)
                .setThreadName("worker-1")
                .setInstant(instant)
                .setIncludeLocation(false)
                .build();
    }

    private static JsonNode log4j(Layout<?> layout) throws Exception {
        return decode(layout.toByteArray(log4jEvent()));
    }

    @Test
    void log4j2JsonLayoutWithInstant() throws Exception {
        JsonNode e = log4j(JsonLayout.newBuilder().setCompact(true).setEventEol(true).setProperties(true)
                .setConfiguration(new DefaultConfiguration()).build());
        assertCommon(e);
        // instant: {epochSecond, nanoOfSecond} keeps the nanoseconds
        assertThat(e.at("/@timestamp").asText()).isEqualTo("2026-01-02T03:04:05.123456789Z");
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.at("/trace/id").asText()).isEqualTo(TRACE);
        assertThat(e.at("/attributes/contextMap/tenant").asText()).isEqualTo("acme");
    }

    private static JsonTemplateLayout template(String uri) {
        return JsonTemplateLayout.newBuilder().setConfiguration(new DefaultConfiguration())
                .setEventTemplateUri(uri).build();
    }

    @Test
    void log4j2EcsTemplate() throws Exception {
        JsonNode e = log4j(template("classpath:EcsLayout.json"));
        assertCommon(e);
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void log4j2LogstashTemplate() throws Exception {
        JsonNode e = log4j(template("classpath:LogstashJsonEventLayoutV1.json"));
        assertCommon(e);
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    }

    @Test
    void log4j2GelfTemplate() throws Exception {
        JsonNode e = log4j(template("classpath:GelfLayout.json"));
        assertThat(e.at("/message").asText()).isEqualTo("price 42 too low");
        assertThat(e.at("/@timestamp").asText()).startsWith("2026-01-02T03:04:05.123");
        assertThat(e.at("/log/level").asText()).isEqualTo("warn");
        assertThat(e.at("/log/logger").asText()).isEqualTo("com.acme.Pricing");
        assertThat(e.at("/process/thread/name").asText()).isEqualTo("worker-1");
        // the template's full_message is the exception's stack trace
        assertThat(e.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.at("/error/message").asText()).isEqualTo("boom");
        assertThat(e.at("/error/stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
        assertThat(e.at("/attributes/full_message").isMissingNode()).isTrue();
    }
}
