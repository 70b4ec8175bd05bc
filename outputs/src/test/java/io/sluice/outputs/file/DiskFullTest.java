package io.sluice.outputs.file;

import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.PermanentOutputException;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sluice.outputs.file.FileOutputTest.batch;
import static io.sluice.outputs.file.FileOutputTest.json;
import static io.sluice.outputs.file.FileOutputTest.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real full disk: a 64 KiB tmpfs mounted for the test (needs root, as in CI; skipped otherwise).
 * The write that hits ENOSPC must throw {@link RetriableException} and leave no partial line, and the
 * retry after space is freed must write the batch exactly once. The same file system remounted
 * read-only is a {@link PermanentOutputException}: no wait makes it writable, the operator must.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountTinyFilesystem() throws Exception {
        mount = Files.createDirectories(dir.resolve("tiny"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "sluice-test", mount.toString()) == 0;
        assumeTrue(mounted, "skipped: cannot mount a 64k tmpfs (needs root); the disk-full path is untested here");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) run("umount", mount.toString());
    }

    @Test
    void aFullDiskIsRetriableAndLeavesNoTornLine() throws Exception {
        Path filler = mount.resolve("filler");
        Files.write(filler, new byte[40 * 1024]);
        Path file = mount.resolve("out.ndjson");
        Output out = Plugins.create("file", "disk", "{\"path\":\"" + file + "\",\"rotate\":{\"max_bytes\":0}}");
        out.start(new TestOutputContext("disk", dir.resolve("data")));
        try {
            List<String> written = new ArrayList<>();
            SinkBatch failed = null;
            for (int b = 0; b < 200 && failed == null; b++) {
                SinkBatch batch = batch("api", b * 10, 10);
                try {
                    assertThat(out.send(batch).allDelivered()).isTrue();
                    written.addAll(json(batch));
                } catch (RetriableException e) {
                    assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("No space left");
                    failed = batch;
                }
            }
            if (failed == null) fail("the 64k filesystem never filled up");
            assertThat(written).isNotEmpty();
            // exactly the batches that succeeded, every line whole
            assertThat(lines(file)).containsExactlyElementsOf(written);

            Files.delete(filler);
            assertThat(out.send(failed).allDelivered()).isTrue();
            written.addAll(json(failed));
            assertThat(lines(file)).containsExactlyElementsOf(written);
        } finally {
            out.close();
        }
    }

    @Test
    void aReadOnlyFileSystemIsPermanentUntilRemountedWritable() throws Exception {
        assertThat(run("mount", "-o", "remount,ro", mount.toString())).isZero();
        Output fixed = Plugins.create("file", "disk", "{\"path\":\"" + mount.resolve("out.ndjson") + "\"}");
        assertThatThrownBy(() -> fixed.start(new TestOutputContext("disk", dir.resolve("data"))))
                .isInstanceOf(PermanentOutputException.class).hasMessageContaining("mounted read-only");

        Output out = Plugins.create("file", "disk", "{\"path\":\"" + mount + "/{service.name}.ndjson\"}");
        out.start(new TestOutputContext("disk", dir.resolve("data")));
        try {
            SinkBatch batch = batch("api", 0, 3);
            assertThatThrownBy(() -> out.send(batch)).isInstanceOf(PermanentOutputException.class)
                    .hasMessageContaining(mount.resolve("api.ndjson").toString()).hasMessageContaining("mounted read-only")
                    .hasMessageContaining("remount it read-write");

            assertThat(run("mount", "-o", "remount,rw", mount.toString())).isZero();
            assertThat(out.send(batch).allDelivered()).isTrue();
            assertThat(lines(mount.resolve("api.ndjson"))).containsExactlyElementsOf(json(batch));
        } finally {
            out.close();
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
