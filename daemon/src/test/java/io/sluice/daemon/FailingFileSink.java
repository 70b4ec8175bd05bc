package io.sluice.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real sink that fails on demand: a {@code file} output (id {@code archive}, fed by tcp input
 * {@code app}) whose directory is replaced by a regular file — chmod would not stop root — and later
 * put back, so tests watch health follow a real write failure and its recovery.
 */
final class FailingFileSink {
    private final Path out;
    private final Path saved;
    final Path events;

    FailingFileSink(Path dir) {
        this.out = dir.resolve("out");
        this.saved = dir.resolve("out.saved");
        this.events = out.resolve("events.ndjson");
    }

    /** @param retry the output's {@code retry:} block as a YAML flow map */
    String pipeline(String retry) {
        return pipeline(retry, "{type: memory}");
    }

    /** @param buffer the output's {@code buffer:} block as a YAML flow map */
    String pipeline(String retry, String buffer) {
        return """
                inputs:
                  app: {type: tcp, listen: "127.0.0.1:0"}
                outputs:
                  archive:
                    type: file
                    path: "%s"
                    retry: %s
                    buffer: %s
                """.formatted(events, retry, buffer);
    }

    /** The directory the sink writes to, as named in its errors. */
    Path directory() {
        return out;
    }

    void breakIt() throws IOException {
        Files.move(out, saved);
        Files.writeString(out, "not a directory any more");
    }

    void repair() throws IOException {
        Files.delete(out);
        Files.move(saved, out);
    }

    List<String> lines() throws IOException {
        return RunningDaemon.lines(events);
    }
}
