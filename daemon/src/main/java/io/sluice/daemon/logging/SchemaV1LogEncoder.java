package io.sluice.daemon.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.json.JsonBytes;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.LocalHost;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes Sluice's own log lines as schema v1 JSON ({@code service.name: sluice}), one per line, so
 * a Sluice can collect its own diagnostics like any other service's.
 */
public final class SchemaV1LogEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NONE = new byte[0];
    private final EventEncoder encoder = new EventEncoder();
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent in) {
        long nanos = in.getTimeStamp() * 1_000_000L;
        LogEvent e = new LogEvent()
                .timestampNanos(nanos)
                .createdNanos(nanos)
                .sequence(sequence.getAndIncrement())
                .message(in.getFormattedMessage())
                .level(level(in.getLevel()))
                .serviceName("sluice")
                .hostName(LocalHost.name())
                .inputType("internal");
        e.attributesOrCreate().putString("logger", shortName(in.getLoggerName()));
        e.attributesOrCreate().putString("thread", in.getThreadName());
        IThrowableProxy t = in.getThrowableProxy();
        if (t != null) {
            e.errorType(t.getClassName()).errorMessage(t.getMessage())
                    .errorStackTrace(ThrowableProxyUtil.asString(t));
        }
        JsonBytes out = new JsonBytes(512);
        encoder.encode(e, out);
        out.raw((byte) '\n');
        return out.toByteArray();
    }

    private static String shortName(String logger) {
        return logger.startsWith("io.sluice.") ? logger.substring("io.sluice.".length()) : logger;
    }

    private static Level level(ch.qos.logback.classic.Level l) {
        return switch (l.toInt()) {
            case ch.qos.logback.classic.Level.ERROR_INT -> Level.ERROR;
            case ch.qos.logback.classic.Level.WARN_INT -> Level.WARN;
            case ch.qos.logback.classic.Level.INFO_INT -> Level.INFO;
            case ch.qos.logback.classic.Level.DEBUG_INT -> Level.DEBUG;
            default -> Level.TRACE;
        };
    }
}
