package io.sluice.inputs.syslog;

import io.sluice.inputs.net.SenderJoiners;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Who sent a syslog datagram, for joining a stack trace sent a datagram per line: the source
 * address and port, and the HOSTNAME and APP-NAME (TAG) of the header, so a relay forwarding many
 * hosts' messages from one socket still keeps each host's and program's lines apart. A datagram that
 * is not syslog is keyed by its address alone. Parses the header (only inputs with {@code multiline}
 * over UDP pay for it). One per listener (not thread-safe).
 */
final class SyslogSenderKey implements SenderJoiners.SenderKey {
    private record Key(InetSocketAddress sender, String host, String app) {}

    private final SyslogParser parser;

    SyslogSenderKey(boolean firstWordTag) {
        this.parser = new SyslogParser(firstWordTag);
    }

    @Override
    public Object of(InetSocketAddress sender, byte[] b, int off, int end) {
        // the time is not needed here, so any zone does
        if (parser.parse(b, off, end, ZoneOffset.UTC, System.currentTimeMillis() * 1_000_000L) != null) return new Key(sender, null, null);
        SyslogMessage m = parser.message;
        return new Key(sender, part(b, m.hostStart, m.hostEnd), part(b, m.appStart, m.appEnd));
    }

    private static String part(byte[] b, int start, int end) {
        return start < 0 ? null : new String(b, start, end - start, StandardCharsets.UTF_8);
    }
}
