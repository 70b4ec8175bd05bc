package io.sluice.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.inputs.syslog.SyslogInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code pipeline.warm_up} as a user sees it: the daemon runs made-up records at start, and none of them
 * shows anywhere, in an output or in a metric of the inputs they were made for.
 */
class StartUpWarmUpTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir
    Path dir;

    private static boolean warmUpRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("warm-up") && t.isAlive());
    }

    @Test
    void theWarmUpsRecordsReachNoOutputAndNoMetric() throws Exception {
        Path out = dir.resolve("out.ndjson");
        String pipeline = """
                pipeline: {warm_up: 2s}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", format: json}
                  sys: {type: syslog, listen: "127.0.0.1:0", protocols: [tcp]}
                outputs:
                  archive: {type: file, path: "%s"}
                """.formatted(out);
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            assertThat(warmUpRunning()).as("started with the pipeline").isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() -> !warmUpRunning());

            PrometheusText before = PrometheusText.parse(d.get("/metrics").body());
            assertThat(before.value("sluice_input_syslog_records_total", "input", "sys", "outcome", "parsed")).isZero();
            assertThat(RunningDaemon.lines(out)).isEmpty();

            d.send("app", List.of("{\"msg\":\"first real record\",\"level\":\"warn\"}"));
            SyslogInput sys = (SyslogInput) d.daemon.inputs().get("sys");
            try (Socket s = new Socket("127.0.0.1", sys.tcpAddress().getPort()); OutputStream o = s.getOutputStream()) {
                o.write("<13>1 2026-12-04T17:00:00Z web-1 shop - - - second real record\n".getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> RunningDaemon.lines(out).size() == 2);
            List<String> messages = RunningDaemon.lines(out).stream().map(l -> {
                try {
                    return MAPPER.readTree(l).path("message").asText();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).sorted().toList();
            assertThat(messages).containsExactly("first real record", "second real record");
            PrometheusText after = PrometheusText.parse(d.get("/metrics").body());
            assertThat(after.value("sluice_input_syslog_records_total", "input", "sys", "outcome", "parsed")).isEqualTo(1);
            assertThat(after.value("sluice_events_in_total", "input", "app")).isEqualTo(1);
        }
    }

    @Test
    void zeroTurnsItOff() throws Exception {
        String pipeline = """
                pipeline: {warm_up: 0s}
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0", format: json}
                outputs:
                  out: {type: blackhole}
                """;
        try (RunningDaemon d = RunningDaemon.start(dir, pipeline)) {
            assertThat(warmUpRunning()).isFalse();
        }
    }
}
