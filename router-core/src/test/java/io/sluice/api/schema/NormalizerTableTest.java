package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.core.pipeline.RecordProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table of records and the schema v1 fields they must produce: each row is a raw record, a field
 * path into the encoded JSON, and the expected value ('<absent>' for a field that must not exist).
 */
class NormalizerTableTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long OBSERVED = 1_764_000_000_000_000_000L; // 2025-11-24T16:00:00Z

    static JsonNode normalize(String record, DecodeOptions options) throws Exception {
        return normalize(record, options, () -> new JsonRecordDecoder(options, false));
    }

    /** Runs one record through the pipeline's record processor with {@code decoders} and encodes the event. */
    static JsonNode normalize(String record, DecodeOptions options, RecordDecoder.Factory decoders) throws Exception {
        RecordProcessor processor = new RecordProcessor(new Normalizer(
                new NormalizeSettings(Map.of("cluster", "prod-eu"), options.onInvalid(), "node-1")));
        RawBatch batch = new RawBatch(10, 1 << 20);
        byte[] b = record.getBytes(StandardCharsets.UTF_8);
        batch.add(b, 0, b.length, 0, b.length);
        SourceSpec spec = SourceSpec.of("test", "tcp", decoders);
        LogEvent e = processor.process(batch, 0, spec, spec.decoder().create(), 7, OBSERVED, "app");
        return MAPPER.readTree(new EventEncoder().encode(e));
    }

    private static String at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("/")) {
            if (n == null) break;
            n = n.isArray() ? n.get(Integer.parseInt(part)) : n.get(part);
        }
        if (n == null || n.isMissingNode()) return "<absent>";
        return n.isValueNode() ? n.asText() : n.toString();
    }

    @ParameterizedTest(name = "{0} -> {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // message keys
        "`{\"msg\":\"disk low\"}`                                   | message              | disk low",
        "`{\"message\":\"m1\",\"msg\":\"m2\"}`                      | message              | m1",
        "`{\"message\":\"m1\",\"msg\":\"m2\"}`                      | attributes/msg       | m2",
        "`{\"log\":\"from docker\"}`                                | message              | from docker",
        "`{\"text\":\"t\"}`                                         | message              | t",
        "`{\"a\":1}`                                                | message              | ``",
        // an error's file (Monolog's) beside a stack trace of its own: not in the trace, so kept
        "`{\"message\":\"m\",\"error\":{\"type\":\"E\",\"stack_trace\":\"E: x\",\"file\":\"/srv/a.php:3\"}}` | attributes/error.file | /srv/a.php:3",
        "`{\"message\":\"m\",\"error\":{\"type\":\"E\",\"stack_trace\":\"E: x\",\"file\":\"/srv/a.php:3\"}}` | error/stack_trace | E: x",
        "`{\"message\":\"m\",\"error\":{\"type\":\"E\",\"file\":\"/srv/a.php:3\"}}` | error/stack_trace | E in /srv/a.php:3",
        "`{\"message\":\"m\",\"error\":{\"type\":\"E\",\"file\":\"/srv/a.php:3\"}}` | attributes | <absent>",
        // timestamps: offsets, fractions, epoch forms
        "`{\"ts\":\"2026-01-02T03:04:05Z\"}`                        | @timestamp           | 2026-01-02T03:04:05Z",
        "`{\"time\":\"2026-01-02T03:04:05.123456789+02:00\"}`       | @timestamp           | 2026-01-02T01:04:05.123456789Z",
        "`{\"timestamp\":\"2026-01-02T03:04:05.5-0130\"}`           | @timestamp           | 2026-01-02T04:34:05.500Z",
        "`{\"@timestamp\":\"2026-01-02 03:04:05,678\"}`             | @timestamp           | 2026-01-02T03:04:05.678Z",
        "`{\"ts\":1767323045}`                                      | @timestamp           | 2026-01-02T03:04:05Z",
        "`{\"ts\":1767323045123}`                                   | @timestamp           | 2026-01-02T03:04:05.123Z",
        "`{\"ts\":1767323045123456}`                                | @timestamp           | 2026-01-02T03:04:05.123456Z",
        "`{\"ts\":1767323045123456789}`                             | @timestamp           | 2026-01-02T03:04:05.123456789Z",
        "`{\"ts\":1767323045.25}`                                   | @timestamp           | 2026-01-02T03:04:05.250Z",
        "`{\"ts\":\"1767323045\"}`                                  | @timestamp           | 2026-01-02T03:04:05Z",
        "`{\"ts\":\"yesterday\"}`                                   | @timestamp           | 2025-11-24T16:00:00Z",
        "`{\"ts\":\"yesterday\"}`                                   | tags/0               | timestamp_missing",
        "`{\"ts\":\"yesterday\"}`                                   | attributes/ts        | yesterday",
        "`{\"msg\":\"no time\"}`                                    | event/created        | 2025-11-24T16:00:00Z",
        "`{\"msg\":\"no time\"}`                                    | tags/0               | timestamp_missing",
        // epoch numbers outside 1971-2200 are no time: observed time, tagged, the value kept
        "`{\"ts\":5}`                                               | @timestamp           | 2025-11-24T16:00:00Z",
        "`{\"ts\":5}`                                               | tags/0               | timestamp_missing",
        "`{\"ts\":5}`                                               | attributes/ts        | 5",
        "`{\"ts\":9223372036854775807}`                             | @timestamp           | 2025-11-24T16:00:00Z",
        "`{\"ts\":9223372036854775807}`                             | attributes/ts        | 9223372036854775807",
        "`{\"ts\":17673230451234567890123456,\"msg\":\"m\"}`          | message              | m",
        "`{\"ts\":17673230451234567890123456,\"msg\":\"m\"}`          | tags/0               | timestamp_missing",
        "`{\"ts\":17673230451234567890123456,\"msg\":\"m\"}`          | attributes/ts        | 17673230451234567890123456",
        "`{\"ts\":1e300}`                                           | tags/0               | timestamp_missing",
        // duplicate keys: the last one wins (Elasticsearch refuses a document with a key twice)
        "`{\"a\":1,\"b\":2,\"a\":3}`                                  | attributes           | `{\"b\":2,\"a\":3}`",
        "`{\"ctx\":{\"k\":\"x\",\"k\":\"y\"}}`                          | attributes           | `{\"ctx\":{\"k\":\"y\"}}`",
        // levels and aliases
        "`{\"level\":\"warn\"}`                                     | log/level            | warn",
        "`{\"level\":\"WARNING\"}`                                  | log/level            | warn",
        "`{\"severity\":\"ERR\"}`                                   | log/level            | error",
        "`{\"lvl\":\"crit\"}`                                       | log/level            | fatal",
        "`{\"loglevel\":\"CRITICAL\"}`                              | log/level            | fatal",
        "`{\"level\":\"panic\"}`                                    | log/level            | fatal",
        "`{\"level\":\"EMERG\"}`                                    | log/level            | fatal",
        "`{\"level\":\"alert\"}`                                    | log/level            | fatal",
        "`{\"level\":\"TRACE\"}`                                    | log/level            | trace",
        "`{\"level\":\"finest\"}`                                   | log/level            | trace",
        "`{\"level\":\"verbose\"}`                                  | log/level            | trace",
        "`{\"level\":\"Debug\"}`                                    | log/level            | debug",
        // winston's default (npm) levels, as winston 3.19.0's format.json() writes them: error, warn, info, http, verbose, debug, silly
        "`{\"level\":\"http\",\"message\":\"http one\"}`              | log/level            | debug",
        "`{\"level\":\"silly\",\"message\":\"silly one\"}`            | log/level            | trace",
        "`{\"level\":\"fatal\"}`                                    | log/level            | fatal",
        "`{\"level\":10}`                                           | log/level            | trace",
        "`{\"level\":20}`                                           | log/level            | debug",
        "`{\"level\":30}`                                           | log/level            | info",
        "`{\"level\":40}`                                           | log/level            | warn",
        "`{\"level\":50}`                                           | log/level            | error",
        "`{\"level\":60}`                                           | log/level            | fatal",
        "`{\"msg\":\"x\"}`                                          | log/level            | info",
        // service
        "`{\"service\":\"api\"}`                                    | service/name         | api",
        "`{\"service.name\":\"api\"}`                               | service/name         | api",
        "`{\"app\":\"web\"}`                                        | service/name         | web",
        "`{\"msg\":\"x\"}`                                          | service/name         | unknown",
        // host, labels, input, ecs
        "`{\"msg\":\"x\"}`                                          | host/name            | node-1",
        "`{\"hostname\":\"h7\"}`                                    | host/name            | h7",
        // ECS host.hostname, as @elastic/ecs-pino-format 1.5.0 writes pino's hostname (dotted), and nested
        "`{\"log.level\":\"info\",\"@timestamp\":\"2026-12-04T14:33:01.833Z\",\"process.pid\":1492,\"host.hostname\":\"h7\",\"ecs.version\":\"8.10.0\",\"message\":\"m\"}` | host/name | h7",
        "`{\"log.level\":\"info\",\"@timestamp\":\"2026-12-04T14:33:01.833Z\",\"process.pid\":1492,\"host.hostname\":\"h7\",\"ecs.version\":\"8.10.0\",\"message\":\"m\"}` | attributes | <absent>",
        "`{\"host\":{\"hostname\":\"h7\"},\"message\":\"m\"}`             | host/name            | h7",
        "`{\"host.name\":\"h7\",\"host.hostname\":\"h8\"}`                | host/name            | h7",
        "`{\"msg\":\"x\"}`                                          | labels/cluster       | prod-eu",
        "`{\"msg\":\"x\"}`                                          | input/type           | tcp",
        "`{\"msg\":\"x\"}`                                          | ecs/version          | 8.17.0",
        "`{\"msg\":\"x\"}`                                          | event/sequence       | 7",
        // trace ids
        "`{\"trace_id\":\"4BF92F3577B34DA6A3CE929D0E0E4736\"}`      | trace/id             | 4bf92f3577b34da6a3ce929d0e0e4736",
        "`{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"spanId\":\"00f067aa0ba902b7\"}` | span/id | 00f067aa0ba902b7",
        "`{\"trace.id\":\"abc123\"}`                                | trace/id             | abc123",
        "`{\"trace_id\":\"\\u0041BC123\"}`                         | trace/id             | abc123",
        "`{\"trace_id\":\"00000000000000000000000000000000\"}`      | trace/id             | <absent>",
        "`{\"trace_id\":\"4bf92f35-77b3\"}`                          | trace/id             | <absent>",
        "`{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}` | trace/id | 4bf92f3577b34da6a3ce929d0e0e4736",
        "`{\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}` | span/id  | 00f067aa0ba902b7",
        "`{\"traceparent\":\"garbage\"}`                            | trace/id             | <absent>",
        // nested attributes are kept as they were
        "`{\"msg\":\"x\",\"http\":{\"status\":503,\"path\":\"/a\"},\"tags\":[1,2]}` | attributes/http/status | 503",
        "`{\"msg\":\"x\",\"http\":{\"status\":503,\"path\":\"/a\"},\"tags\":[1,2]}` | attributes/tags        | [1,2]",
        "`{\"msg\":\"x\",\"user_id\":42,\"ok\":true,\"n\":null}`    | attributes/user_id   | 42",
        "`{\"msg\":\"x\",\"user_id\":42,\"ok\":true,\"n\":null}`    | attributes/ok        | true",
        "`{\"msg\":\"x\",\"s\":\"a\\\"b\\\\c\\u00e9\"}`             | attributes/s         | a\"b\\cé",
        "`{\"msg\":\"é ü 日本\"}`                                    | message              | é ü 日本",
        // errors
        "`{\"msg\":\"x\",\"stack_trace\":\"at A\\nat B\"}`          | error/stack_trace    | at A\\nat B",
        // plain text
        "`ERROR something broke`| log/level            | error",
        "`[WARN] careful`| log/level            | warn",
        "`warning: low disk`| log/level            | warn",
        "`2026-01-02 03:04:05,678 ERROR [main] boom`| log/level            | error",
        "`2026-01-02 03:04:05,678 ERROR [main] boom`| @timestamp           | 2026-01-02T03:04:05.678Z",
        "`Config loaded`| log/level            | info",
        "`plain words here`| message              | plain words here",
        // broken JSON in auto mode is passed on raw and tagged
        "`{\"msg\": \"unterminated`                                 | tags/0               | parse_failed",
        "`{\"msg\": \"unterminated`                                 | message              | {\"msg\": \"unterminated",
    })
    void mapsRecordToSchema(String record, String path, String expected) throws Exception {
        JsonNode event = normalize(record.strip(), new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.REPAIR, false));
        assertThat(at(event, path)).as(event.toString()).isEqualTo(expected.replace("\\n", "\n"));
    }
}
