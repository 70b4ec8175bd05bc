package io.sluice.daemon.pipelinetest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One case of a pipeline test file: raw records for one input and what must come out of them.
 *
 * @param name    shown in the report
 * @param line    where the case starts in the test file
 * @param input   the input id in the pipeline config whose decoder reads the records
 * @param records the records as the input would frame them (one line, one syslog message...)
 * @param expect  one expectation per resulting event, in order
 */
public record TestCase(String name, int line, String input, List<String> records, List<Expectation> expect) {
    public TestCase {
        records = List.copyOf(records);
        expect = List.copyOf(expect);
    }

    /**
     * What one event must look like; every part is optional and null means "not checked".
     *
     * @param event      a partial event: only the fields given are compared (nested, as in the JSON)
     * @param outputs    the output ids the routes send the event to (empty: unrouted, dropped)
     * @param deadLetter whether a stage refused the event and sent it to the dead-letter sink
     */
    public record Expectation(JsonNode event, List<String> outputs, Boolean deadLetter) {}
}
