package io.sluice.outputs.stdout;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes each event as one line to a stream (the process's stdout in production), flushed at the
 * end of every batch so a reader sees a batch as soon as it is acknowledged.
 */
public final class StdoutOutput implements Output {
    /** How an event becomes a line. */
    enum Format {
        JSON, TEXT;

        static Format of(String word) {
            return "text".equals(word) ? TEXT : JSON;
        }
    }

    private final Format format;
    private final OutputStream out;
    private final TextLine text;
    private StdoutClosedException closed;

    /** Writes to {@code sink}; tests pass a byte stream so they need no console. */
    StdoutOutput(Format format, OutputStream sink) {
        this.format = format;
        this.out = new BufferedOutputStream(sink, 64 * 1024);
        this.text = format == Format.TEXT ? new TextLine() : null;
    }

    @Override
    public void start(OutputContext context) {
        // nothing to open: the stream exists for the life of the process
    }

    @Override
    public synchronized SendResult send(SinkBatch batch) throws StdoutClosedException {
        // A broken pipe does not heal: whoever read our stdout is gone for the life of the process.
        if (closed != null) throw closed;
        try {
            for (int i = 0; i < batch.size(); i++) {
                if (format == Format.JSON) {
                    batch.writeJson(i, out);
                    out.write('\n');
                } else {
                    out.write(text.format(batch.event(i)));
                }
            }
            out.flush();
        } catch (IOException e) {
            closed = new StdoutClosedException(e);
            throw closed;
        }
        return SendResult.delivered();
    }

    @Override
    public synchronized void close() {
        try {
            out.flush();
        } catch (IOException ignored) {
            // stdout is gone; nothing is left to tell
        }
        // The stream is not closed: file descriptor 1 belongs to the process, not to this output.
    }
}
