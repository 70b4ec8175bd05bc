package io.sluice.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stop while a disk-buffered sink is down keeps its events on disk for the next start; the last
 * log line must say so rather than claim every accepted event was delivered, and the stop still
 * counts as clean (nothing is lost).
 */
class StopWithDiskBufferTest {
    @TempDir
    Path dir;

    @Test
    void theStopLineSaysTheEventsStayInTheDiskBufferAndTheNextStartDeliversThem() throws Exception {
        FailingFileSink sink = new FailingFileSink(dir);
        Files.createDirectories(sink.directory());
        sink.breakIt();
        String pipeline = "shutdown_timeout: 1s\n"
                + sink.pipeline("{initial_backoff: 50ms, max_backoff: 300ms}", "{type: disk, max_bytes: 64MiB}");
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "event-" + i).toList();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger daemonLog = (Logger) LoggerFactory.getLogger(Daemon.class);
        log.start();
        daemonLog.addAppender(log);
        try {
            RunningDaemon d = RunningDaemon.start(dir, pipeline);
            d.send("app", sent);
            await().atMost(Duration.ofSeconds(20)).until(() -> d.daemon.eventsRead() == 100);
            assertThat(d.daemon.stop()).as("events kept on disk are not lost: a clean stop").isTrue();
        } finally {
            daemonLog.detachAppender(log);
        }
        List<String> stopped = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("stopped")).toList();
        assertThat(stopped).hasSize(1);
        assertThat(stopped.get(0)).contains("100 events read").contains("stay in disk buffers for the next start")
                .contains("output archive").doesNotContain("every accepted event was delivered");
        assertThat(log.list).noneMatch(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().startsWith("stopped"));

        sink.repair();
        try (RunningDaemon again = RunningDaemon.start(dir, pipeline)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.lines().size() == 100);
        }
    }
}
