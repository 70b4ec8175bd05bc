package io.sluice.daemon.pipelinetest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a pipeline test file ({@code sluice test -t FILE}):
 * <pre>
 * cases:
 *   - name: warnings from the api go to the error topic
 *     input: app                      # an input id of the pipeline config
 *     records:                        # as the input frames them; a mapping is written as one JSON line
 *       - '{"level":"WARNING","msg":"disk low","service":"api"}'
 *     expect:                         # one entry per event, in order
 *       - event: {log: {level: warn}, service: {name: api}}   # partial: only these fields are compared
 *         outputs: [errors_topic]     # optional: the outputs the routes chose ([] = unrouted)
 *       - dead_letter: true           # optional: the record was refused and dead-lettered
 * </pre>
 * Every problem is collected with its line, so one run reports them all.
 */
public final class TestFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CASE_KEYS = Set.of("name", "input", "records", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("event", "outputs", "dead_letter");

    private final Path file;
    private final Set<String> inputIds;
    private final List<String> problems = new ArrayList<>();

    private TestFile(Path file, Set<String> inputIds) {
        this.file = file;
        this.inputIds = inputIds;
    }

    /** The file's cases, or a {@link TestFileException} listing every problem as {@code file:line: message}. */
    public static List<TestCase> read(Path file, Set<String> inputIds) throws TestFileException {
        TestFile f = new TestFile(file, inputIds);
        List<TestCase> cases = f.parse();
        if (!f.problems.isEmpty()) throw new TestFileException(f.problems);
        return cases;
    }

    private List<TestCase> parse() {
        List<TestCase> cases = new ArrayList<>();
        try (JsonParser p = YAML.getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problem(1, "expected a mapping with a 'cases' list");
                return cases;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                JsonToken value = p.nextToken();
                if (!key.equals("cases")) {
                    problem(line, key + ": unknown key (the file holds 'cases')");
                    p.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    problem(line, "cases: must be a list");
                    p.skipChildren();
                } else {
                    int number = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        int caseLine = p.currentTokenLocation().getLineNr();
                        JsonNode node = YAML.readTree(p);
                        TestCase c = testCase(node, caseLine, ++number);
                        if (c != null) cases.add(c);
                    }
                }
            }
        } catch (IOException e) {
            problem(0, "cannot read the test file: " + e.getMessage());
        }
        if (cases.isEmpty() && problems.isEmpty()) problem(1, "no cases: add a 'cases' list");
        return cases;
    }

    private TestCase testCase(JsonNode node, int line, int number) {
        if (!node.isObject()) {
            problem(line, "case " + number + ": must be a mapping with input, records and expect");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!CASE_KEYS.contains(k)) problem(line, "case " + number + ": unknown key '" + k + "' (expected " + CASE_KEYS + ")");
        }
        String name = node.path("name").asText("case " + number);
        String input = node.path("input").asText(null);
        if (input == null) problem(line, name + ": 'input' is required (an input id of the config: " + inputIds + ")");
        else if (!inputIds.contains(input)) problem(line, name + ": input '" + input + "' is not in the config " + inputIds);
        List<String> records = new ArrayList<>();
        JsonNode rs = node.path("records");
        if (!rs.isArray() || rs.isEmpty()) problem(line, name + ": 'records' must be a non-empty list of records");
        else for (JsonNode r : rs) records.add(r.isTextual() ? r.asText() : r.toString());
        List<TestCase.Expectation> expect = new ArrayList<>();
        JsonNode es = node.path("expect");
        if (!es.isArray()) problem(line, name + ": 'expect' must be a list with one entry per event");
        else for (JsonNode e : es) {
            TestCase.Expectation x = expectation(e, line, name);
            if (x != null) expect.add(x);
        }
        return problems.size() == before ? new TestCase(name, line, input, records, expect) : null;
    }

    private TestCase.Expectation expectation(JsonNode e, int line, String name) {
        if (!e.isObject()) {
            problem(line, name + ": each 'expect' entry must be a mapping of event, outputs and/or dead_letter");
            return null;
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!EXPECT_KEYS.contains(k)) problem(line, name + ": unknown key '" + k + "' in expect (expected " + EXPECT_KEYS + ")");
        }
        JsonNode event = e.get("event");
        if (event != null && !event.isObject()) problem(line, name + ": 'event' must be a mapping of fields");
        List<String> outputs = null;
        if (e.has("outputs")) {
            if (!e.get("outputs").isArray()) problem(line, name + ": 'outputs' must be a list of output ids");
            outputs = new ArrayList<>();
            for (JsonNode o : e.get("outputs")) outputs.add(o.asText());
        }
        Boolean deadLetter = null;
        if (e.has("dead_letter")) {
            if (!e.get("dead_letter").isBoolean()) problem(line, name + ": 'dead_letter' must be true or false");
            deadLetter = e.get("dead_letter").asBoolean();
        }
        return new TestCase.Expectation(event == null ? null : JSON.valueToTree(event), outputs, deadLetter);
    }

    private void problem(int line, String message) {
        problems.add(file + ":" + line + ": " + message);
    }

    /** The test file is malformed; {@link #problems()} are {@code file:line: message} lines. */
    public static final class TestFileException extends Exception {
        private final List<String> problems;

        TestFileException(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
