package io.sluice.outputs.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileOutputTest {
    @TempDir
    Path dir;

    private final List<Output> started = new ArrayList<>();

    @AfterEach
    void closeOutputs() throws Exception {
        for (Output o : started) o.close();
    }

    @Test
    void appendsJsonLinesAcrossBatchesAndRestarts() throws Exception {
        Path file = dir.resolve("out.ndjson");
        String options = "{\"path\":\"" + file + "\"}";
        SinkBatch first = batch("api", 0, 3);
        SinkBatch second = batch("api", 3, 2);
        SinkBatch third = batch("api", 5, 1);

        Output out = start(options);
        assertThat(out.send(first).allDelivered()).isTrue();
        // send returned: the lines are in the file without close()
        assertThat(lines(file)).containsExactlyElementsOf(json(first));
        out.send(second);
        out.close();
        Output again = start(options);
        again.send(third);

        assertThat(lines(file)).containsExactlyElementsOf(concat(json(first), json(second), json(third)));
    }

    @Test
    void aFileMovedOrDeletedByAnOperatorIsCreatedAgain() throws Exception {
        Path file = dir.resolve("out.ndjson");
        Output out = start("{\"path\":\"" + file + "\"}");
        SinkBatch first = batch("api", 0, 2);
        SinkBatch second = batch("api", 2, 2);
        SinkBatch third = batch("api", 4, 1);
        out.send(first);

        Files.move(file, dir.resolve("out.ndjson.moved"));
        out.send(second);
        Files.delete(file);
        out.send(third);

        assertThat(lines(dir.resolve("out.ndjson.moved"))).containsExactlyElementsOf(json(first));
        assertThat(lines(file)).containsExactlyElementsOf(json(third));
    }

    @Test
    void templatedPathSplitsEventsPerService() throws Exception {
        List<LogEvent> events = List.of(TestBatches.event("api", "a1", 1), TestBatches.event("db", "d1", 2),
                TestBatches.event("api", "a2", 3), TestBatches.event("", "empty service", 4),
                TestBatches.event("", "empty again", 5), TestBatches.event("db", "d2", 6));
        SinkBatch batch = TestBatches.of(events);
        Output out = start("{\"path\":\"" + dir + "/logs/{service.name}.ndjson\"}");

        assertThat(out.send(batch).allDelivered()).isTrue();

        assertThat(lines(dir.resolve("logs/api.ndjson"))).containsExactly(batch.json(0), batch.json(2));
        assertThat(lines(dir.resolve("logs/db.ndjson"))).containsExactly(batch.json(1), batch.json(5));
        assertThat(lines(dir.resolve("logs/unknown.ndjson"))).containsExactly(batch.json(3), batch.json(4));
        assertThat(filesUnder(dir)).hasSize(3);
    }

    @Test
    void aFieldTheEventLacksRendersAsUnknown() throws Exception {
        Output out = start("{\"path\":\"" + dir + "/{kubernetes.namespace}/{labels.team}-{service.name}.ndjson\"}");
        SinkBatch batch = batch("api", 0, 2);

        out.send(batch);

        assertThat(lines(dir.resolve("unknown/unknown-api.ndjson"))).containsExactlyElementsOf(json(batch));
    }

    @Test
    void moreFilesThanMaxOpenFilesStillAppendsInOrder() throws Exception {
        Output out = start("{\"path\":\"" + dir + "/{service.name}.ndjson\",\"max_open_files\":1}");
        List<String> expectedA = new ArrayList<>();
        List<String> expectedB = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            SinkBatch b = TestBatches.of(List.of(TestBatches.event("a", "x", round * 3),
                    TestBatches.event("b", "y", round * 3 + 1), TestBatches.event("a", "z", round * 3 + 2)));
            out.send(b);
            expectedA.add(b.json(0));
            expectedA.add(b.json(2));
            expectedB.add(b.json(1));
        }
        assertThat(lines(dir.resolve("a.ndjson"))).containsExactlyElementsOf(expectedA);
        assertThat(lines(dir.resolve("b.ndjson"))).containsExactlyElementsOf(expectedB);
    }

    @Test
    void rotationLosesAndSplitsNoLineAndKeepsFilesUnderTheLimit() throws Exception {
        Path file = dir.resolve("app.ndjson");
        Output out = start("{\"path\":\"" + file + "\",\"rotate\":{\"max_bytes\":\"2KiB\",\"keep\":1000}}");
        List<String> sent = sendBatches(out, 30, 7);

        List<Path> files = rotatedOldestFirst(file);
        assertThat(files.size()).isGreaterThan(10);
        for (Path f : files) assertThat(Files.size(f)).isLessThanOrEqualTo(2048);
        assertThat(linesOldestFirst(file)).containsExactlyElementsOf(sent);
    }

    @Test
    void rotationKeepsOnlyKeepFilesWithTheNewestLines() throws Exception {
        Path file = dir.resolve("app.ndjson");
        Output out = start("{\"path\":\"" + file + "\",\"rotate\":{\"max_bytes\":\"1KiB\",\"keep\":2}}");
        List<String> sent = sendBatches(out, 20, 5);

        assertThat(filesUnder(dir)).containsExactlyInAnyOrder(file, Path.of(file + ".1"), Path.of(file + ".2"));
        List<String> kept = linesOldestFirst(file);
        // what is kept is the newest part of what was sent, whole and in order
        assertThat(kept).isNotEmpty();
        assertThat(sent.subList(sent.size() - kept.size(), sent.size())).containsExactlyElementsOf(kept);
    }

    @Test
    void fsyncOptionWritesAndRotatesTheSame() throws Exception {
        Path file = dir.resolve("durable.ndjson");
        Output out = start("{\"path\":\"" + file + "\",\"fsync\":true,\"rotate\":{\"max_bytes\":\"1KiB\",\"keep\":50}}");
        List<String> sent = sendBatches(out, 6, 4);

        assertThat(rotatedOldestFirst(file)).hasSizeGreaterThan(1);
        assertThat(linesOldestFirst(file)).containsExactlyElementsOf(sent);
    }

    @Test
    void eventFieldsCannotWriteOutsideTheDirectory() throws Exception {
        Path logs = dir.resolve("logs");
        Output flat = start("{\"path\":\"" + logs + "/{service.name}.ndjson\"}");
        Output nested = start("{\"path\":\"" + logs + "/{service.name}/app.ndjson\"}");
        List<LogEvent> attacks = new ArrayList<>();
        String[] names = {"../../escaped", "..", "../", "a/../../b", "/etc/passwd", "..\\..\\win", "x\u0000y", "."};
        for (int i = 0; i < names.length; i++) attacks.add(TestBatches.event(names[i], "attack", i));
        SinkBatch batch = TestBatches.of(attacks);

        SendResult r1 = flat.send(batch);
        SendResult r2 = nested.send(batch);

        List<Path> written = filesUnder(dir);
        assertThat(written).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(logs));
        // every event landed in a file under logs/ (or, for "." as a whole directory name, was refused)
        long lines = 0;
        for (Path p : written) lines += lines(p).size();
        int refused = r1.refused().size() + r2.refused().size();
        assertThat(lines + refused).isEqualTo(2L * names.length);
        assertThat(r1.toRetry().isEmpty() && r2.toRetry().isEmpty()).isTrue();
    }

    @Test
    void fieldsThatOnlyTogetherClimbOutAreRefusedNotWritten() throws Exception {
        Path logs = dir.resolve("logs");
        Output out = start("{\"path\":\"" + logs + "/{service.name}{host.name}/app.ndjson\"}");
        SinkBatch batch = TestBatches.of(List.of(TestBatches.event(".", "climb", 1).hostName("."),
                TestBatches.event("ok", "stay", 2)));

        SendResult r = out.send(batch);

        assertThat(r.refused()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(0);
            assertThat(f.type()).isEqualTo("path_outside_directory");
        });
        assertThat(filesUnder(dir)).containsExactly(logs.resolve("oktest-host/app.ndjson"));
    }

    @Test
    void aFileThatCannotBeOpenedIsRetriedWhileOtherFilesAreWritten() throws Exception {
        Files.createDirectories(dir.resolve("blocked.ndjson")); // a directory where the file should be
        Output out = start("{\"path\":\"" + dir + "/{service.name}.ndjson\"}");
        SinkBatch mixed = TestBatches.of(List.of(TestBatches.event("ok", "a", 1), TestBatches.event("blocked", "b", 2),
                TestBatches.event("ok", "c", 3), TestBatches.event("blocked", "d", 4)));

        SendResult r = out.send(mixed);

        assertThat(r.toRetry().stream().boxed().toList()).containsExactly(1, 3);
        assertThat(r.refused()).isEmpty();
        assertThat(lines(dir.resolve("ok.ndjson"))).containsExactly(mixed.json(0), mixed.json(2));

        SinkBatch onlyBlocked = TestBatches.of(List.of(mixed.event(1), mixed.event(3)));
        assertThatThrownBy(() -> out.send(onlyBlocked)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("blocked.ndjson");

        Files.delete(dir.resolve("blocked.ndjson"));
        assertThat(out.send(onlyBlocked).allDelivered()).isTrue();
        assertThat(lines(dir.resolve("blocked.ndjson"))).containsExactly(mixed.json(1), mixed.json(3));
        assertThat(lines(dir.resolve("ok.ndjson"))).hasSize(2);
    }

    @Test
    void deadLetterEventsWithErrorFieldsWriteAsValidJson() throws Exception {
        Path file = dir.resolve("dead-letter.ndjson");
        LogEvent dead = TestBatches.event("api", "{\"broken json", 1).errorType("parse_error")
                .errorMessage("unexpected end of input at column 13").errorCode("decode")
                .errorStackTrace("x.ParseException: eof\n\tat x.Parser.parse(Parser.java:10)");
        Output out = start("{\"path\":\"" + file + "\"}");

        assertThat(out.send(TestBatches.of(List.of(dead))).allDelivered()).isTrue();

        List<String> lines = lines(file);
        assertThat(lines).hasSize(1);
        JsonNode node = new ObjectMapper().readTree(lines.get(0));
        assertThat(node.at("/error/type").asText()).isEqualTo("parse_error");
        assertThat(node.at("/error/message").asText()).isEqualTo("unexpected end of input at column 13");
        assertThat(node.at("/error/stack_trace").asText()).contains("\n\tat x.Parser");
        assertThat(node.at("/message").asText()).isEqualTo("{\"broken json");
    }

    @Test
    void aPartialLastLineLeftByACrashIsCutWhenTheFileOpens() throws Exception {
        Path file = dir.resolve("crashed.ndjson");
        Files.writeString(file, "{\"whole\":1}\n{\"torn\":");
        Output out = start("{\"path\":\"" + file + "\"}");
        SinkBatch batch = batch("api", 0, 1);

        out.send(batch);

        assertThat(lines(file)).containsExactly("{\"whole\":1}", batch.json(0));
    }

    @Test
    void optionsAreCheckedWithUsefulMessages() {
        var spec = Plugins.plugin("file").options();
        assertThat(spec.bind(Plugins.tree("{}")).problems())
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("path"));
        assertThat(spec.bind(Plugins.tree("{\"path\":\"/x/{service.nam}.ndjson\"}")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("{service.nam} is not an event field"));
        assertThat(spec.bind(Plugins.tree("{\"path\":\"/x/{service.name.ndjson\"}")).problems())
                .singleElement().satisfies(p -> assertThat(p.message()).contains("not closed"));
        assertThat(spec.bind(Plugins.tree("{\"path\":\"/x\",\"rotate\":{\"max_bytes\":\"10\"}}")).problems())
                .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("rotate.max_bytes"));
    }

    // ---- helpers

    Output start(String options) throws Exception {
        Output out = Plugins.create("file", "files", options);
        out.start(new TestOutputContext("files", dir.resolve(".data")));
        started.add(out);
        return out;
    }

    static SinkBatch batch(String service, int firstSequence, int count) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(TestBatches.event(service, "message number " + (firstSequence + i), firstSequence + i));
        }
        return TestBatches.of(events);
    }

    static List<String> json(SinkBatch b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) out.add(b.json(i));
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) all.addAll(p);
        return all;
    }

    /** The file's lines; asserts it ends with a newline, so no line is torn. */
    static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isEmpty()) return List.of();
        assertThat(text).as("%s ends with a whole line", file).endsWith("\n");
        return List.of(text.substring(0, text.length() - 1).split("\n", -1));
    }

    /** Sends {@code count} batches of {@code size} events, each fully delivered; returns their lines. */
    private static List<String> sendBatches(Output out, int count, int size) throws Exception {
        List<String> sent = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            SinkBatch batch = batch("api", b * size, size);
            assertThat(out.send(batch).allDelivered()).isTrue();
            sent.addAll(json(batch));
        }
        return sent;
    }

    /** The lines of x.N … x.1 and x, each file checked to hold whole lines only. */
    private static List<String> linesOldestFirst(Path file) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : rotatedOldestFirst(file)) all.addAll(lines(f));
        return all;
    }

    /** x.N … x.1, x: the rotated files oldest first, then the current one. */
    static List<Path> rotatedOldestFirst(Path file) {
        List<Path> files = new ArrayList<>();
        for (int n = 1; Files.exists(Path.of(file + "." + n)); n++) files.add(0, Path.of(file + "." + n));
        files.add(file);
        return files;
    }

    private static List<Path> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(root.resolve(".data"))).toList();
        }
    }
}
