package io.sluice.api.schema.text;

import io.sluice.api.event.Attributes;
import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.Levels;

/**
 * nginx's error log: {@code 2026/12/02 12:26:44 [error] 1234#1234: *5 open() "/x" failed (2: No such file
 * or directory), client: 10.0.0.1, server: localhost, request: "GET /x HTTP/1.1", host: "localhost"}.
 * The level, the worker pid, {@code client.ip} and the request line are read; the thread id and the
 * connection number go to {@code attributes.tid} and {@code attributes.connection}; the text after
 * the connection number is the message.
 */
public final class NginxError implements TextLayout {
    private final DecodeOptions options;
    private final long[] time = new long[2];

    public NginxError(DecodeOptions options) {
        this.options = options;
    }

    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        if (!LocalTimes.slashed(b, off, end, options.zone(), time)) return false;
        int p = (int) time[1];
        if (!Scan.startsWith(b, p, end, " [")) return false;
        int close = Scan.indexOf(b, p + 2, Math.min(end, p + 10), (byte) ']');
        if (close < 0) return false;
        Level level = Levels.fromWord(Scan.text(b, p + 2, close));
        if (level == null || close + 1 >= end || b[close + 1] != ' ') return false;
        int hash = Scan.indexOf(b, close + 2, Math.min(end, close + 22), (byte) '#');
        long pid = hash < 0 ? -1 : Scan.number(b, close + 2, hash);
        int colon = hash < 0 ? -1 : Scan.indexOf(b, hash, end, ": ");
        if (pid < 0 || colon < 0 || Scan.number(b, hash + 1, colon) < 0) return false;
        int msg = colon + 2;
        Attributes attributes = event.attributesOrCreate();
        attributes.putString("tid", Scan.text(b, hash + 1, colon));
        if (msg < end && b[msg] == '*') { // "*5 ": the connection's serial number ($connection)
            int number = Scan.wordEnd(b, msg, end);
            attributes.putString("connection", Scan.text(b, msg + 1, number));
            msg = Math.min(number + 1, end);
        }
        event.timestampNanos(time[0]).level(level).pid(pid).message(Scan.text(b, msg, end));
        int client = Scan.indexOf(b, msg, end, ", client: ");
        if (client >= 0) {
            int from = client + 10;
            int to = Scan.indexOf(b, from, end, (byte) ',');
            event.httpOrCreate().clientIp(Scan.text(b, from, to < 0 ? end : to));
        }
        int request = Scan.indexOf(b, msg, end, ", request: \"");
        if (request >= 0) {
            int from = request + 12;
            AccessLog.request(Scan.unquote(b, from, Scan.closingQuote(b, from - 1, end)), event.httpOrCreate());
        }
        return true;
    }
}
