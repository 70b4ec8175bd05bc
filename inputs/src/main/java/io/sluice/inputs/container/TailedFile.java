package io.sluice.inputs.container;

import io.sluice.api.event.ContainerFields;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.framing.LineFramer;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.inputs.multiline.MultilineJoiner;
import io.sluice.inputs.multiline.MultilineSettings;
import io.sluice.inputs.multiline.RecordSink;
import io.sluice.inputs.multiline.StackTraces;
import io.sluice.api.plugin.RecordDecoder;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file being tailed, known by its {@link FileKey}: reads from its offset with positional reads
 * into the reader's shared buffer, frames lines, joins partial records and publishes batches on its
 * own {@link Source}. Only the tail reader thread calls it, except the ack listener, which only sets
 * the checkpoint offset.
 *
 * <p>Events carry the path the file was found under ({@code log.file.path}, and the container
 * identity drawn from it), also after it was renamed while being read.
 *
 * <p>A truncation (copytruncate) starts a new generation: a new source, reading from 0, and acks
 * still arriving for the old content no longer move the checkpoint.
 */
final class TailedFile implements RecordSink {
    private final InputContext context;
    private final TailSettings settings;
    private final TailMetrics metrics;
    private final FileKey key;
    private final ContainerFields container;
    private final LineFramer framer;
    private final Path foundPath;
    private volatile Path path;
    private volatile byte[] fingerprint;
    private FileChannel channel;
    private Format format;
    private RecordAssembler assembler;
    private MultilineJoiner multiline;
    /** The file's pod's {@code sluice.io/multiline} rule; null when the path names no pod. */
    private final PodMultiline.File podRule;
    /**
     * Set once this file's records were ever joined, so the workers decode them with stack-trace
     * recognition; read by the decoders of the file's source, which is opened before a pod's rule may
     * turn joining on.
     */
    private volatile boolean joinedEver;
    private Source source;
    private RawBatch batch;
    private volatile int generation;
    private volatile long checkpoint;
    // the size poll() last saw, kept for the lag gauge so that reading it costs no stat
    private volatile long knownSize;
    private long published = -1;
    private long lastDataNanos = System.nanoTime();
    private long goneSinceNanos = -1;

    TailedFile(InputContext context, TailSettings settings, TailMetrics metrics, FileKey key, Path path,
               FileChannel channel, byte[] fingerprint, long startOffset, PodMultiline podMultiline) {
        this.context = context;
        this.settings = settings;
        this.metrics = metrics;
        this.key = key;
        this.path = path;
        this.channel = channel;
        this.fingerprint = fingerprint;
        this.foundPath = path;
        this.container = ContainerPaths.identify(path);
        this.podRule = podMultiline.forFile(container);
        if (podRule != null) podRule.refresh(System.nanoTime()); // asked when opened, again while not known
        this.framer = LineFramer.forFile(settings.format().lineLimit(settings.maxLineBytes()));
        this.framer.reset(startOffset);
        this.checkpoint = startOffset;
        this.knownSize = startOffset;
        this.format = settings.format() == Format.AUTO ? null : settings.format();
        if (format != null) formatKnown();
    }

    /** Builds the chain for the file's format: assembler, then multiline joining if configured. */
    private void formatKnown() {
        joinWith(podRule == null ? settings.multiline() : podRule.current());
        assembler = format.assembler(this::assembled, settings.maxLineBytes());
    }

    /** An assembled record goes to the joiner when the file joins lines, else straight into the batch. */
    private void assembled(byte[] b, int off, int len, int flags, long recordOffset, long position) {
        if (multiline != null) multiline.record(b, off, len, flags, recordOffset, position);
        else record(b, off, len, flags, recordOffset, position);
    }

    /** Joins from now on with {@code m} (null: not at all); the event being joined is sent first, in order. */
    private void joinWith(MultilineSettings m) {
        if (multiline != null) {
            multiline.flush(Long.MAX_VALUE);
            multiline.close();
        }
        multiline = m == null ? null : m.joiner(this, format.envelope());
        if (multiline != null) joinedEver = true;
    }

    /** The pod became known and its annotation asks for another rule than the file joins with. */
    private void followPodRule() {
        if (podRule != null && podRule.refresh(System.nanoTime()) && assembler != null) joinWith(podRule.current());
    }

    /** Sends the records being joined that were last extended before the cutoff (split lines first, then multiline). */
    private void flushJoined(long touchedBefore) {
        if (assembler != null) assembler.flush(touchedBefore);
        if (multiline != null) multiline.flush(touchedBefore);
    }

    private boolean hasJoined() {
        return assembler != null && assembler.hasPending() || multiline != null && multiline.hasPending();
    }

    FileKey key() { return key; }
    Path path() { return path; }
    boolean isOpen() { return channel != null; }
    long offset() { return framer.offset(); }
    long lastDataNanos() { return lastDataNanos; }
    boolean gone() { return goneSinceNanos >= 0; }
    long goneSinceNanos() { return goneSinceNanos; }

    /** True while sinks have not yet acknowledged everything published from the current content. */
    boolean awaitingAcks() {
        return published > checkpoint;
    }

    /**
     * Bytes not yet acknowledged: the size last seen by the reader minus the checkpoint, so both
     * unread bytes and bytes read but not yet in every sink. Any thread may call it.
     */
    long lagBytes() {
        return Math.max(0, knownSize - checkpoint);
    }

    /** Seen by a scan (maybe under a new name after a rename within the globs). */
    void seen(Path now) {
        path = now;
        goneSinceNanos = -1;
    }

    /** No glob matches it any more (renamed away or deleted); it is still read from its open descriptor. */
    void markGone(long nowNanos) {
        if (goneSinceNanos < 0) goneSinceNanos = nowNanos;
    }

    Checkpoints.Entry checkpointEntry() {
        return new Checkpoints.Entry(key, fingerprint, checkpoint, path.toString());
    }

    /** Reads what is there, up to {@code budget} bytes, and publishes it. Returns true if anything was read. */
    boolean poll(ByteBuffer buffer, long budget) throws IOException, InterruptedException {
        if (channel == null) return false;
        followPodRule();
        long size = channel.size();
        knownSize = size;
        if (size < framer.offset()) {
            truncated();
        } else if (size > framer.offset()) {
            // before reading new data, make sure it is still the same content: a copytruncate followed
            // by fast writes can leave the file longer than our offset
            checkFingerprint();
        }
        long read = 0;
        while (read < budget && !Thread.currentThread().isInterrupted()) {
            buffer.clear();
            int n = channel.read(buffer, framer.offset());
            if (n <= 0) break;
            framer.feed(buffer.array(), 0, n, this::line);
            read += n;
        }
        if (read > 0) lastDataNanos = System.nanoTime();
        publish();
        return read > 0;
    }

    boolean atEnd() throws IOException {
        return channel == null || framer.offset() >= channel.size();
    }

    /**
     * Compares the first bytes with the known fingerprint: when they changed, the file was truncated
     * and rewritten past the old offset (copytruncate that the size check missed).
     */
    void checkFingerprint() throws IOException, InterruptedException {
        if (channel == null) return;
        byte[] now = Fingerprint.read(channel);
        if (!Fingerprint.sameFile(fingerprint, now)) truncated();
        fingerprint = now;
    }

    /** Sends the partial records of any stream that have waited longer than the flush timeout. */
    void flushIfIdle(long nowNanos) throws InterruptedException {
        if (!hasJoined()) return;
        flushJoined(nowNanos - settings.flushTimeout().toNanos());
        publish();
    }

    /** Closes the descriptor of an idle file; it is reopened by path and position when it grows. */
    void park() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }

    /**
     * Reopens a parked file. Returns false when the path now holds another file (the parked one was
     * rotated away while closed, or its inode was reused), which the caller then treats as new.
     */
    boolean reopen() throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        boolean same;
        try {
            same = FileKey.of(path).equals(key) && Fingerprint.sameFile(fingerprint, Fingerprint.read(ch));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (!same) {
            ch.close();
            return false;
        }
        channel = ch;
        return true;
    }

    /** Reads to the end, sends whatever is still held (a last line without newline too), closes. */
    void release(ByteBuffer buffer) throws IOException, InterruptedException {
        poll(buffer, Long.MAX_VALUE);
        framer.flush(this::line);
        flushJoined(Long.MAX_VALUE);
        publish();
        close();
        metrics.filesReleased.increment();
    }

    /** Closes without reading on (stop): what was not published is read again after a restart. */
    void close() throws IOException {
        if (source != null) source.close();
        source = null;
        park();
    }

    private void truncated() throws InterruptedException {
        metrics.truncations.increment();
        framer.flush(this::line);
        flushJoined(Long.MAX_VALUE);
        publish();
        if (source != null) source.close();
        source = null;
        generation++;
        framer.reset(0);
        checkpoint = 0;
        published = -1;
        fingerprint = new byte[0];
    }

    private void line(byte[] b, int off, int len, boolean truncated, long start, long end) {
        if (assembler == null) {
            if (len == 0) return;
            format = Format.detect(b, off, len);
            formatKnown();
        }
        assembler.line(b, off, len, truncated, start, end);
    }

    @Override
    public void record(byte[] b, int off, int len, int flags, long recordOffset, long position) {
        if (source == null) openSource();
        if ((flags & RawBatch.TRUNCATED) != 0) metrics.truncated.increment();
        batch.add(b, off, len, flags, position, recordOffset);
        if (batch.isFull()) {
            try {
                publish();
            } catch (InterruptedException e) {
                // stopping: the loop sees the flag and ends
                Thread.currentThread().interrupt();
            }
        }
    }

    private void openSource() {
        int gen = generation;
        // a pod's rule may turn joining on after the source is open: its decoders then ask whether it did
        DecodeOptions options = context.decodeOptions().inZone(settings.timezone());
        RecordDecoder.Factory decoders = podRule == null ? format.decoder(options, multiline != null)
                : StackTraces.afterWhen(() -> joinedEver, format.decoder(options));
        SourceSpec spec = SourceSpec.of(foundPath.toString(), "container", decoders)
                .withFilePath(foundPath.toString())
                .withContainer(withRuntime(container, format))
                .withAcks(position -> {
                    if (gen == generation) checkpoint = position;
                });
        source = context.openSource(spec);
        batch = source.newBatch();
    }

    /** A json-file log tells the runtime even where the path does not (kubelet's links to Docker logs). */
    private static ContainerFields withRuntime(ContainerFields c, Format format) {
        if (c == null || c.containerRuntime() != null || format != Format.DOCKER) return c;
        return new ContainerFields(c.containerId(), c.containerName(), "docker", c.kubernetesNamespace(),
                c.kubernetesPodName(), c.kubernetesPodUid(), c.kubernetesContainerName());
    }

    private void publish() throws InterruptedException {
        if (source == null || batch.isEmpty()) return;
        RawBatch full = batch;
        batch = source.newBatch();
        published = full.lastPosition();
        if (!source.publish(full) && !Thread.currentThread().isInterrupted()) source.awaitCapacity();
    }
}
