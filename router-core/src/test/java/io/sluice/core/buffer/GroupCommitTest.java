package io.sluice.core.buffer;

import io.sluice.core.health.RateLimitedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group commit on real files: what it forces, what it counts, and when a closed file is no failure. */
class GroupCommitTest {
    @TempDir
    Path dir;
    private final DiskBufferCounters counters = new DiskBufferCounters();

    private RandomAccessFile file(String name) throws IOException {
        return new RandomAccessFile(dir.resolve(name).toFile(), "rw");
    }

    private GroupCommit commit(RandomAccessFile file) {
        return new GroupCommit(file, "test", counters, new RateLimitedLog(LoggerFactory.getLogger(getClass()), 10_000));
    }

    @Test
    void aRecordAlreadyForcedIsNotForcedAgain() throws Exception {
        try (RandomAccessFile f = file("a")) {
            GroupCommit commit = commit(f);
            commit.syncAll();
            assertThat(counters.fsyncs()).as("nothing written yet").isZero();
            commit.written(f, 0);
            commit.written(f, 1);
            commit.syncUpTo(0);
            assertThat(counters.fsyncs()).isEqualTo(1);
            commit.syncUpTo(1); // the fsync for record 0 covered record 1, written before it
            commit.syncAll();
            assertThat(counters.fsyncs()).isEqualTo(1);
            commit.written(f, 2);
            commit.syncAll();
            assertThat(counters.fsyncs()).isEqualTo(2);
        }
    }

    @Test
    void aSealedSegmentClosedByARollCountsAsDurable() throws Exception {
        RandomAccessFile old = file("old");
        try (RandomAccessFile next = file("next")) {
            GroupCommit commit = commit(old);
            commit.written(old, 5);
            old.getFD().sync(); // what the writer does before sealing
            commit.sealed();
            old.close();
            commit.syncUpTo(5);
            assertThat(counters.fsyncs()).isZero();
            commit.rolledTo(next);
            commit.written(next, 6);
            commit.syncAll();
            assertThat(counters.fsyncs()).isEqualTo(1);
            assertThat(counters.fsyncErrors()).isZero();
        }
    }

    @Test
    void aFailedFsyncIsThrownOrCountedNeverClaimedDurable() throws Exception {
        RandomAccessFile f = file("a");
        GroupCommit commit = commit(f);
        commit.written(f, 0);
        f.close(); // not sealed: the record is not known to be on the disk
        assertThatThrownBy(() -> commit.syncUpTo(0)).isInstanceOf(IOException.class);
        commit.syncQuietly(0);
        assertThat(counters.fsyncErrors()).isEqualTo(1);
        assertThat(counters.fsyncs()).isZero();
    }
}
