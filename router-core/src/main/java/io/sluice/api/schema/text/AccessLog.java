package io.sluice.api.schema.text;

import io.sluice.api.event.HttpFields;
import io.sluice.api.event.LogEvent;

/**
 * The NCSA access log nginx and Apache write by default, common and combined:
 * {@code 127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "referrer" "user agent"}.
 * Fills {@code client.ip}, {@code http.request.method}, {@code url.original} (and its path and query),
 * {@code http.version}, {@code http.response.status_code}, {@code http.response.body.bytes} and, in
 * the combined form, {@code http.request.referrer} and {@code user_agent.original}. The whole line is the message.
 */
public final class AccessLog implements TextLayout {
    @Override
    public boolean parse(byte[] b, int off, int end, LogEvent event) {
        end = Scan.trimEnd(b, off, end);
        int hostEnd = Scan.wordEnd(b, off, end);
        if (hostEnd == off || hostEnd >= end) return false;
        int identEnd = Scan.wordEnd(b, hostEnd + 1, end);
        int userEnd = Scan.wordEnd(b, identEnd + 1, end);
        if (userEnd + 2 >= end || b[userEnd + 1] != '[') return false;
        int timeEnd = Scan.indexOf(b, userEnd + 2, end, (byte) ']');
        if (timeEnd < 0) return false;
        long time = LocalTimes.accessLog(b, userEnd + 2, timeEnd);
        if (time == LogEvent.NO_TIME || !Scan.startsWith(b, timeEnd, end, "] \"")) return false;
        int requestStart = timeEnd + 3;
        int requestEnd = Scan.closingQuote(b, requestStart - 1, end);
        if (requestEnd >= end || requestEnd + 1 >= end || b[requestEnd + 1] != ' ') return false;
        int statusStart = requestEnd + 2;
        int statusEnd = Scan.wordEnd(b, statusStart, end);
        long status = Scan.number(b, statusStart, statusEnd);
        if (status < 0 || statusEnd >= end) return false;
        int bytesEnd = Scan.wordEnd(b, statusEnd + 1, end);
        long bytes = Scan.number(b, statusEnd + 1, bytesEnd);
        if (bytes < 0 && !(bytesEnd == statusEnd + 2 && b[statusEnd + 1] == '-')) return false;
        String referrer = null;
        String agent = null;
        if (bytesEnd + 1 < end && b[bytesEnd + 1] == '"') { // combined
            int refEnd = Scan.closingQuote(b, bytesEnd + 1, end);
            if (refEnd < end) {
                referrer = dashIsAbsent(Scan.unquote(b, bytesEnd + 2, refEnd));
                if (refEnd + 2 < end && b[refEnd + 2] == '"') {
                    int agentEnd = Scan.closingQuote(b, refEnd + 2, end);
                    agent = dashIsAbsent(Scan.unquote(b, refEnd + 3, agentEnd));
                }
            }
        }
        HttpFields http = event.timestampNanos(time).message(Scan.text(b, off, end)).httpOrCreate();
        http.clientIp(Scan.text(b, off, hostEnd)).statusCode(status).referrer(referrer).userAgent(agent);
        if (bytes >= 0) http.bodyBytes(bytes);
        request(Scan.unquote(b, requestStart, requestEnd), http);
        return true;
    }

    /** {@code GET /path?q HTTP/1.1}; a request line that is not three words (a probe, {@code -}) is left out. */
    static void request(String line, HttpFields http) {
        int s1 = line.indexOf(' ');
        int s2 = line.lastIndexOf(' ');
        if (s1 <= 0 || s2 <= s1 || !line.startsWith("HTTP/", s2 + 1)) return;
        String url = line.substring(s1 + 1, s2);
        int q = url.indexOf('?');
        http.method(line.substring(0, s1)).version(line.substring(s2 + 6)).urlOriginal(url)
                .urlPath(q < 0 ? url : url.substring(0, q));
        if (q >= 0) http.urlQuery(url.substring(q + 1));
    }

    private static String dashIsAbsent(String v) {
        return v.isEmpty() || v.equals("-") ? null : v;
    }
}
