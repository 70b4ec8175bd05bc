package io.sluice.api.schema;

import io.sluice.api.option.Option;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.text.AccessLog;
import io.sluice.api.schema.text.DotnetConsole;
import io.sluice.api.schema.text.GoLog;
import io.sluice.api.schema.text.Hclog;
import io.sluice.api.schema.text.JavaConsole;
import io.sluice.api.schema.text.Klog;
import io.sluice.api.schema.text.LayoutDecoder;
import io.sluice.api.schema.text.Logfmt;
import io.sluice.api.schema.text.Loguru;
import io.sluice.api.schema.text.Monolog;
import io.sluice.api.schema.text.NginxError;
import io.sluice.api.schema.text.PythonLogging;
import io.sluice.api.schema.text.RubyLogger;
import io.sluice.api.schema.text.SpringBoot;
import io.sluice.api.schema.text.Structlog;
import io.sluice.api.schema.text.ZapConsole;
import io.sluice.api.schema.text.ZerologConsole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code format:} names an input accepts, each with the decoder it stands for and a line of doc:
 * the one place a format word becomes a {@link RecordDecoder}. {@link #STANDARD} holds the formats
 * every input reads; an input with formats of its own (Kafka's schema pass-through, container
 * runtimes' envelopes) derives its registry with {@link #with}. The option's allowed words and its
 * reference doc are generated from the registry, so a new format is one {@code with(...)} line.
 *
 * <p>Immutable: {@link #with} returns a new registry.
 */
public final class RecordFormats {
    /** Makes a format's decoder factory from the input's decode options. */
    @FunctionalInterface
    public interface DecoderMaker {
        RecordDecoder.Factory decoders(DecodeOptions options);
    }

    private record Format(String doc, DecoderMaker maker) {}

    /** The formats every input reads. */
    public static final RecordFormats STANDARD = new RecordFormats(Map.of())
            .with("auto", "a JSON object becomes structured fields; a line in one of the text layouts below "
                            + "that its first bytes identify is read as that layout (logfmt only when it starts as Go's libraries start it: "
                            + "`time=\"2026-...`, `ts=2026-...`, `level=info `); any other record is text",
                    o -> () -> parsedFirst(o, new JsonRecordDecoder(o, false)))
            .with("json", "every record must be a JSON object; one that is not is tagged `parse_failed`",
                    o -> () -> parsedFirst(o, new JsonRecordDecoder(o, true)))
            .with("text", "the whole record is the message",
                    o -> () -> parsedFirst(o, new TextRecordDecoder(o)))
            .with("logfmt", "`key=value` pairs (logrus, go-kit, slog's TextHandler)",
                    o -> LayoutDecoder.factory("logfmt", Logfmt::new, o))
            .with("klog", "the Kubernetes components' `I1202 12:26:44.868123 1234 file.go:42] msg`",
                    o -> LayoutDecoder.factory("klog", Klog::new, o))
            .with("logback", "logback's and log4j2's default console layout, `12:26:44.868 [main] DEBUG com.acme.Pricing -- msg`",
                    o -> LayoutDecoder.factory("logback", JavaConsole::new, o))
            .with("log4j2", "the same layout as `logback`, by log4j2's name",
                    o -> LayoutDecoder.factory("log4j2", JavaConsole::new, o))
            .with("spring_boot", "Spring Boot's default console layout, `2026-12-02T12:26:44.868Z  INFO 1234 --- [main] c.a.Pricing : msg`",
                    o -> LayoutDecoder.factory("spring_boot", SpringBoot::new, o))
            .with("python", "Python `logging`'s `WARNING:root:msg` and `asctime - name - LEVEL - msg`",
                    o -> LayoutDecoder.factory("python", PythonLogging::new, o))
            .with("loguru", "Python loguru's default sink, `2026-12-04 17:05:41.896 | INFO     | app.db:run:42 - msg`",
                    o -> LayoutDecoder.factory("loguru", Loguru::new, o))
            .with("structlog", "Python structlog's `ConsoleRenderer`, `2026-12-04 17:05:41 [info     ] msg key=value`",
                    o -> LayoutDecoder.factory("structlog", Structlog::new, o))
            .with("monolog", "PHP Monolog's `LineFormatter`, `[2026-12-04T19:06:48.002496+00:00] app.ERROR: msg {\"ctx\":1} []`",
                    o -> LayoutDecoder.factory("monolog", Monolog::new, o))
            .with("ruby_logger", "Ruby's `Logger` (Rails' default), `E, [2026-12-04T19:06:57.654881 #20561] ERROR -- progname: msg`",
                    o -> LayoutDecoder.factory("ruby_logger", RubyLogger::new, o))
            .with("go_log", "Go's `log`, `2026/12/02 12:26:44 msg`",
                    o -> LayoutDecoder.factory("go_log", GoLog::new, o))
            .with("zap_console", "Go zap's console encoder (its development logger), tab-separated `2026-12-04T19:06:36.470Z INFO name app/main.go:79 msg {\"k\": 1}`",
                    o -> LayoutDecoder.factory("zap_console", ZapConsole::new, o))
            .with("hclog", "HashiCorp hclog's text format, `2026-12-04T19:05:57.886Z [INFO]  name: msg: key=value`",
                    o -> LayoutDecoder.factory("hclog", Hclog::new, o))
            .with("zerolog_console", "Go zerolog's `ConsoleWriter` without colors, `7:04PM INF app/main.go:96 > msg key=value`",
                    o -> LayoutDecoder.factory("zerolog_console", ZerologConsole::new, o))
            .with("dotnet", ".NET's console logger, `info: Namespace.Class[0]` and the indented message",
                    o -> LayoutDecoder.factory("dotnet", x -> new DotnetConsole(), o))
            .with("access_log", "nginx and Apache access logs, common and combined, into `http.*`, `url.*`, `client.ip`",
                    o -> LayoutDecoder.factory("access_log", x -> new AccessLog(), o))
            .with("nginx_error", "nginx's error log, `2026/12/02 12:26:44 [error] 1234#1234: *5 msg`",
                    o -> LayoutDecoder.factory("nginx_error", NginxError::new, o));

    /** The {@code format} option of inputs that read the standard formats, default {@code auto}. */
    public static final Option<String> STANDARD_FORMAT = STANDARD.option("auto");

    /** An input's {@code timezone}: the zone of the times its records write without an offset (docs: SCHEMA.md). */
    public static final Option<String> TIMEZONE = timezone(
            "Zone of times written without an offset (Python's asctime, logback's and log4j2's default layouts), "
                    + "such as UTC, Europe/Berlin or +02:00 (default: UTC).");

    /** A {@code timezone} option with an input's own description. */
    public static Option<String> timezone(String doc) {
        return Option.of("timezone", Types.STRING)
                .check(RecordFormats::isZone, "must be a time zone such as UTC, Europe/Berlin or +02:00")
                .doc(doc)
                .build();
    }

    private static boolean isZone(String s) {
        try {
            java.time.ZoneId.of(s);
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private final Map<String, Format> formats;

    private RecordFormats(Map<String, Format> formats) {
        this.formats = formats;
    }

    /** A registry with {@code name} added, or replaced in place when it is already there. */
    public RecordFormats with(String name, String doc, DecoderMaker maker) {
        Map<String, Format> more = new LinkedHashMap<>(formats);
        more.put(name, new Format(doc, maker));
        return new RecordFormats(more);
    }

    /** The valid names, in registration order. */
    public List<String> names() {
        return List.copyOf(formats.keySet());
    }

    /** The decoder factory for {@code name}; the option built by {@link #option} has checked it exists. */
    public RecordDecoder.Factory decoders(String name, DecodeOptions options) {
        Format f = formats.get(name);
        if (f == null) throw new IllegalArgumentException("unknown format " + name + "; one of " + names());
        return f.maker().decoders(options);
    }

    /**
     * The input's user-defined parser, when it has one, in front of a standard format: the parser
     * reads each record first and the format reads what it does not match. Formats that read the application's
     * own line use it; an envelope format (a container runtime's) leaves it to the line inside.
     */
    public static RecordDecoder parsedFirst(DecodeOptions o, RecordDecoder format) {
        return o.parser() == null ? format : new ParsedRecordDecoder(o.parser(), format, o);
    }

    /** The {@code format} option: one of {@link #names()}, documented from each format's doc. */
    public Option<String> option(String defaultName) {
        if (!formats.containsKey(defaultName)) throw new IllegalArgumentException("unknown format " + defaultName);
        String each = formats.entrySet().stream()
                .map(e -> "`" + e.getKey() + "` (" + e.getValue().doc() + ")")
                .collect(Collectors.joining(", "));
        return Option.of("format", Types.oneOf(names().toArray(String[]::new)))
                .defaultValue(defaultName)
                .doc("How each record is read: " + each + ".")
                .build();
    }
}
