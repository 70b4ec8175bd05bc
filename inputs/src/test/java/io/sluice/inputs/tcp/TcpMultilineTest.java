package io.sluice.inputs.tcp;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A stack trace sent over a real TCP connection is one event, joined per connection. */
class TcpMultilineTest {
    @TempDir
    Path dir;

    private TcpInput input;

    @AfterEach
    void stop() throws InterruptedException {
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }

    private CollectingInputContext start(String options) throws Exception {
        input = TcpInputTest.create(options);
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        input.start(ctx);
        return ctx;
    }

    private Socket connect() throws Exception {
        InetSocketAddress a = input.boundAddress();
        return new Socket(a.getAddress(), a.getPort());
    }

    /** What logback's default console layout writes for an error with an exception: the line, then the trace. */
    private static String logbackErrorWithTrace(String message) {
        LoggerContext ctx = new LoggerContext();
        TTLLLayout layout = new TTLLLayout();
        layout.setContext(ctx);
        layout.start();
        LoggingEvent event = new LoggingEvent("fqcn", ctx.getLogger("com.acme.Pricing"), ch.qos.logback.classic.Level.ERROR,
                message, new IllegalStateException("boom", new IllegalArgumentException("bad price")), null);
        event.setThreadName("main");
        return layout.doLayout(event);
    }

    private static void send(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void aJavaStackTraceFromLogbackIsOneEventPerConnectionEvenWhenInterleaved() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"format\":\"logback\","
                + "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"300ms\"}}");
        String trace = logbackErrorWithTrace("pricing failed");
        String[] lines = trace.split("(?<=\\n)");
        assertThat(lines.length).as("logback wrote a multi-line trace").isGreaterThan(5);
        try (Socket a = connect(); Socket b = connect()) {
            OutputStream outA = a.getOutputStream();
            OutputStream outB = b.getOutputStream();
            // the two connections' lines interleave, and A's trace is cut mid-line between writes
            for (String line : lines) {
                int half = line.length() / 2;
                send(outA, line.substring(0, half));
                send(outB, "12:00:00.000 [other] INFO  com.acme.Other -- tick\n");
                send(outA, line.substring(half));
            }
            // the trace's event leaves after the flush timeout, with the connection still open
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().stream()
                    .anyMatch(e -> e.message().startsWith("pricing failed")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 1 + lines.length);
        List<LogEvent> joined = ctx.events().stream().filter(e -> e.message().startsWith("pricing failed")).toList();
        assertThat(joined).hasSize(1);
        LogEvent e = joined.get(0);
        assertThat(e.message()).isEqualTo("pricing failed");
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.logger()).isEqualTo("com.acme.Pricing");
        assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.errorMessage()).isEqualTo("boom");
        assertThat(e.errorStackTrace()).contains("\tat io.sluice.inputs.tcp.TcpMultilineTest",
                "Caused by: java.lang.IllegalArgumentException: bad price");
        assertThat(ctx.events().stream().filter(x -> x.message().equals("tick")).count()).isEqualTo(lines.length);
        assertThat(ctx.events()).hasSize(1 + lines.length);
    }

    @Test
    void dotnetConsoleLoggerLinesAreOneEventUnderAuto() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\",\"multiline\":{\"mode\":\"dotnet\"}}");
        try (Socket s = connect()) {
            // ASP.NET Core docs: the simple console formatter, each message under its category line
            send(s.getOutputStream(), "info: Microsoft.Hosting.Lifetime[0]\n      Now listening on: https://localhost:5001\n"
                    + "fail: MyApp.Orders[1001]\n      Order 42 failed\n      System.InvalidOperationException: no stock\n"
                    + "         at MyApp.Orders.Place() in /src/Orders.cs:line 17\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 2);
        List<LogEvent> events = ctx.events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).logger()).isEqualTo("Microsoft.Hosting.Lifetime");
        assertThat(events.get(0).message()).isEqualTo("Now listening on: https://localhost:5001");
        assertThat(events.get(1).level()).isEqualTo(Level.ERROR);
        assertThat(events.get(1).logger()).isEqualTo("MyApp.Orders");
        assertThat(events.get(1).message()).startsWith("Order 42 failed");
    }

    @Test
    void withoutMultilineEveryLineIsAnEvent() throws Exception {
        CollectingInputContext ctx = start("{\"listen\":\"127.0.0.1:0\"}");
        String trace = logbackErrorWithTrace("pricing failed");
        int lines = trace.split("\n").length;
        try (Socket s = connect()) {
            send(s.getOutputStream(), trace);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= lines);
        assertThat(ctx.events()).hasSize(lines);
    }
}
