package io.sluice.api.schema.text;

import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.TextRecordDecoder;

/**
 * {@code auto} for a record that is not JSON: the text layouts that a line's first bytes identify
 * without doubt are tried, picked by the first byte so a line pays for one or two checks at most;
 * anything else is plain text. logfmt is a candidate only when a line starts as Go's libraries start it
 * ({@code time="2026-...}, {@code ts=2026-...}, {@code level=info }): too many prose lines hold a
 * {@code key=value}.
 */
public final class AutoTextDecoder implements RecordDecoder {
    private final TextRecordDecoder text;
    private final Klog klog;
    private final SpringBoot springBoot;
    private final JavaConsole javaConsole;
    private final PythonLogging python;
    private final GoLog goLog;
    private final NginxError nginxError;
    private final AccessLog accessLog = new AccessLog();
    private final DotnetConsole dotnet = new DotnetConsole();
    private final Loguru loguru;
    private final Structlog structlog;
    private final Monolog monolog;
    private final RubyLogger ruby;
    private final ZapConsole zap;
    private final Hclog hclog;
    private final Logfmt logfmt;
    private final ZerologConsole zerolog;

    public AutoTextDecoder(DecodeOptions options, TextRecordDecoder text) {
        this.text = text;
        this.klog = new Klog(options);
        this.springBoot = new SpringBoot(options);
        this.javaConsole = new JavaConsole(options);
        this.python = new PythonLogging(options);
        this.goLog = new GoLog(options);
        this.nginxError = new NginxError(options);
        this.loguru = new Loguru(options);
        this.structlog = new Structlog(options);
        this.monolog = new Monolog(options);
        this.ruby = new RubyLogger(options);
        this.zap = new ZapConsole(options);
        this.hclog = new Hclog(options);
        this.logfmt = new Logfmt(options);
        this.zerolog = new ZerologConsole(options);
    }

    @Override
    public void decode(byte[] b, int off, int len, LogEvent event) {
        if (!layout(b, off, off + len, event)) text.decode(b, off, len, event);
    }

    private boolean layout(byte[] b, int off, int end, LogEvent event) {
        if (end - off < 8) return false;
        byte c = b[off];
        if (Scan.isDigit(c)) {
            if ((b[off + 1] == ':' || b[off + 2] == ':') && ZerologConsole.starts(b, off, end)) {
                return zerolog.parse(b, off, end, event);
            }
            if (b[off + 2] == ':') return javaConsole.parse(b, off, end, event);
            if (b[off + 4] == '/') return nginxError.parse(b, off, end, event) || goLog.parse(b, off, end, event);
            if (b[off + 4] == '-') {
                if (Loguru.starts(b, off, end)) return loguru.parse(b, off, end, event);
                if (ZapConsole.starts(b, off, end)) return zap.parse(b, off, end, event);
                return springBoot.parse(b, off, end, event) || javaConsole.parse(b, off, end, event)
                        || python.parse(b, off, end, event) || hclog.parse(b, off, end, event)
                        || zerolog.parse(b, off, end, event) || structlog.parse(b, off, end, event);
            }
            return accessLog.parse(b, off, end, event);
        }
        if (c >= 'A' && c <= 'Z') {
            if (b[off + 1] == ',') return RubyLogger.starts(b, off, end) && ruby.parse(b, off, end, event);
            return (Klog.starts(b, off, end) && klog.parse(b, off, end, event)) || python.parse(b, off, end, event);
        }
        if (c >= 'a' && c <= 'z') {
            if (Logfmt.startsLikeGo(b, off, end)) return logfmt.parse(b, off, end, event);
            return DotnetConsole.level(b, off, end) != null && dotnet.parse(b, off, end, event);
        }
        if (c == '[') {
            if (Monolog.starts(b, off, end)) return monolog.parse(b, off, end, event);
            return structlog.parse(b, off, end, event); // structlog without a TimeStamper
        }
        return c == ':' && accessLog.parse(b, off, end, event); // an IPv6 client such as ::1
    }
}
