package io.sluice.api.schema;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.layout.TTLLLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each text layout on a line its own library wrote (logback, log4j2: produced here) or its own
 * documentation shows (named above each test), read by its named format and, where it is a
 * candidate, by {@code auto}; every event passes the schema v1 and ECS checks.
 */
class TextLayoutsTest {
    private static String text(JsonNode e, String pointer) {
        return e.at(pointer).asText();
    }

    /** Reads the line with {@code format} and with {@code auto}; both must give the same event. */
    private static JsonNode both(String line, String format) throws Exception {
        JsonNode named = ShapeChecks.decodeChecked(line, format);
        JsonNode auto = ShapeChecks.decodeChecked(line, "auto");
        assertThat(withoutEvent(auto)).as("auto reads it as %s does", format).isEqualTo(withoutEvent(named));
        assertThat(named.at("/tags").toString()).doesNotContain(Tags.PARSE_FAILED);
        return named;
    }

    /** {@code event.*} holds when Sluice received the record, which differs between two reads. */
    private static JsonNode withoutEvent(JsonNode e) {
        ObjectNode copy = e.deepCopy();
        copy.remove("event");
        return copy;
    }

    @Test
    void logbackDefaultConsoleLayoutProducedByLogback() throws Exception {
        LoggerContext ctx = new LoggerContext();
        TTLLLayout layout = new TTLLLayout(); // what BasicConfigurator (logback's default) installs
        layout.setContext(ctx);
        layout.start();
        LoggingEvent event = new LoggingEvent("fqcn", ctx.getLogger("com.acme.Pricing"),
                ch.qos.logback.classic.Level.DEBUG, "price {} too low", null, new Object[] {42});
        event.setThreadName("main");
        String line = layout.doLayout(event).strip();
        assertThat(line).contains("[main] DEBUG com.acme.Pricing -- price 42 too low");

        JsonNode e = both(line, "logback");
        assertThat(text(e, "/message")).isEqualTo("price 42 too low");
        assertThat(text(e, "/log/level")).isEqualTo("debug");
        assertThat(text(e, "/log/logger")).isEqualTo("com.acme.Pricing");
        assertThat(text(e, "/process/thread/name")).isEqualTo("main");
        // a time of day alone is today's, in the input's zone (UTC here)
        assertThat(text(e, "/@timestamp").substring(11, 23)).isEqualTo(line.substring(0, 12));
        String today = java.time.LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = java.time.LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(text(e, "/@timestamp").substring(0, 10)).isIn(today, yesterday);
    }

    @Test
    void log4j2DefaultPatternProducedByLog4j2WithAStackTrace() throws Exception {
        PatternLayout layout = PatternLayout.newBuilder().withPattern(DefaultConfiguration.DEFAULT_PATTERN)
                .withConfiguration(new DefaultConfiguration()).build();
        String line = layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("com.acme.Pricing")
                .setLevel(Level.WARN).setThreadName("worker-1").setMessage(new SimpleMessage("disk low"))
                .setTimeMillis(System.currentTimeMillis()).build()).strip();
        JsonNode e = both(line, "log4j2");
        assertThat(text(e, "/message")).isEqualTo("disk low");
        assertThat(text(e, "/log/level")).isEqualTo("warn");
        assertThat(text(e, "/log/logger")).isEqualTo("com.acme.Pricing");
        assertThat(text(e, "/process/thread/name")).isEqualTo("worker-1");

        // a joined stack trace stays in the message
        JsonNode joined = both(line + "\njava.lang.IllegalStateException: boom\n\tat com.acme.Pricing.run(Pricing.java:42)", "log4j2");
        assertThat(text(joined, "/message")).startsWith("disk low\njava.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void springBootConsoleFromItsReferenceDocs() throws Exception {
        // Spring Boot reference, "Logging > Log Format" (3.x, with the application name) and 2.x without it
        JsonNode e = both("2025-05-22T12:56:09.624Z  INFO 127193 --- [myapp] [           main] "
                + "o.s.b.d.f.logexample.MyApplication       : Starting MyApplication using Java 17.0.15 with PID 127193", "spring_boot");
        assertThat(text(e, "/@timestamp")).isEqualTo("2025-05-22T12:56:09.624Z");
        assertThat(text(e, "/log/level")).isEqualTo("info");
        assertThat(e.at("/process/pid").asLong()).isEqualTo(127193);
        assertThat(text(e, "/process/thread/name")).isEqualTo("main");
        assertThat(text(e, "/log/logger")).isEqualTo("o.s.b.d.f.logexample.MyApplication");
        assertThat(text(e, "/message")).isEqualTo("Starting MyApplication using Java 17.0.15 with PID 127193");
        assertThat(text(e, "/service/name")).as("the application name").isEqualTo("myapp");
        // no space after the colon: the message keeps its first byte
        assertThat(text(both("2025-05-22T12:56:09.624Z  INFO 127193 --- [main] c.a.Pricing :Starting", "spring_boot"),
                "/message")).isEqualTo("Starting");

        JsonNode old = both("2019-03-05 10:57:51.112  WARN 45469 --- [           main] "
                + "org.apache.catalina.core.StandardEngine  : Starting Servlet Engine: Apache Tomcat/7.0.52", "spring_boot");
        assertThat(text(old, "/log/level")).isEqualTo("warn");
        assertThat(text(old, "/log/logger")).isEqualTo("org.apache.catalina.core.StandardEngine");
        assertThat(text(old, "/message")).isEqualTo("Starting Servlet Engine: Apache Tomcat/7.0.52");
    }

    @Test
    void pythonLoggingDefaultsFromItsHowto() throws Exception {
        // Python Logging HOWTO: basicConfig's default format, and the "- %(name)s -" example
        JsonNode basic = both("WARNING:root:Watch out!", "python");
        assertThat(text(basic, "/log/level")).isEqualTo("warn");
        assertThat(text(basic, "/log/logger")).isEqualTo("root");
        assertThat(text(basic, "/message")).isEqualTo("Watch out!");

        JsonNode asctime = both("2005-03-19 15:10:26,618 - simple_example - ERROR - error message", "python");
        assertThat(text(asctime, "/@timestamp")).isEqualTo("2005-03-19T15:10:26.618Z");
        assertThat(text(asctime, "/log/level")).isEqualTo("error");
        assertThat(text(asctime, "/log/logger")).isEqualTo("simple_example");
        assertThat(text(asctime, "/message")).isEqualTo("error message");
    }

    @Test
    void pythonAsctimeLayoutWithEveryLevelNameWrittenByPython() throws Exception {
        // written by Python 3.11's logging with the HOWTO's asctime format; CRITICAL is the longest name
        String[][] lines = {
            {"2026-12-04 14:20:37,037 - svc.api - DEBUG - dbg", "debug"},
            {"2026-12-04 14:20:37,037 - svc.api - INFO - inf", "info"},
            {"2026-12-04 14:20:37,037 - svc.api - WARNING - wrn", "warn"},
            {"2026-12-04 14:20:37,037 - svc.api - ERROR - err", "error"},
            {"2026-12-04 14:20:37,037 - svc.api - CRITICAL - crit", "fatal"},
        };
        for (String[] line : lines) {
            JsonNode e = both(line[0], "python");
            assertThat(text(e, "/log/level")).as(line[0]).isEqualTo(line[1]);
            assertThat(text(e, "/log/logger")).as(line[0]).isEqualTo("svc.api");
            assertThat(text(e, "/@timestamp")).as(line[0]).isEqualTo("2026-12-04T14:20:37.037Z");
            assertThat(text(e, "/message")).as(line[0]).isEqualTo(line[0].substring(line[0].lastIndexOf(" - ") + 3));
        }
    }

    @Test
    void pythonLevelsAnApplicationNamedWithAddLevelName() throws Exception {
        // written by Python 3.11's logging after logging.addLevelName(25, 'NOTICE') and (5, 'TRACE')
        JsonNode notice = both("2026-12-04 14:20:37,037 - svc.api - NOTICE - notice lvl", "python");
        assertThat(text(notice, "/log/level")).isEqualTo("info");
        assertThat(text(notice, "/log/logger")).isEqualTo("svc.api");
        assertThat(text(notice, "/message")).isEqualTo("notice lvl");
        JsonNode trace = both("TRACE:shop.orders:a trace", "python");
        assertThat(text(trace, "/log/level")).isEqualTo("trace");
        assertThat(text(trace, "/log/logger")).isEqualTo("shop.orders");
        assertThat(text(trace, "/message")).isEqualTo("a trace");
        // a level with no name is no level word: the line is not read as the layout
        assertThat(ShapeChecks.decodeChecked("Level 3:shop.orders:unnamed", "python").at("/tags").toString())
                .contains(Tags.PARSE_FAILED);
        // nor is a word in prose that is not upper case, as Python's names are
        assertThat(ShapeChecks.decodeChecked("Notice:see:below", "python").at("/tags").toString())
                .contains(Tags.PARSE_FAILED);
    }

    @Test
    void goLogFromItsPackageDocs() throws Exception {
        // Go's log package docs (the flags): "2009/01/23 01:23:23.123123 /a/b/c/d.go:23: message"
        JsonNode e = both("2009/01/23 01:23:23.123123 /a/b/c/d.go:23: message", "go_log");
        assertThat(text(e, "/@timestamp")).isEqualTo("2009-01-23T01:23:23.123123Z");
        assertThat(text(e, "/log/origin/file/name")).isEqualTo("/a/b/c/d.go");
        assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(23);
        assertThat(text(e, "/message")).isEqualTo("message");
        assertThat(text(both("2009/01/23 01:23:23 [ERROR] no route", "go_log"), "/log/level")).isEqualTo("error");
    }

    @Test
    void dotnetConsoleLoggerFromTheAspNetCoreDocs() throws Exception {
        // ASP.NET Core docs, "Logging in .NET Core": the simple console formatter, two lines and SingleLine
        JsonNode e = both("info: Microsoft.Hosting.Lifetime[0]\n      Now listening on: https://localhost:5001", "dotnet");
        assertThat(text(e, "/log/level")).isEqualTo("info");
        assertThat(text(e, "/log/logger")).isEqualTo("Microsoft.Hosting.Lifetime");
        assertThat(text(e, "/message")).isEqualTo("Now listening on: https://localhost:5001");
        JsonNode fail = both("fail: MyApp.Worker[1001] Payment declined", "dotnet");
        assertThat(text(fail, "/log/level")).isEqualTo("error");
        assertThat(text(fail, "/message")).isEqualTo("Payment declined");
        assertThat(text(fail, "/attributes/EventId")).isEqualTo("1001");
    }

    @Test
    void klogFromItsReadmeAndTheStructuredLoggingKep() throws Exception {
        JsonNode e = both("I1025 00:15:15.525108       1 example.go:79] This is a message", "klog");
        assertThat(text(e, "/log/level")).isEqualTo("info");
        assertThat(text(e, "/@timestamp")).matches("\\d{4}-10-25T00:15:15.525108Z");
        assertThat(e.at("/process/pid").asLong()).isEqualTo(1);
        assertThat(text(e, "/log/origin/file/name")).isEqualTo("example.go");
        assertThat(e.at("/log/origin/file/line").asLong()).isEqualTo(79);
        assertThat(text(e, "/message")).isEqualTo("This is a message");
        // KEP-1602 structured logging: InfoS
        JsonNode s = both("E1025 00:15:15.525108       1 controller_utils.go:116] \"Pod status updated\" "
                + "pod=\"kube-system/kubedns\" status=\"ready\"", "klog");
        assertThat(text(s, "/log/level")).isEqualTo("error");
        assertThat(text(s, "/message")).isEqualTo("Pod status updated");
        assertThat(text(s, "/attributes/pod")).isEqualTo("kube-system/kubedns");
        assertThat(text(s, "/attributes/status")).isEqualTo("ready");
        // the quoted message stays the message; a pair that names it goes to attributes
        JsonNode named = both("I1025 00:15:15.525108       1 example.go:79] \"Synced\" message=again", "klog");
        assertThat(text(named, "/message")).isEqualTo("Synced");
        assertThat(text(named, "/attributes/message")).isEqualTo("again");
        // a fragment that is no pair after the message: the pairs are read, the line kept and tagged
        String odd = "E1025 00:15:15.525108       1 controller_utils.go:116] \"Pod status updated\" =secret pod=\"p\"";
        JsonNode o = ShapeChecks.decodeChecked(odd, "klog");
        assertThat(text(o, "/message")).isEqualTo("Pod status updated");
        assertThat(text(o, "/attributes/pod")).isEqualTo("p");
        assertThat(text(o, "/event/original")).isEqualTo(odd);
        assertThat(o.at("/tags").toString()).contains(Tags.PARSE_FAILED);
    }

    @Test
    void logfmtFromLogrusReadme() throws Exception {
        JsonNode e = ShapeChecks.decodeChecked(
                "time=\"2015-03-26T01:27:38-04:00\" level=debug msg=\"Started observing beach\" animal=walrus number=8", "logfmt");
        assertThat(text(e, "/@timestamp")).isEqualTo("2015-03-26T05:27:38Z");
        assertThat(text(e, "/log/level")).isEqualTo("debug");
        assertThat(text(e, "/message")).isEqualTo("Started observing beach");
        assertThat(text(e, "/attributes/animal")).isEqualTo("walrus");
        assertThat(text(e, "/attributes/number")).isEqualTo("8");
        assertThat(e.at("/tags").isMissingNode()).as("a well-formed line is not tagged").isTrue();
        assertThat(e.at("/event/original").isMissingNode()).isTrue();
        // under auto only as Go's libraries start it (time= or ts= and a digit, level= and a level word):
        // prose with an equals sign stays text
        for (String prose : List.of("retry with timeout=5s failed", "level=high msg=hi", "time=later msg=hi", "ts=x msg=hi")) {
            assertThat(text(ShapeChecks.decodeChecked(prose, "auto"), "/message")).isEqualTo(prose);
        }
        assertThat(text(ShapeChecks.decodeChecked("level=debug msg=hi", "auto"), "/message")).isEqualTo("hi");
        assertThat(ShapeChecks.decodeChecked("just words", "logfmt").at("/tags").toString()).contains(Tags.PARSE_FAILED);
    }

    @Test
    void aLogfmtLineWithAFragmentThatIsNoPairKeepsItsPairsAndItselfInEventOriginalTaggedParseFailed() throws Exception {
        // go-logfmt refuses such a line, Fluent Bit skips the fragment silently; Sluice keeps both
        String line = "level=warn =secret msg=hello user=ann";
        JsonNode e = ShapeChecks.decodeChecked(line, "logfmt");
        assertThat(text(e, "/message")).isEqualTo("hello");
        assertThat(text(e, "/log/level")).isEqualTo("warn");
        assertThat(text(e, "/attributes/user")).isEqualTo("ann");
        assertThat(e.at("/attributes/secret").isMissingNode()).as("a keyless value is no flag").isTrue();
        assertThat(text(e, "/event/original")).isEqualTo(line);
        assertThat(e.at("/tags").toString()).contains(Tags.PARSE_FAILED);

        // a quoted string, a control byte, a quoted value without its key: each where a key should start
        for (String odd : List.of("level=info \"quoted words\" msg=x", "level=info \u0001 msg=x", "level=info =\"a b\" msg=x")) {
            JsonNode o = ShapeChecks.decodeChecked(odd, "logfmt");
            assertThat(text(o, "/message")).as(odd).isEqualTo("x");
            assertThat(text(o, "/log/level")).as(odd).isEqualTo("info");
            assertThat(text(o, "/event/original")).as(odd).isEqualTo(odd);
            assertThat(o.at("/tags").toString()).as(odd).contains(Tags.PARSE_FAILED);
        }
        // with no msg pair the line is the message, and the event is tagged all the same
        JsonNode noMsg = ShapeChecks.decodeChecked("a=1 =2", "logfmt");
        assertThat(text(noMsg, "/message")).isEqualTo("a=1 =2");
        assertThat(noMsg.at("/tags").toString()).contains(Tags.PARSE_FAILED);
    }

    @Test
    void aPartlyReadLogfmtLineIsDeadLetteredWhenTheInputSaysSo() {
        DecodeOptions strict = new DecodeOptions(ZoneOffset.UTC, InvalidPolicy.DEAD_LETTER, true);
        LogEvent fine = decode("level=info msg=ok", "logfmt", strict);
        assertThat(fine.rejection()).isNull();
        LogEvent odd = decode("level=info =secret msg=ok", "logfmt", strict);
        assertThat(odd.rejection()).isNotNull();
        assertThat(odd.rejection().message()).contains("byte 12");
        assertThat(odd.original()).isEqualTo("level=info =secret msg=ok");
    }

    private static LogEvent decode(String line, String format, DecodeOptions options) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        LogEvent e = new LogEvent();
        RecordFormats.STANDARD.decoders(format, options).create().decode(b, 0, b.length, e);
        return e;
    }

    @Test
    void aLogfmtKeyGivenTwiceFillsItsFieldOnceAndKeepsTheLaterValueUnderAttributes() throws Exception {
        // as format: json does: the first value of the right kind wins the field
        JsonNode e = ShapeChecks.decodeChecked("msg=first n=1 level=info msg=second level=error lvl=loud n=2", "logfmt");
        assertThat(text(e, "/message")).isEqualTo("first");
        assertThat(text(e, "/log/level")).isEqualTo("info");
        assertThat(text(e, "/attributes/msg")).isEqualTo("second");
        assertThat(text(e, "/attributes/level")).isEqualTo("error");
        assertThat(text(e, "/attributes/lvl")).isEqualTo("loud");
        assertThat(text(e, "/attributes/n")).as("an attribute's last value, as in JSON").isEqualTo("2");
        assertThat(e.at("/tags").toString()).doesNotContain(Tags.PARSE_FAILED);
    }

    @Test
    void logfmtKeysWithNonAsciiLettersAreKept() throws Exception {
        // slog's TextHandler and go-logfmt write a key's UTF-8 as it is (only space, '=' and '"' end it)
        JsonNode e = ShapeChecks.decodeChecked("level=info msg=\"prix calculé\" café=noir größe=42 ключ=\"з пробілом\"", "logfmt");
        assertThat(text(e, "/message")).isEqualTo("prix calculé");
        assertThat(text(e, "/attributes/café")).isEqualTo("noir");
        assertThat(text(e, "/attributes/größe")).isEqualTo("42");
        assertThat(text(e, "/attributes/ключ")).isEqualTo("з пробілом");
        // a line that starts with such a key is logfmt too
        assertThat(text(ShapeChecks.decodeChecked("né=1 msg=ok", "logfmt"), "/attributes/né")).isEqualTo("1");
    }

    @Test
    void apacheAccessLogsFromTheApacheDocs() throws Exception {
        // Apache httpd docs, "Log Files": Common Log Format and Combined Log Format examples
        JsonNode common = both("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326", "access_log");
        assertThat(text(common, "/@timestamp")).isEqualTo("2000-10-10T20:55:36Z");
        assertThat(text(common, "/client/ip")).isEqualTo("127.0.0.1");
        assertThat(text(common, "/http/request/method")).isEqualTo("GET");
        assertThat(text(common, "/url/original")).isEqualTo("/apache_pb.gif");
        assertThat(text(common, "/http/version")).isEqualTo("1.0");
        assertThat(common.at("/http/response/status_code").asLong()).isEqualTo(200);
        assertThat(common.at("/http/response/body/bytes").asLong()).isEqualTo(2326);

        JsonNode combined = both("127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif?x=1 HTTP/1.0\" 200 2326 "
                + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"", "access_log");
        assertThat(text(combined, "/http/request/referrer")).isEqualTo("http://www.example.com/start.html");
        assertThat(text(combined, "/user_agent/original")).isEqualTo("Mozilla/4.08 [en] (Win98; I ;Nav)");
        assertThat(text(combined, "/url/path")).isEqualTo("/apache_pb.gif");
        assertThat(text(combined, "/url/query")).isEqualTo("x=1");
    }

    @Test
    void nginxCombinedAndErrorLogs() throws Exception {
        // nginx docs, ngx_http_log_module: the predefined "combined" format; a "-" body size and referrer
        JsonNode access = both("::1 - - [02/Dec/2026:12:26:44 +0000] \"POST /api/orders HTTP/1.1\" 201 - \"-\" \"curl/8.5.0\"", "access_log");
        assertThat(text(access, "/client/ip")).isEqualTo("::1");
        assertThat(access.at("/http/response/body/bytes").isMissingNode()).isTrue();
        assertThat(access.at("/http/request/referrer").isMissingNode()).isTrue();
        assertThat(text(access, "/user_agent/original")).isEqualTo("curl/8.5.0");

        // nginx's error_log line (ngx_log_error_core): time, [level], pid#tid: *connection message
        JsonNode error = both("2026/12/02 12:26:44 [error] 1234#1234: *5 open() \"/usr/share/nginx/html/favicon.ico\" failed "
                + "(2: No such file or directory), client: 172.17.0.1, server: localhost, request: \"GET /favicon.ico HTTP/1.1\", "
                + "host: \"localhost:8080\"", "nginx_error");
        assertThat(text(error, "/log/level")).isEqualTo("error");
        assertThat(error.at("/process/pid").asLong()).isEqualTo(1234);
        assertThat(text(error, "/message")).startsWith("open() \"/usr/share/nginx/html/favicon.ico\" failed");
        assertThat(text(error, "/client/ip")).isEqualTo("172.17.0.1");
        assertThat(text(error, "/url/original")).isEqualTo("/favicon.ico");
        assertThat(text(error, "/attributes/tid")).isEqualTo("1234");
        assertThat(text(error, "/attributes/connection")).isEqualTo("5");
    }

    @Test
    void aLineInAnotherLayoutIsTaggedUnderANamedFormatAndPlainTextUnderAuto() throws Exception {
        assertThat(ShapeChecks.decodeChecked("WARNING:root:Watch out!", "klog").at("/tags").toString()).contains(Tags.PARSE_FAILED);
        JsonNode prose = ShapeChecks.decodeChecked("Invalid input: 42 is not a price", "auto");
        assertThat(text(prose, "/message")).isEqualTo("Invalid input: 42 is not a price");
        assertThat(prose.at("/log/logger").isMissingNode()).isTrue();
    }
}
