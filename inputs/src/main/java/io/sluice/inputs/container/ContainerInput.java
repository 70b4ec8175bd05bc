package io.sluice.inputs.container;

import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tails log files ({@code type: container}): Docker json-file, CRI and plain text, through rotation,
 * with checkpoints that advance only as sinks acknowledge. One reader thread serves every file:
 * it scans the globs (on watch events and every {@code scan interval}), reads each open file up to
 * a budget in turn, and blocks in {@code awaitCapacity} when the pipeline is full, which is how the
 * tail stops reading under backpressure. Another thread stores the acknowledged offsets every
 * {@value #CHECKPOINT_INTERVAL_MS} ms when they moved.
 */
public final class ContainerInput implements Input {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerInput.class);
    private static final int READ_BUFFER = 64 * 1024;
    private static final long READ_BUDGET = 1024 * 1024;
    /**
     * How often acknowledged offsets are stored (only when they moved). What was acknowledged since
     * the last store is read again after a crash; at tens of MB/s a second is a lot of lines, and a
     * store is one small file written and forced, so a quarter second costs little.
     */
    static final long CHECKPOINT_INTERVAL_MS = 250;

    private final String id;
    private final TailSettings settings;
    private final Discovery discovery;
    // written by the reader thread only; the checkpoint thread reads it
    private final Map<FileKey, TailedFile> files = new ConcurrentHashMap<>();
    private final Set<Path> unreadable = new HashSet<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    private InputContext context;
    private Checkpoints checkpoints;
    private TailMetrics metrics;
    private PodMultiline podMultiline;
    private volatile int openFiles;
    private Map<FileKey, Checkpoints.Entry> stored = Map.of();
    private WatchService watcher;
    private final Set<Path> watched = new HashSet<>();
    private Thread thread;
    private ScheduledExecutorService checkpointer;
    private volatile boolean running;
    private volatile boolean ready;
    private List<Checkpoints.Entry> lastStored = List.of();
    private boolean lastStoreDone; // guarded by this, like lastStored

    public ContainerInput(String id, TailSettings settings) {
        this.id = id;
        this.settings = settings;
        this.discovery = new Discovery(settings.paths(), settings.exclude());
    }

    @Override
    public void start(InputContext context) throws IOException {
        this.context = context;
        this.checkpoints = new Checkpoints(context.dataDir());
        this.metrics = new TailMetrics(context.meters(), context.inputId(), () -> openFiles, files::size,
                this::lagBytes);
        this.stored = checkpoints.load();
        this.podMultiline = new PodMultiline(id, context.pods(), settings.multiline(), settings.multilinePreset());
        this.watcher = java.nio.file.FileSystems.getDefault().newWatchService();
        running = true;
        // a thread of its own: the reader may block for long in awaitCapacity while acks keep coming
        checkpointer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-tail-checkpoints-" + id);
            t.setDaemon(true);
            return t;
        });
        checkpointer.scheduleWithFixedDelay(this::storeCheckpoints, CHECKPOINT_INTERVAL_MS, CHECKPOINT_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
        thread = new Thread(this::run, "sluice-tail-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) t.interrupt();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t == null) return true;
        t.join(Math.max(1, timeout.toMillis()));
        return !t.isAlive();
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    /** Summed over the tracked files from the sizes the reader last saw: no stat on the metrics thread. */
    private long lagBytes() {
        long sum = 0;
        for (TailedFile f : files.values()) sum += f.lagBytes();
        return sum;
    }

    private void run() {
        try {
            scan(true);
            ready = true;
            long nextScan = System.nanoTime() + settings.scanInterval().toNanos();
            while (running && !Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                if (now >= nextScan) {
                    scan(false);
                    nextScan = now + settings.scanInterval().toNanos();
                }
                boolean progressed = readAll();
                now = System.nanoTime();
                releaseAndFlush(now);
                openFiles = (int) files.values().stream().filter(TailedFile::isOpen).count();
                if (!progressed && waitForEvents()) nextScan = 0;
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stop() was called
        } catch (RuntimeException | Error e) {
            ready = false; // readiness shows the input is no longer reading
            LOG.error("container input {} stopped reading: {}", id, e.toString(), e);
        } finally {
            shutdown();
        }
    }

    /** Reads every open file once, up to the budget each. */
    private boolean readAll() throws InterruptedException {
        boolean progressed = false;
        for (TailedFile f : List.copyOf(files.values())) {
            if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
            try {
                progressed |= f.poll(buffer, READ_BUDGET);
            } catch (ClosedByInterruptException e) {
                // stop() landed inside a read: not a read error; the offset read so far is kept
                throw new InterruptedException("stopped while reading " + f.path());
            } catch (IOException e) {
                metrics.readErrors.increment();
                LOG.warn("container input {}: cannot read {}: {}; retrying", id, f.path(), e.toString());
                // keep its position: the next scan reopens it (or finds it replaced)
                parkQuietly(f);
            }
        }
        return progressed;
    }

    private void releaseAndFlush(long now) throws InterruptedException {
        long wait = settings.rotateWait().toNanos();
        for (TailedFile f : List.copyOf(files.values())) {
            try {
                f.flushIfIdle(now);
                if (f.gone() && now - f.goneSinceNanos() >= wait && f.atEnd()) {
                    f.release(buffer);
                    files.remove(f.key());
                }
            } catch (IOException e) {
                LOG.warn("container input {}: releasing {}: {}", id, f.path(), e.toString());
                closeQuietly(f);
                files.remove(f.key());
            }
        }
    }

    private void scan(boolean first) throws InterruptedException {
        registerWatches();
        Set<FileKey> seen = new HashSet<>();
        for (Path p : discovery.scan()) {
            FileKey key;
            try {
                key = FileKey.of(p);
            } catch (IOException e) {
                continue; // vanished between listing and stat
            }
            seen.add(key);
            TailedFile known = files.get(key);
            if (known != null) {
                known.seen(p);
                if (!known.isOpen()) reopen(known);
                continue;
            }
            track(p, key, first);
        }
        if (first) followRotatedWhileDown(seen);
        long now = System.nanoTime();
        for (TailedFile f : files.values()) {
            if (!seen.contains(f.key())) {
                f.markGone(now);
            } else {
                try {
                    f.checkFingerprint();
                } catch (IOException e) {
                    LOG.warn("container input {}: cannot read the start of {}: {}", id, f.path(), e.toString());
                }
            }
        }
    }

    /**
     * A checkpointed file that no path matches now was rotated while Sluice was down: it is looked
     * for by device and inode (and fingerprint) in the directory it was in, and read from its
     * checkpoint to the end under its new name, whatever the globs say. The first scan's sweep marks
     * it gone, so it is released (and forgotten by the checkpoints) once read and rotate_wait passed.
     * A file rotated out of its directory, or compressed, cannot be found this way.
     */
    private void followRotatedWhileDown(Set<FileKey> seen) throws InterruptedException {
        Map<Path, List<Checkpoints.Entry>> byDirectory = new HashMap<>();
        for (Checkpoints.Entry cp : stored.values()) {
            if (seen.contains(cp.key()) || cp.path().isEmpty()) continue;
            Path parent = Path.of(cp.path()).getParent();
            if (parent != null) byDirectory.computeIfAbsent(parent, d -> new ArrayList<>()).add(cp);
        }
        for (var e : byDirectory.entrySet()) {
            try (var listing = Files.list(e.getKey())) {
                for (Path p : (Iterable<Path>) listing::iterator) {
                    if (!Files.isRegularFile(p)) continue;
                    FileKey key = FileKey.of(p);
                    for (Checkpoints.Entry cp : e.getValue()) {
                        if (!cp.key().equals(key) || files.containsKey(key) || Files.size(p) <= cp.offset()
                                || !sameContent(p, cp)) continue;
                        LOG.info("container input {}: {} was rotated to {} while stopped; reading it to its end",
                                id, cp.path(), p);
                        track(p, key, false);
                    }
                }
            } catch (IOException ex) {
                LOG.warn("container input {}: cannot look for files rotated while stopped in {}: {}", id, e.getKey(),
                        ex.toString());
            }
        }
    }

    /** The same first bytes as when checkpointed: not another file that got the inode again. */
    private static boolean sameContent(Path p, Checkpoints.Entry cp) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return Fingerprint.sameFile(cp.fingerprint(), Fingerprint.read(ch));
        }
    }

    private void track(Path p, FileKey key, boolean first) throws InterruptedException {
        if (!makeRoomForOpen()) return; // retried on the next scan
        FileChannel ch;
        byte[] fp;
        long size;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ);
            fp = Fingerprint.read(ch);
            size = ch.size();
        } catch (IOException e) {
            metrics.readErrors.increment();
            if (unreadable.add(p)) LOG.warn("container input {}: cannot open {}: {}; retrying", id, p, e.toString());
            return;
        }
        unreadable.remove(p);
        long start = 0;
        Checkpoints.Entry cp = stored.get(key);
        if (cp != null && Fingerprint.sameFile(cp.fingerprint(), fp)) {
            // shorter than the checkpoint: truncated while we were down, so all of it is new
            start = cp.offset() <= size ? cp.offset() : 0;
        } else if (first && settings.readFromEnd()) {
            start = size;
        }
        files.put(key, new TailedFile(context, settings, metrics, key, p, ch, fp, start, podMultiline));
        metrics.filesOpened.increment();
    }

    private void reopen(TailedFile f) throws InterruptedException {
        try {
            if (Files.size(f.path()) <= f.offset() || !makeRoomForOpen()) return;
            if (!f.reopen()) {
                // the path holds another file now: the parked one is gone, this one is new
                closeQuietly(f);
                files.remove(f.key());
                track(f.path(), FileKey.of(f.path()), false);
            }
        } catch (IOException e) {
            LOG.warn("container input {}: cannot reopen {}: {}", id, f.path(), e.toString());
        }
    }

    /** Keeps open descriptors under the limit by parking the longest-idle file that has nothing pending. */
    private boolean makeRoomForOpen() {
        int open = 0;
        TailedFile idlest = null;
        for (TailedFile f : files.values()) {
            if (!f.isOpen()) continue;
            open++;
            try {
                if (!f.gone() && f.atEnd() && (idlest == null || f.lastDataNanos() < idlest.lastDataNanos())) idlest = f;
            } catch (IOException e) {
                // not a candidate
            }
        }
        if (open < settings.maxOpenFiles()) return true;
        if (idlest == null) return false;
        try {
            idlest.park();
        } catch (IOException e) {
            return false;
        }
        return true;
    }

    private void registerWatches() {
        for (Path dir : discovery.baseDirectories()) {
            if (watched.contains(dir) || !Files.isDirectory(dir)) continue;
            try {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
                watched.add(dir);
            } catch (IOException e) {
                // the periodic scan still finds files there
            }
        }
    }

    /** Sleeps until a watch event or a short timeout; returns true when files were created or deleted. */
    private boolean waitForEvents() throws InterruptedException {
        WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
        boolean structural = false;
        while (key != null) {
            for (var ev : key.pollEvents()) {
                if (ev.kind() != StandardWatchEventKinds.ENTRY_MODIFY) structural = true;
            }
            if (!key.reset()) {
                watched.remove((Path) key.watchable());
                structural = true;
            }
            key = watcher.poll();
        }
        return structural;
    }

    private synchronized void storeCheckpoints() {
        if (lastStoreDone) return;
        List<Checkpoints.Entry> entries = new ArrayList<>(files.size());
        for (TailedFile f : files.values()) entries.add(f.checkpointEntry());
        if (sameOffsets(entries, lastStored)) return;
        try {
            checkpoints.store(entries);
            lastStored = entries;
        } catch (IOException e) {
            LOG.warn("container input {}: cannot store checkpoints in {}: {}", id, checkpoints.file(), e.toString());
        }
    }

    /**
     * The store at stop, after which the periodic thread stores nothing more: a run of it that was
     * already waiting for this lock would otherwise store the emptied file table.
     */
    private synchronized void storeLastCheckpoints() {
        storeCheckpoints();
        lastStoreDone = true;
    }

    private static boolean sameOffsets(List<Checkpoints.Entry> a, List<Checkpoints.Entry> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            Checkpoints.Entry x = a.get(i);
            Checkpoints.Entry y = b.get(i);
            if (!x.key().equals(y.key()) || x.offset() != y.offset() || x.fingerprint().length != y.fingerprint().length) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs on the reader thread, which stop() interrupted: the flag is cleared for the ack wait and
     * the last store (an interrupt closes the checkpoint file's channel mid-write, which lost the
     * final checkpoint), and set again at the end.
     */
    private void shutdown() {
        for (TailedFile f : files.values()) closeQuietly(f);
        boolean interrupted = Thread.interrupted();
        try {
            interrupted |= awaitAcks();
            checkpointer.shutdown();
            storeLastCheckpoints();
            files.clear();
            try {
                if (watcher != null) watcher.close();
            } catch (IOException e) {
                // closing
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Gives the sinks a bounded time to acknowledge what was already published, so the stored
     * checkpoints include it and a restart reads less again. Returns true when interrupted.
     */
    private boolean awaitAcks() {
        long deadline = System.nanoTime() + settings.shutdownAckWait().toNanos();
        try {
            while (System.nanoTime() < deadline && files.values().stream().anyMatch(TailedFile::awaitingAcks)) {
                Thread.sleep(20);
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private void parkQuietly(TailedFile f) {
        try {
            f.park();
        } catch (IOException e) {
            // already broken
        }
    }

    private void closeQuietly(TailedFile f) {
        try {
            f.close();
        } catch (IOException e) {
            // already broken
        }
    }
}
