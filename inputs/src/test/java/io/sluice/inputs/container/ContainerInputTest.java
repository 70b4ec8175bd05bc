package io.sluice.inputs.container;

import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import io.sluice.api.schema.Timestamps;
import io.sluice.core.testkit.CollectingInputContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sluice.inputs.container.Tails.append;
import static io.sluice.inputs.container.Tails.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ContainerInputTest {
    @TempDir
    Path dir;

    private CollectingInputContext context() {
        return new CollectingInputContext("pods", dir.resolve("data"));
    }

    @Test
    void tailsTextFilesWithPathAndRecordOffsets() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        append(app, "first line\r\n{\"msg\":\"structured\",\"level\":\"warn\"}\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log")), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
            append(app, "third\n");
            Path later = logs.resolve("later.log");
            append(later, "from a new file\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 4);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(ctx)).contains("first line", "structured", "third", "from a new file");
        LogEvent first = ctx.events().get(0);
        assertThat(first.filePath()).isEqualTo(app.toString());
        assertThat(first.offset()).isZero();
        assertThat(first.inputType()).isEqualTo("container");
        assertThat(ctx.events().get(1).offset()).isEqualTo("first line\r\n".length());
        assertThat(ctx.events().get(1).level()).hasToString("WARN");
        assertThat(ctx.events().stream().filter(e -> e.message().equals("third")).findFirst().orElseThrow().offset())
                .isEqualTo(Files.size(app) - "third\n".length());
    }

    @Test
    void timesWithoutAnOffsetAreReadInTheInputsTimezone() throws Exception {
        Path app = dir.resolve("app.log");
        append(app, "{\"log\":\"2026-07-02 03:04:05,123 - shop - ERROR - summer time\\n\",\"stream\":\"stderr\","
                + "\"time\":\"2026-07-02T01:04:05.200Z\"}\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString()), "format", "docker",
                "timezone", "Europe/Berlin"), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        } finally {
            Tails.stop(in);
        }
        // the application's own time, in Berlin's summer time (UTC+2), not the runtime's receive time
        assertThat(ctx.events().get(0).timestampNanos())
                .isEqualTo(java.time.Instant.parse("2026-07-02T01:04:05.123Z").toEpochMilli() * 1_000_000L);
        assertThat(ctx.events().get(0).message()).isEqualTo("summer time");
    }

    @Test
    void linkedDirectoriesAndLinkedFilesAreFollowed() throws Exception {
        // like /var/log/containers/*.log, links into /var/log/pods, under a base that is itself a link
        Path pods = Files.createDirectories(dir.resolve("pods/shop_web_0f8b2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/nginx"));
        Path real = pods.resolve("0.log");
        append(real, "2026-01-02T03:04:05Z stdout F through a link\n");
        Path containers = Files.createDirectories(dir.resolve("real-containers"));
        Files.createSymbolicLink(containers.resolve("web_shop_nginx-" + "ab".repeat(32) + ".log"), real);
        Path linkedBase = Files.createSymbolicLink(dir.resolve("containers"), containers);
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(linkedBase + "/*.log")), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        } finally {
            Tails.stop(in);
        }
        LogEvent e = ctx.events().get(0);
        assertThat(e.message()).isEqualTo("through a link");
        assertThat(e.filePath()).startsWith(linkedBase.toString());
        assertThat(e.container().kubernetesPodName()).isEqualTo("web");
    }

    @Test
    void theTailStopsReadingWhileThePipelineIsFull() throws Exception {
        Path app = dir.resolve("app.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) sb.append("line ").append(i).append('\n');
        append(app, sb.toString());
        CollectingInputContext ctx = context();
        ctx.capacity(false);
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString())), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ctx.events().isEmpty());
            Thread.sleep(500);
            assertThat(ctx.events().size()).as("one batch, then the reader waits").isLessThanOrEqualTo(512);
            ctx.capacity(true);
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 5000);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(ctx).get(4999)).isEqualTo("line 4999");
    }

    @Test
    void theOpenFilesGaugeStillCountsAfterAGarbageCollection() throws Exception {
        Path app = dir.resolve("app.log");
        append(app, "one\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString())), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
            System.gc(); // a weakly held gauge object would be collected here and the gauge read NaN
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    ctx.meters().get("sluice.input.container.files.open").gauge().value() == 1.0);
        } finally {
            Tails.stop(in);
        }
    }

    @Test
    void excludedFilesAreNotRead() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        append(logs.resolve("keep.log"), "kept\n");
        append(logs.resolve("skip.log"), "skipped\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log"), "exclude", List.of("skip.*")), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
            Thread.sleep(300);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(ctx)).containsExactly("kept");
    }

    @Test
    void longLinesAreCutTaggedAndTheNextLineIsIntact() throws Exception {
        Path app = dir.resolve("app.log");
        append(app, "x".repeat(5000) + "\nafter\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(app.toString()), "max_line_bytes", 100), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        } finally {
            Tails.stop(in);
        }
        LogEvent cut = ctx.events().get(0);
        assertThat(cut.message()).hasSize(100);
        assertThat(cut.hasTag(Tags.TRUNCATED)).isTrue();
        assertThat(ctx.events().get(1).message()).isEqualTo("after");
        assertThat(ctx.events().get(1).offset()).isEqualTo(5001);
        assertThat(ctx.meters().counter("sluice.input.container.truncated", "input", "pods").count()).isEqualTo(1.0);
    }

    @Test
    void moreFilesThanDescriptorsAreAllRead() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        for (int f = 0; f < 6; f++) append(logs.resolve("f" + f + ".log"), "file " + f + " line 0\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log"), "max_open_files", 2), ctx);
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() == 6);
            for (int f = 0; f < 6; f++) append(logs.resolve("f" + f + ".log"), "file " + f + " line 1\n");
            await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() == 12);
            Thread.sleep(300);
        } finally {
            Tails.stop(in);
        }
        for (int f = 0; f < 6; f++) {
            assertThat(messages(ctx)).containsOnlyOnce("file " + f + " line 0", "file " + f + " line 1");
        }
    }

    @Test
    void readFromEndSkipsWhatIsAlreadyThereButNotNewFiles() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        append(logs.resolve("old.log"), "old 1\nold 2\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log"), "read_from", "end"), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(in::isReady);
            append(logs.resolve("old.log"), "old 3\n");
            append(logs.resolve("new.log"), "new 1\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
            Thread.sleep(200);
        } finally {
            Tails.stop(in);
        }
        assertThat(messages(ctx)).containsExactlyInAnyOrder("old 3", "new 1");
    }

    @Test
    void dockerSixteenKibChunksAreJoinedPerStream() throws Exception {
        Path file = dir.resolve("app.log");
        String big = "0123456789abcdef".repeat(2500); // 40,000 bytes: three Docker chunks
        String t1 = "2026-01-02T03:04:05.000000001Z";
        StringBuilder sb = new StringBuilder();
        sb.append(docker(big.substring(0, 16384), "stdout", t1));
        sb.append(docker("an error\n", "stderr", "2026-01-02T03:04:05.5Z"));
        sb.append(docker(big.substring(16384, 32768), "stdout", "2026-01-02T03:04:06Z"));
        sb.append(docker(big.substring(32768) + "\n", "stdout", "2026-01-02T03:04:07Z"));
        sb.append(docker("{\\\"msg\\\":\\\"json app line\\\",\\\"level\\\":\\\"error\\\"}\n", "stdout", "2026-01-02T03:04:08Z"));
        append(file, sb.toString());
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(file.toString())), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 3);
        } finally {
            Tails.stop(in);
        }
        LogEvent err = ctx.events().get(0);
        assertThat(err.message()).isEqualTo("an error");
        assertThat(err.stream()).isEqualTo("stderr");
        LogEvent joined = ctx.events().get(1);
        assertThat(joined.message()).isEqualTo(big);
        assertThat(joined.stream()).isEqualTo("stdout");
        assertThat(joined.offset()).isZero();
        assertThat(joined.timestampNanos()).isEqualTo(Timestamps.parse(t1, java.time.ZoneOffset.UTC));
        LogEvent json = ctx.events().get(2);
        assertThat(json.message()).isEqualTo("json app line");
        assertThat(json.level()).hasToString("ERROR");
    }

    @Test
    void criPartialsAreJoinedAndTruncatedAtTheLimit() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "2026-01-02T03:04:05.1Z stdout P " + "a".repeat(300) + "\n"
                + "2026-01-02T03:04:05.2Z stdout P " + "b".repeat(300) + "\n"
                + "2026-01-02T03:04:05.3Z stdout F end\n"
                + "2026-01-02T03:04:05.4Z stderr F short\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(file.toString()), "max_line_bytes", 400), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 2);
        } finally {
            Tails.stop(in);
        }
        LogEvent joined = ctx.events().get(0);
        assertThat(joined.message()).isEqualTo("a".repeat(300) + "b".repeat(100));
        assertThat(joined.hasTag(Tags.TRUNCATED)).isTrue();
        assertThat(ctx.events().get(1).message()).isEqualTo("short");
        assertThat(ctx.events().get(1).hasTag(Tags.TRUNCATED)).isFalse();
    }

    @Test
    void containerRecordsLongerThanTheLimitAreCutInsideTheirFormat() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String big = "é".repeat(8192) + "z".repeat(20_000); // 16 KiB of two-byte characters, then more
        StringBuilder docker = new StringBuilder();
        docker.append(docker(big.substring(0, 10_000), "stdout", "2026-01-02T03:04:05Z"));
        docker.append(docker(big.substring(10_000) + "\n", "stdout", "2026-01-02T03:04:06Z"));
        docker.append(docker("\u00e9t\u00e9 " + "x".repeat(3000) + "\n", "stderr", "2026-01-02T03:04:07Z"));
        docker.append(docker("short\n", "stdout", "2026-01-02T03:04:08Z"));
        append(logs.resolve("docker.log"), docker.toString());
        append(logs.resolve("cri.log"), "2026-01-02T03:04:05Z stdout F " + "y".repeat(5000) + "\n"
                + "2026-01-02T03:04:06Z stdout F short\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log"), "max_line_bytes", 1024), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 5);
        } finally {
            Tails.stop(in);
        }
        for (LogEvent e : ctx.events()) {
            assertThat(e.hasTag(Tags.PARSE_FAILED)).as(e.message()).isFalse();
            assertThat(e.message().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(e.hasTag(Tags.TRUNCATED)).isEqualTo(!e.message().equals("short"));
            assertThat(e.hasTag(Tags.INVALID_UTF8)).isFalse();
        }
        assertThat(messages(ctx)).contains("short").anyMatch(m -> m.startsWith("ééé")).anyMatch(m -> m.startsWith("été xxx"))
                .anyMatch(m -> m.startsWith("yyy"));
    }

    @Test
    void aPartialRecordIsFlushedWhileTheOtherStreamKeepsWriting() throws Exception {
        Path file = dir.resolve("app.log");
        append(file, "2026-01-02T03:04:05Z stderr P waiting for its end\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(file.toString())), ctx);
        boolean flushedWhileBusy = false;
        try {
            for (int i = 0; i < 100 && !flushedWhileBusy; i++) {
                append(file, "2026-01-02T03:04:06Z stdout F busy " + i + "\n");
                Thread.sleep(50);
                flushedWhileBusy = messages(ctx).contains("waiting for its end");
            }
        } finally {
            Tails.stop(in);
        }
        assertThat(flushedWhileBusy).as("stderr partial sent after flush_timeout despite stdout traffic").isTrue();
    }

    @Test
    void kubernetesPathGivesContainerIdentityAndServiceName() throws Exception {
        String id = "0123456789abcdef".repeat(4);
        Path logs = Files.createDirectories(dir.resolve("var/log/containers"));
        Path file = logs.resolve("web-7d4b9_shop_nginx-" + id + ".log");
        append(file, "2026-01-02T03:04:05Z stdout F GET /\n");
        CollectingInputContext ctx = context();
        ContainerInput in = Tails.start(Map.of("paths", List.of(logs + "/*.log")), ctx);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ctx.events().size() == 1);
        } finally {
            Tails.stop(in);
        }
        LogEvent e = ctx.events().get(0);
        assertThat(e.container().kubernetesPodName()).isEqualTo("web-7d4b9");
        assertThat(e.container().kubernetesNamespace()).isEqualTo("shop");
        assertThat(e.container().kubernetesContainerName()).isEqualTo("nginx");
        assertThat(e.container().containerId()).isEqualTo(id);
        assertThat(e.serviceName()).isEqualTo("nginx");
        assertThat(e.stream()).isEqualTo("stdout");
    }

    static String docker(String escapedLog, String stream, String time) {
        return "{\"log\":\"" + escapedLog.replace("\n", "\\n") + "\",\"stream\":\"" + stream + "\",\"time\":\"" + time + "\"}\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
