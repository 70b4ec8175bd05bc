package io.sluice.inputs.tcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.plugin.PluginRegistry;
import io.sluice.core.testkit.CollectingInputContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TcpInputTest {
    @TempDir
    Path dir;

    private TcpInput input;
    private final ExecutorService senders = Executors.newCachedThreadPool();

    static TcpInput create(String yamlAsJson) throws IOException {
        OptionSpec spec = new TcpInputPlugin().options();
        OptionSpec.Binding binding = spec.bind(new ObjectMapper().readTree(yamlAsJson));
        assertThat(binding.problems()).isEmpty();
        return (TcpInput) new TcpInputPlugin().create("app", binding.options());
    }

    private CollectingInputContext start(String options) throws Exception {
        input = create(options);
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        input.start(ctx);
        assertThat(input.isReady()).isTrue();
        return ctx;
    }

    private Socket connect() throws IOException {
        InetSocketAddress a = input.boundAddress();
        Socket s = new Socket(a.getAddress(), a.getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    @AfterEach
    void stop() throws InterruptedException {
        senders.shutdownNow();
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
            input.close();
        }
    }

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(PluginRegistry.load().input("tcp")).isInstanceOf(TcpInputPlugin.class);
    }

    @Test
    void everyLineOfSeveralConnectionsArrivesOnceAndInOrderPerConnection() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        int connections = 4;
        int lines = 2500;
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            sent.add(senders.submit(() -> {
                try (Socket s = connect()) {
                    OutputStream out = s.getOutputStream();
                    StringBuilder chunk = new StringBuilder();
                    for (int i = 0; i < lines; i++) {
                        if (i % 2 == 0) {
                            chunk.append("{\"msg\":\"c").append(conn).append(" line ").append(i)
                                    .append("\",\"level\":\"warn\",\"service\":\"api\"}\n");
                        } else {
                            chunk.append("c").append(conn).append(" line ").append(i).append('\n');
                        }
                        if (chunk.length() > 3000) {
                            out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                            chunk.setLength(0);
                        }
                    }
                    out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                }
                return null;
            }));
        }
        for (Future<?> f : sent) f.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> ctx.events().size() >= connections * lines);
        List<LogEvent> events = new ArrayList<>(ctx.events());
        assertThat(events).hasSize(connections * lines);
        for (int c = 0; c < connections; c++) {
            String prefix = "c" + c + " ";
            List<String> got = events.stream().map(LogEvent::message).filter(m -> m.startsWith(prefix)).toList();
            List<String> want = new ArrayList<>();
            for (int i = 0; i < lines; i++) want.add(prefix + "line " + i);
            assertThat(got).as("connection %d", c).isEqualTo(want);
        }
        LogEvent json = events.stream().filter(e -> e.message().equals("c0 line 0")).findFirst().orElseThrow();
        assertThat(json.level()).isEqualTo(Level.WARN);
        assertThat(json.serviceName()).isEqualTo("api");
        assertThat(json.inputType()).isEqualTo("tcp");
        assertThat(ctx.sourcesOpened()).hasSize(connections).allMatch(n -> n.startsWith("tcp 127.0.0.1:"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.sourcesClosed() == connections);
    }

    @Test
    void oversizedLinesAreTruncatedAndInvalidUtf8IsRepairedDownstream() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"max_line_bytes\":\"1KiB\",\"format\":\"text\","
                + "\"service\":\"legacy\",\"keep_original\":true}");
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {'b', 'a', 'd', ' ', (byte) 0xFF, '\n'});
            out.write("{\"msg\":\"text format keeps json as text\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 3);
        List<LogEvent> e = ctx.events();
        assertThat(e.get(0).message()).hasSize(1024);
        assertThat(e.get(0).tags()).contains(Tags.TRUNCATED);
        assertThat(e.get(1).message()).startsWith("bad ").isNotEqualTo("bad ");
        assertThat(e.get(1).tags()).contains(Tags.INVALID_UTF8);
        assertThat(e.get(2).message()).isEqualTo("{\"msg\":\"text format keeps json as text\"}");
        assertThat(e).allMatch(ev -> "legacy".equals(ev.serviceName()));
        assertThat(e.get(2).original()).isEqualTo(e.get(2).message());
    }

    @Test
    void jsonFormatTagsLinesThatAreNotJson() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"format\":\"json\"}");
        try (Socket s = connect()) {
            s.getOutputStream().write("plain words\n{\"message\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 2);
        assertThat(ctx.events().get(0).tags()).contains(Tags.PARSE_FAILED);
        assertThat(ctx.events().get(1).message()).isEqualTo("ok");
        assertThat(ctx.events().get(1).tags()).doesNotContain(Tags.PARSE_FAILED);
    }

    /**
     * GELF over TCP as log4j2's {@code GelfLayout} sends it (Graylog's framing: each JSON message ended by
     * NUL, no newline): one event per message, read as GELF, not one record holding them all.
     */
    @Test
    void gelfFromLog4j2OverTcpIsOneEventPerMessage() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("gelf", "Socket")
                .addAttribute("host", "127.0.0.1").addAttribute("port", input.boundAddress().getPort())
                .addAttribute("protocol", "TCP")
                .add(b.newLayout("GelfLayout").addAttribute("host", "web-1").addAttribute("compressionType", "OFF")
                        .addAttribute("includeNullDelimiter", true)));
        b.add(b.newRootLogger(org.apache.logging.log4j.Level.INFO).add(b.newAppenderRef("gelf")));
        LoggerContext log4j = new LoggerContext("gelf-over-tcp");
        log4j.start(b.build());
        try {
            org.apache.logging.log4j.Logger log = log4j.getLogger("com.example.Shop");
            log.info("order placed id={}", 17);
            log.error("parse failed", new IllegalStateException("wrapped", new NumberFormatException("x")));
            log.warn("unicode \u00e9 \u2713");
        } finally {
            log4j.stop();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 3);
        Thread.sleep(200); // anything more would be a message read twice or cut apart
        assertThat(ctx.events()).extracting(LogEvent::message)
                .containsExactly("order placed id=17", "parse failed", "unicode \u00e9 \u2713");
        assertThat(ctx.events()).extracting(LogEvent::level).containsExactly(Level.INFO, Level.ERROR, Level.WARN);
        assertThat(ctx.events()).allSatisfy(e -> {
            assertThat(e.hostName()).isEqualTo("web-1");
            assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED);
        });
    }

    /** SCHEMA.md: times without an offset use the zone configured on the input; with an offset they are exact. */
    @Test
    void timesWithoutAnOffsetAreReadInTheInputsTimezone() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"timezone\":\"America/New_York\"}");
        try (Socket s = connect()) {
            s.getOutputStream().write(("2026-01-02 03:04:05,123 - shop - WARNING - python asctime\n"
                    + "{\"time\":\"2026-01-02T03:04:05.123\",\"msg\":\"json without offset\"}\n"
                    + "{\"time\":\"2026-01-02T03:04:05.123Z\",\"msg\":\"json in UTC\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 3);
        long newYork = java.time.Instant.parse("2026-01-02T08:04:05.123Z").toEpochMilli() * 1_000_000L; // UTC-5 in January
        long utc = java.time.Instant.parse("2026-01-02T03:04:05.123Z").toEpochMilli() * 1_000_000L;
        assertThat(ctx.events()).extracting(LogEvent::timestampNanos).containsExactly(newYork, newYork, utc);
        assertThat(ctx.events().get(0).level()).isEqualTo(Level.WARN);
    }

    @Test
    void aTimezoneThatIsNoZoneIsRefusedAtStart() {
        OptionSpec.Binding binding = new TcpInputPlugin().options().bind(
                new ObjectMapper().valueToTree(java.util.Map.of("listen", "127.0.0.1:0", "timezone", "Mars/Olympus")));
        assertThat(binding.problems()).singleElement().asString().contains("timezone").contains("must be a time zone");
    }

    @Test
    void emptyLinesAreSkippedAndCounted() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"format\":\"text\"}");
        try (Socket s = connect()) {
            // an LF-only line and two CR LF lines (empty once the CR is dropped)
            s.getOutputStream().write("one\n\n\r\ntwo\n\r\nthree\n".getBytes(StandardCharsets.UTF_8));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 3);
        assertThat(ctx.events()).extracting(LogEvent::message).containsExactly("one", "two", "three");
        assertThat(ctx.meters().get("sluice.input.lines.empty").counter().count()).isEqualTo(3.0);
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"max_connections\":1}");
        try (Socket first = connect()) {
            first.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
            try (Socket second = connect()) {
                assertThat(readUntilClosed(second.getInputStream())).isTrue();
            }
            first.getOutputStream().write("still open\n".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        }
        assertThat(ctx.meters().get("sluice.input.connections.rejected").counter().count()).isEqualTo(1.0);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        start("{\"listen\":\"127.0.0.1:0\",\"idle_timeout\":\"300ms\"}");
        try (Socket s = connect()) {
            assertThat(readUntilClosed(s.getInputStream())).isTrue();
        }
    }

    /** True when the server closed the connection (end of stream) before the socket's read timeout. */
    private static boolean readUntilClosed(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
