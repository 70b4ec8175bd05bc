package io.sluice.inputs.syslog;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Java stack trace sent straight to Sluice (no relay) through syslog a line per message, by the real {@code logger} reading a
 * file ({@code logger -f}: one message per line, tabs kept), becomes one event with
 * {@code error.stack_trace}, with newline framing and with octet counting alike.
 */
class SyslogMultilineTest extends RelayTest {

    @ParameterizedTest
    @ValueSource(strings = {"--rfc3164", "--rfc5424", "--octet-count"})
    void aJavaStackTraceSentLineByLineIsOneEvent(String mode) throws Exception {
        Assumptions.assumeTrue(SyslogInputs.onPath("logger"), "util-linux logger is not installed");
        relay = new RelayHarness(dir);
        RelayHarness.Route route = relay.route("tcp", "\"multiline\":{\"mode\":\"java\",\"flush_timeout\":\"300ms\"}");
        CollectingInputContext ctx = route.context();

        StringWriter trace = new StringWriter();
        new IllegalStateException("boom", new IllegalArgumentException("bad price")).printStackTrace(new PrintWriter(trace));
        List<String> lines = trace.toString().lines().toList();
        assertThat(lines.size()).as("a multi-line trace").isGreaterThan(5);
        Path file = dir.resolve("lines.txt");
        List<String> all = new ArrayList<>(List.of("pricing failed"));
        all.addAll(lines);
        all.add("next event");
        Files.write(file, all);

        List<String> command = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P",
                Integer.toString(route.tcpPort()), "-T", "-t", "pricing", "--id=77", "-f", file.toString()));
        command.add(mode.equals("--octet-count") ? "--rfc5424" : mode);
        if (mode.equals("--octet-count")) command.add(mode);
        SyslogInputs.run(dir, null, command);

        await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() >= 2);
        List<LogEvent> events = List.copyOf(ctx.events());
        assertThat(events).extracting(LogEvent::message).containsExactly("pricing failed", "next event");
        LogEvent failed = events.get(0);
        assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.errorMessage()).isEqualTo("boom");
        assertThat(failed.errorStackTrace()).contains("\tat io.sluice.inputs.syslog.SyslogMultilineTest")
                .contains("Caused by: java.lang.IllegalArgumentException: bad price").endsWith(lines.get(lines.size() - 1));
        assertThat(failed.syslog().appname()).isEqualTo("pricing");
        assertThat(failed.pid()).isEqualTo(77);
    }
}
