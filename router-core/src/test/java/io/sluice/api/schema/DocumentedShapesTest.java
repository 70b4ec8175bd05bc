package io.sluice.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records of the libraries that cannot run in a Java test, transcribed from their own documentation
 * or test suites (source named per row); each decoded with {@code format: auto} must fill the field
 * docs/formats.md promises and pass the ECS 8.17 type check.
 */
class DocumentedShapesTest {
    @ParameterizedTest(name = "{0}: {2} = {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // zap: go.uber.org/zap README "Quick Start" / zapcore TestJSONEncoder production config
        "zap | `{\"level\":\"info\",\"ts\":1767323045.123,\"caller\":\"server/main.go:42\",\"msg\":\"failed to fetch URL\",\"url\":\"http://example.com\",\"attempt\":3,\"backoff\":1}` | log.origin.file.line | 42",
        "zap | `{\"level\":\"info\",\"ts\":1767323045.123,\"caller\":\"server/main.go:42\",\"msg\":\"failed to fetch URL\",\"url\":\"http://example.com\",\"attempt\":3,\"backoff\":1}` | log.origin.file.name | server/main.go",
        "zap | `{\"level\":\"info\",\"ts\":1767323045.123,\"logger\":\"fetcher\",\"msg\":\"failed\"}` | log.logger | fetcher",
        // logrus: github.com/sirupsen/logrus README, JSONFormatter with ReportCaller
        "logrus | `{\"animal\":\"walrus\",\"file\":\"/go/src/app/main.go:20\",\"func\":\"main.main\",\"level\":\"info\",\"msg\":\"A walrus appears\",\"time\":\"2014-03-10 19:57:38.562264131 -0400 EDT\"}` | log.origin.function | main.main",
        "logrus | `{\"error\":\"connection refused\",\"level\":\"error\",\"msg\":\"request failed\",\"time\":\"2026-01-02T03:04:05-05:00\"}` | error.message | connection refused",
        // zerolog: github.com/rs/zerolog README "Error Logging" and "Add file and line number"
        "zerolog | `{\"level\":\"error\",\"error\":\"seems we have an error here\",\"time\":1767323045,\"message\":\"something\"}` | error.message | seems we have an error here",
        "zerolog | `{\"level\":\"info\",\"caller\":\"/go/src/your_project/some_file:21\",\"time\":1767323045,\"message\":\"hello world\"}` | log.origin.file.line | 21",
        // log/slog: pkg.go.dev/log/slog JSONHandler example with AddSource
        "slog | `{\"time\":\"2026-01-02T03:04:05.123-05:00\",\"level\":\"WARN\",\"source\":{\"function\":\"main.main\",\"file\":\"/tmp/main.go\",\"line\":13},\"msg\":\"hello\",\"count\":3}` | log.origin.function | main.main",
        "slog | `{\"time\":\"2026-01-02T03:04:05.123-05:00\",\"level\":\"WARN\",\"source\":{\"function\":\"main.main\",\"file\":\"/tmp/main.go\",\"line\":13},\"msg\":\"hello\",\"count\":3}` | @timestamp | 2026-01-02T08:04:05.123Z",
        // structlog: structlog docs "Rendering to JSON" (JSONRenderer with add_log_level, TimeStamper(fmt=iso))
        "structlog | `{\"event\": \"hello\", \"key\": \"value\", \"level\": \"info\", \"logger\": \"app\", \"timestamp\": \"2026-01-02T03:04:05.123456Z\"}` | message | hello",
        "structlog | `{\"event\": \"failed\", \"level\": \"error\", \"exception\": \"Traceback (most recent call last):\\n  File \\\"x.py\\\", line 1\\nZeroDivisionError: division by zero\"}` | error.stack_trace | `Traceback (most recent call last):\n  File \"x.py\", line 1\nZeroDivisionError: division by zero`",
        // python-json-logger: README "Using fields" with %(asctime)s %(levelname)s %(name)s %(message)s
        "python-json-logger | `{\"asctime\": \"2026-01-02 03:04:05,123\", \"levelname\": \"WARNING\", \"name\": \"app.db\", \"message\": \"slow query\", \"lineno\": 12, \"funcName\": \"run\", \"process\": 4711, \"threadName\": \"MainThread\"}` | process.pid | 4711",
        "python-json-logger | `{\"asctime\": \"2026-01-02 03:04:05,123\", \"levelname\": \"WARNING\", \"name\": \"app.db\", \"message\": \"slow query\"}` | log.logger | app.db",
        // GELF 1.1: the GELF specification's example payload
        "GELF | `{\"version\": \"1.1\",\"host\": \"example.org\",\"short_message\": \"A short message that helps you identify what is going on\",\"full_message\": \"Backtrace here\\n\\nmore stuff\",\"timestamp\": 1385053862.3072,\"level\": 1,\"_user_id\": 9001,\"_some_info\": \"foo\",\"_some_env_var\": \"bar\"}` | message | A short message that helps you identify what is going on",
        "GELF | `{\"version\": \"1.1\",\"host\": \"example.org\",\"short_message\": \"m\",\"timestamp\": 1385053862.3072,\"level\": 1}` | @timestamp | 2013-11-21T17:11:02.307200Z",
        "GELF | `{\"version\": \"1.1\",\"host\": \"example.org\",\"short_message\": \"m\",\"timestamp\": 1385053862.3072,\"level\": 1}` | log.level | fatal",
        "GELF | `{\"version\": \"1.1\",\"host\": \"example.org\",\"short_message\": \"m\",\"timestamp\": 1385053862.3072,\"level\": 1}` | host.name | example.org",
        // Serilog CLEF: Serilog.Formatting.Compact README (CompactJsonFormatter output)
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello, {@User}\",\"User\":{\"Name\":\"nblumhardt\",\"Tags\":[1,2,3]}}` | message | `Hello, {\"Name\":\"nblumhardt\",\"Tags\":[1,2,3]}`",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello, {Name}\",\"@l\":\"Warning\",\"Name\":\"nblumhardt\"}` | message | `Hello, \"nblumhardt\"`",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello, {Name}\",\"@l\":\"Warning\",\"Name\":\"nblumhardt\"}` | log.level | warn",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello\",\"@l\":\"Error\",\"@x\":\"System.InvalidOperationException: boom\\n   at Program.Main()\",\"SourceContext\":\"App.Program\",\"TraceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"SpanId\":\"00f067aa0ba902b7\"}` | error.type | System.InvalidOperationException",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello\",\"SourceContext\":\"App.Program\",\"TraceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"SpanId\":\"00f067aa0ba902b7\"}` | log.logger | App.Program",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello\",\"SourceContext\":\"App.Program\",\"TraceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"SpanId\":\"00f067aa0ba902b7\"}` | span.id | 00f067aa0ba902b7",
        "CLEF | `{\"@t\":\"2016-06-07T03:44:57.8532799Z\",\"@mt\":\"Hello\"}` | @timestamp | 2016-06-07T03:44:57.853279900Z",
        // OpenTelemetry: opentelemetry-proto examples/logs.json (a LogRecord)
        "OTel | `{\"timeUnixNano\":\"1544712660300000000\",\"severityNumber\":10,\"severityText\":\"Information\",\"traceId\":\"5b8efff798038103d269b633813fc60c\",\"spanId\":\"eee19b7ec3c1b174\",\"body\":{\"stringValue\":\"Example log record\"}}` | message | Example log record",
        "OTel | `{\"timeUnixNano\":\"1544712660300000000\",\"severityNumber\":10,\"severityText\":\"Information\",\"body\":{\"stringValue\":\"Example log record\"}}` | @timestamp | 2018-12-13T14:51:00.300Z",
        // Bunyan: node-bunyan README "log record fields", with an err serialized by bunyan.stdSerializers.err
        "bunyan | `{\"name\":\"myapp\",\"hostname\":\"banana.local\",\"pid\":40161,\"level\":50,\"msg\":\"boom\",\"time\":\"2013-01-04T18:46:23.851Z\",\"v\":0,\"err\":{\"message\":\"boom\",\"name\":\"TypeError\",\"stack\":\"TypeError: boom\\n    at Object.<anonymous> (/app/x.js:1:1)\"}}` | error.type | TypeError",
        "bunyan | `{\"name\":\"myapp\",\"hostname\":\"banana.local\",\"pid\":40161,\"level\":50,\"msg\":\"boom\",\"time\":\"2013-01-04T18:46:23.851Z\",\"v\":0}` | log.level | error",
        "bunyan | `{\"name\":\"myapp\",\"hostname\":\"banana.local\",\"pid\":40161,\"level\":30,\"msg\":\"hi\",\"time\":\"2013-01-04T18:46:23.851Z\",\"v\":0}` | process.pid | 40161",
        // Pino: pino docs "Usage" output, err from pino-std-serializers
        "pino | `{\"level\":50,\"time\":1531171074631,\"pid\":657,\"hostname\":\"Davids-MBP-3.fritz.box\",\"err\":{\"type\":\"Error\",\"message\":\"kaboom\",\"stack\":\"Error: kaboom\\n    at Object.<anonymous> (/app/x.js:1:1)\"},\"msg\":\"kaboom\"}` | error.message | kaboom",
        // ECS, nested form as ecs-logging-nodejs writes it (its README)
        "ECS nested | `{\"log\":{\"level\":\"info\",\"logger\":\"app\"},\"@timestamp\":\"2026-01-02T03:04:05.123Z\",\"process\":{\"pid\":82240},\"host\":{\"hostname\":\"pink.local\"},\"ecs\":{\"version\":\"8.10.0\"},\"message\":\"hi\"}` | log.logger | app",
        "ECS nested | `{\"log\":{\"level\":\"info\",\"origin\":{\"file\":{\"name\":\"x.js\",\"line\":3},\"function\":\"f\"}},\"message\":\"hi\"}` | log.origin.file.name | x.js",
        // secondary message keys give way to a primary one, and are kept
        "structlog-like | `{\"event\":\"user_signup\",\"msg\":\"new user\"}` | message | new user",
        "structlog-like | `{\"event\":\"user_signup\",\"msg\":\"new user\"}` | attributes.event | user_signup",
        "GELF | `{\"version\": \"1.1\",\"host\": \"example.org\",\"full_message\": \"Backtrace here\",\"short_message\": \"m\"}` | attributes.full_message | Backtrace here",
        // MDC containers are lifted: known keys to fields, the rest under attributes.<container>
        "lifted mdc | `{\"message\":\"m\",\"mdc\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"user\":\"u1\"}}` | trace.id | 4bf92f3577b34da6a3ce929d0e0e4736",
        "lifted mdc | `{\"message\":\"m\",\"mdc\":{\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"user\":\"u1\"}}` | attributes.mdc | {\"user\":\"u1\"}",
        "lifted context | `{\"message\":\"m\",\"context\":{\"name\":\"upload.png\",\"span_id\":\"00f067aa0ba902b7\"}}` | attributes.context.name | upload.png",
        "lifted context | `{\"message\":\"m\",\"context\":{\"name\":\"upload.png\",\"span_id\":\"00f067aa0ba902b7\"}}` | span.id | 00f067aa0ba902b7",
    })
    void recognized(String shape, String record, String field, String expected) throws Exception {
        JsonNode event = ShapeChecks.decodeChecked(record);
        JsonNode value = event.at("/" + field.replace('.', '/'));
        assertThat(value.isValueNode() ? value.asText() : value.toString()).as("%s from %s", field, shape).isEqualTo(expected);
    }
}
