package io.sluice.outputs.file;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputContext;
import io.sluice.api.plugin.OutputException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends each event's JSON and a newline to the file its path template names. {@link #send} returns
 * once the batch is written to the operating system (and fsynced with {@code fsync: true}).
 *
 * <p>A failed write (a full disk, a path that became a directory) leaves every file as it was before
 * that write, so the pipeline can retry without duplicating or tearing lines: a batch that wrote
 * nothing throws; a batch that wrote some files and not others marks only the unwritten events for
 * retry. Which kind of failure it throws (permanent for permission denied or a read-only file
 * system, retriable for a full disk) is {@link WriteFailures}'s to say.
 */
public final class FileOutput implements Output {
    private final PathTemplate template;
    private final OpenFiles files;
    private final Path fixedPath;
    private final StringBuilder scratch = new StringBuilder(128);
    private final Map<String, Indexes> groups = new LinkedHashMap<>();
    private final Indexes all = new Indexes();
    private ByteBuffer buf = ByteBuffer.allocate(64 * 1024);

    FileOutput(PathTemplate template, OpenFiles files) {
        this.template = template;
        this.files = files;
        this.fixedPath = template.isTemplated() ? null : Path.of(template.toString()).toAbsolutePath().normalize();
    }

    @Override
    public void start(OutputContext context) throws OutputException {
        try {
            // open what can be opened now, so a wrong path or permission shows at start, not at the first event
            if (fixedPath != null) files.get(fixedPath);
            else Files.createDirectories(template.baseDir());
        } catch (IOException e) {
            throw WriteFailures.of("cannot open " + template, fixedPath != null ? fixedPath : template.baseDir(), e, "");
        }
    }

    @Override
    public synchronized SendResult send(SinkBatch batch) throws OutputException {
        int n = batch.size();
        if (n == 0) return SendResult.delivered();
        Outcome outcome = new Outcome();
        if (fixedPath != null) {
            all.clear();
            for (int i = 0; i < n; i++) all.add(i);
            writeGroup(batch, fixedPath, all, outcome);
        } else {
            groupByPath(batch);
            for (Map.Entry<String, Indexes> g : groups.entrySet()) {
                Path path = insideBase(g.getKey());
                if (path == null) {
                    for (int k = 0; k < g.getValue().size; k++) {
                        outcome.refuse(g.getValue().get(k), "path_outside_directory",
                                "the path template gave '" + g.getKey() + "', outside " + template.baseDir());
                    }
                } else {
                    writeGroup(batch, path, g.getValue(), outcome);
                }
            }
        }
        return outcome.result(n);
    }

    private void groupByPath(SinkBatch batch) {
        groups.clear();
        for (int i = 0; i < batch.size(); i++) {
            groups.computeIfAbsent(template.render(batch.event(i), scratch), k -> new Indexes()).add(i);
        }
    }

    /** The rendered path if it lies under the template's base directory, else null. */
    private Path insideBase(String rendered) {
        try {
            Path p = Path.of(rendered).toAbsolutePath().normalize();
            return p.startsWith(template.baseDir()) && !p.equals(template.baseDir()) ? p : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * Writes one file's events in order, in chunks that end where the file must rotate. Each chunk
     * lands whole or not at all; on a failure this and the later events of the group are left to retry.
     */
    private void writeGroup(SinkBatch batch, Path path, Indexes idx, Outcome outcome) {
        int committed = 0;
        try {
            LineFile file = files.get(path);
            buf.clear();
            for (int k = 0; k < idx.size; k++) {
                int i = idx.get(k);
                int len = batch.jsonLength(i) + 1;
                if (file.needsRotation(buf.position(), len)) {
                    if (buf.position() > 0) {
                        flush(file);
                        committed = k;
                    }
                    file.rotate();
                }
                append(batch, i, len);
            }
            flush(file);
        } catch (IOException e) {
            outcome.fail(path, e);
            for (int k = committed; k < idx.size; k++) outcome.retry(idx.get(k));
        }
    }

    private void append(SinkBatch batch, int i, int len) {
        if (buf.remaining() < len) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + len));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        buf.put(batch.jsonArray(i), batch.jsonOffset(i), len - 1).put((byte) '\n');
    }

    private void flush(LineFile file) throws IOException {
        buf.flip();
        try {
            file.write(buf);
        } finally {
            buf.clear();
        }
    }

    @Override
    public synchronized void close() {
        files.close();
    }

    /** How a send went, turned into a {@link SendResult} or, when nothing was written, an exception. */
    private static final class Outcome {
        int retries;
        SendResult partial;
        IOException failure;
        Path failedPath;

        void fail(Path path, IOException e) {
            if (failure == null) {
                failure = e;
                failedPath = path;
            }
        }

        void retry(int i) {
            retries++;
            partial().retry(i);
        }

        void refuse(int i, String type, String reason) {
            partial().refuse(i, type, reason);
        }

        private SendResult partial() {
            if (partial == null) partial = SendResult.builder();
            return partial;
        }

        SendResult result(int n) throws OutputException {
            if (retries == n) {
                throw WriteFailures.of("cannot write " + failedPath, failedPath, failure,
                        "; nothing of the batch was written and it will be retried");
            }
            return partial == null ? SendResult.delivered() : partial;
        }
    }

    /** A growable list of event indexes, so grouping does not box. */
    private static final class Indexes {
        int[] values = new int[16];
        int size;

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        int get(int k) {
            return values[k];
        }

        void clear() {
            size = 0;
        }
    }
}
