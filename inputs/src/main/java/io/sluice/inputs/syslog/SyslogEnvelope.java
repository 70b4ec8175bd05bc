package io.sluice.inputs.syslog;

import io.sluice.inputs.multiline.LineEnvelope;

import java.time.ZoneOffset;

/**
 * Where a syslog message's text (MSG) is, for joining a stack trace sent one line per message: the
 * joiner matches its rules on MSG, and a joined event keeps the first message's header with the
 * MSGs joined by newlines, so the decoder reads it like any other message. A record that is not
 * syslog is passed on as it is. Parses the header a second time, so only inputs with
 * {@code multiline} pay for it. One per connection or UDP sender (not thread-safe).
 */
final class SyslogEnvelope implements LineEnvelope {
    private final SyslogParser parser;

    SyslogEnvelope(boolean firstWordTag) {
        this.parser = new SyslogParser(firstWordTag);
    }

    @Override
    public boolean locate(byte[] b, int off, int end, int[] out) {
        // the time is not needed here, so any zone does
        if (parser.parse(b, off, SyslogParser.trimTrailer(b, off, end), ZoneOffset.UTC, System.currentTimeMillis() * 1_000_000L) != null) {
            return false;
        }
        out[0] = parser.message.msgStart;
        out[1] = parser.message.msgEnd;
        out[2] = 0;
        return true;
    }
}
