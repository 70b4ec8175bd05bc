package io.sluice.core.buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real full disk: a 256 KiB tmpfs. Appends push back (and drop_newest appends are refused) instead of
 * failing, and resume once acknowledgements free segments. Needs root to mount; skipped otherwise.
 */
class DiskBufferDiskFullTest {
    @TempDir
    Path tmp;
    private Path mount;

    @BeforeEach
    void mountSmallTmpfs() throws Exception {
        mount = tmp.resolve("small");
        Files.createDirectories(mount);
        boolean mounted;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString())
                    .redirectErrorStream(true).start();
            mounted = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            mounted = false;
        }
        Assumptions.assumeTrue(mounted, "skipped: mounting a small tmpfs needs root (CI runs as root)");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(60)
    void aFullDiskPushesBackAndResumesWhenAcknowledgementsFreeSpace() throws Exception {
        DiskBufferSettings settings = DiskBufferSettings.builder().maxBytes(8L << 20).segmentBytes(64 * 1024)
                .fsync(FsyncPolicy.INTERVAL).build();
        int records = 100;
        try (DiskBuffer buffer = DiskBuffer.open(mount.resolve("buffer"), settings)) {
            AtomicInteger appended = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread appender = new Thread(() -> {
                try {
                    for (int i = 0; i < records; i++) {
                        if (!buffer.append(Payloads.of(i, 8000), 0, 8000)) throw new AssertionError("closed");
                        appended.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            appender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> buffer.counters().writeErrors() > 0);
            assertThat(appended.get()).isLessThan(records);
            assertThat(appender.isAlive()).isTrue();
            assertThat(buffer.tryAppend(new byte[8000], 0, 8000)).isFalse(); // drop_newest: refused, counted

            for (int i = 0; i < records; i++) {
                BufferRecord r = buffer.read(10, TimeUnit.SECONDS);
                assertThat(r).as("record %d", i).isNotNull();
                assertThat(Payloads.text(r.payload())).isEqualTo(Payloads.text(Payloads.of(i, 8000)));
                buffer.ack(r.position());
            }
            appender.join(10_000);
            assertThat(failure.get()).isNull();
            assertThat(appended.get()).isEqualTo(records);
            assertThat(buffer.counters().appendsRefused()).isPositive();
        }
    }
}
