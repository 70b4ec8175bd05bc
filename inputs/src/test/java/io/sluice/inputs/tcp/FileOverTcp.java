package io.sluice.inputs.tcp;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.core.testkit.CollectingInputContext;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A logging library's real output sent to a {@code tcp} input over one connection, as {@code app | nc}
 * would send it. One input at a time; {@link #close} stops it (a test's {@code @AfterEach}).
 */
final class FileOverTcp implements AutoCloseable {
    private TcpInput input;

    /** The file's bytes to a new input with {@code options}; the events once {@code count} arrived, none tagged unread. */
    List<LogEvent> send(Path file, String options, int count, Path dataDir) throws Exception {
        input = TcpInputTest.create(options);
        CollectingInputContext ctx = new CollectingInputContext("app", dataDir);
        input.start(ctx);
        InetSocketAddress a = input.boundAddress();
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(Files.readAllBytes(file));
            out.flush();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() >= count);
        Thread.sleep(300); // a record split in parts would arrive as more events
        List<LogEvent> events = ctx.events();
        assertThat(events).as("events of %s", file).hasSize(count);
        for (LogEvent e : events) assertThat(e.tags()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
        return events;
    }

    @Override
    public void close() throws InterruptedException {
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
            input = null;
        }
    }
}
