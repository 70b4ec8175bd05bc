package io.sluice.daemon.cli;

import io.sluice.daemon.top.AdminClient;
import io.sluice.daemon.top.MetricsSample;
import io.sluice.daemon.top.TopView;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "top", mixinStandardHelpOptions = true,
        description = "A live view of a running Sluice from its admin endpoint: per input and output events/s, bytes/s, "
                + "retries, drops, buffer fill, circuit and health, refreshed every second. q quits.",
        footer = {"", "Example:", "  sluice top --url http://127.0.0.1:8686"})
final class TopCommand implements Callable<Integer> {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8686", description = "the admin endpoint (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token-file", description = "file holding the admin bearer token (admin.token_file)")
    Path tokenFile;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "refresh interval in milliseconds (default: ${DEFAULT-VALUE})")
    long intervalMillis;

    @Override
    public Integer call() throws Exception {
        String token = tokenFile == null ? null : Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
        AdminClient admin = new AdminClient(url, token);
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            terminal.enterRawMode();
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            Display display = new Display(terminal, true);
            NonBlockingReader keys = terminal.reader();
            MetricsSample before = null;
            try {
                while (true) {
                    List<String> lines;
                    try {
                        MetricsSample now = admin.metrics();
                        Map<String, String> health = admin.health();
                        lines = TopView.render(url.toString(), before, now, health);
                        before = now;
                    } catch (java.io.IOException e) {
                        lines = List.of("sluice top — " + url, "", "cannot reach the admin endpoint: " + e.getMessage(),
                                "retrying every " + intervalMillis + " ms (q to quit)");
                    }
                    Size size = terminal.getSize();
                    display.resize(size.getRows(), size.getColumns());
                    display.update(lines.stream().map(AttributedString::new).toList(), 0);
                    terminal.flush();
                    int key = keys.read(intervalMillis); // also the tick: waits up to one interval for a key
                    if (key == 'q' || key == 'Q' || key == 3 /* Ctrl-C in raw mode */) return Main.OK;
                }
            } finally {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.puts(InfoCmp.Capability.exit_ca_mode);
                terminal.flush();
            }
        }
    }
}
