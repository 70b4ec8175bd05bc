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
 * A {@code tcp} input that receives a library's output over one connection, as {@code app | nc} sends it:
 * the tests of real libraries' traces ({@code PythonTracebacksTest}, {@code GoTracesTest}) read its events.
 */
final class OneConnection implements AutoCloseable {
    private TcpInput input;

    /** The bytes over one connection to an input with {@code options}; the events once {@code count} arrived. */
    List<LogEvent> send(byte[] bytes, String options, int count, Path dir) throws Exception {
        input = TcpInputTest.create(options);
        CollectingInputContext ctx = new CollectingInputContext("app", dir);
        input.start(ctx);
        InetSocketAddress a = input.boundAddress();
        try (Socket s = new Socket(a.getAddress(), a.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() >= count);
        Thread.sleep(300); // a trace split in parts would arrive as more events
        List<LogEvent> events = ctx.events();
        assertThat(events).as("events").hasSize(count);
        return events;
    }

    /**
     * A library's output file over one connection: the events once {@code count} arrived, each read as a
     * record of its layout (none tagged {@code parse_failed} or {@code timestamp_missing}).
     */
    List<LogEvent> sendReadable(Path file, String options, int count, Path dir) throws Exception {
        List<LogEvent> events = send(Files.readAllBytes(file), options, count, dir);
        for (LogEvent e : events) assertThat(e.tags()).as("tags of %s", e.message()).doesNotContain(Tags.PARSE_FAILED, Tags.TIMESTAMP_MISSING);
        return events;
    }

    @Override
    public void close() throws InterruptedException {
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }
}
