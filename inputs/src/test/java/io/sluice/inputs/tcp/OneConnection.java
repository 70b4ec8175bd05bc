package io.sluice.inputs.tcp;

import io.sluice.api.event.LogEvent;
import io.sluice.core.testkit.CollectingInputContext;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    @Override
    public void close() throws InterruptedException {
        if (input != null) {
            input.stop();
            assertThat(input.awaitStop(Duration.ofSeconds(10))).isTrue();
        }
    }
}
