package io.sluice.api.event;

import io.sluice.api.json.JsonBytes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code log.syslog.*} group of schema v1; absent on events that did not come from syslog. */
public final class SyslogFields {
    public static final int UNSET = -1;

    // One per syslog event: the codes are held as "code + 1", so that the zeroed memory of a new object
    // already means UNSET and the constructor writes nothing. Whole ints, not bytes: a schema-v1 record
    // or an OTLP attribute may carry any integer here, and it must come back as sent, never be refused.
    /** The facility code + 1 (RFC 5424: 0–23), 0 when unset. */
    private int facilityPlusOne;
    /** The severity code + 1 (RFC 5424: 0–7), 0 when unset. */
    private int severityPlusOne;
    /** The VERSION + 1 (RFC 5424: 1–999), 0 when unset. */
    private int versionPlusOne;
    private String hostname;
    private String appname;
    private String procid;
    /**
     * PROCID when it is a decimal number as written (the usual pid), xor {@link #UNSET} (0 when it is
     * not): the String is made only when asked.
     */
    private long procidNumberBits;
    private String msgid;
    private Map<String, Map<String, String>> structuredData;
    /**
     * The structured data as the record's RFC 5424 text, {@code structuredDataText[structuredDataTextOff,
     * +structuredDataTextLen)}, checked by the decoder and never modified (usually a slice of the batch's
     * bytes, as the message is); when set, {@link #structuredData} is only a decoded cache of it. The
     * length's sign bit ({@link #PLAIN_TEXT}) says the text is plain: no field costs a byte for it.
     */
    private byte[] structuredDataText;
    private int structuredDataTextOff;
    private int structuredDataTextLen;
    /** Set in {@link #structuredDataTextLen} when the text is plain (see {@link #structuredDataText(byte[], int, int, boolean)}). */
    private static final int PLAIN_TEXT = Integer.MIN_VALUE;

    public int facilityCode() { return facilityPlusOne - 1; }
    public void facilityCode(int code) { this.facilityPlusOne = code + 1; }
    public int severityCode() { return severityPlusOne - 1; }
    public void severityCode(int code) { this.severityPlusOne = code + 1; }
    public int version() { return versionPlusOne - 1; }
    public void version(int version) { this.versionPlusOne = version + 1; }
    public String hostname() { return hostname; }
    public void hostname(String hostname) { this.hostname = hostname; }
    public String appname() { return appname; }
    public void appname(String appname) { this.appname = appname; }
    public String procid() {
        String p = procid;
        long number = procidNumber();
        if (p == null && number != UNSET) {
            p = Long.toString(number);
            procid = p; // a racy but harmless cache, as LogEvent.message()
        }
        return p;
    }
    public void procid(String procid) {
        this.procid = procid;
        this.procidNumberBits = 0;
    }
    /**
     * Sets PROCID from a number the record wrote in decimal without leading zeros, so that
     * {@link #procid()} is its text; the decoder makes no String for it.
     */
    public void procid(long number) {
        if (number < 0) throw new IllegalArgumentException("PROCID number must not be negative: " + number);
        this.procid = null;
        this.procidNumberBits = number ^ UNSET;
    }
    /** PROCID as the number it was set as by {@link #procid(long)}, else {@link #UNSET} (text or absent). */
    public long procidNumber() { return procidNumberBits ^ UNSET; }
    public String msgid() { return msgid; }
    public void msgid(String msgid) { this.msgid = msgid; }

    /**
     * SD-ID → (param name → value), in the order they were sent; null when the message had none.
     * Set as text by a decoder ({@link #structuredDataText}), the map is built on the first call and
     * is then read-only; change it through {@link #structuredElement}.
     */
    public Map<String, Map<String, String>> structuredData() {
        Map<String, Map<String, String>> sd = structuredData;
        if (sd == null && structuredDataText != null) {
            byte[] json = structuredDataJson();
            sd = StructuredDataJson.read(json, 0, json.length);
            structuredData = sd; // a racy but harmless cache, as LogEvent.message(): every thread builds an equal map
        }
        return sd;
    }

    /**
     * The structured data as one JSON object ({@code {"id":{"name":"value",...},...}}, UTF-8), when a
     * decoder set it as text and nothing changed it since; null otherwise. Made on each call.
     */
    public byte[] structuredDataJson() {
        if (structuredDataText == null) return null;
        JsonBytes json = new JsonBytes(StructuredDataText.plainJsonBound(structuredDataTextLen & ~PLAIN_TEXT));
        writeStructuredDataJson(json);
        return json.toByteArray();
    }

    /** True when the structured data is held as the text a decoder set and nothing changed since. */
    public boolean hasStructuredDataText() { return structuredDataText != null; }

    /**
     * Appends the structured data held as text (see {@link #hasStructuredDataText}) as its JSON object,
     * written from the record's bytes: no map and no copy per event.
     */
    public void writeStructuredDataJson(JsonBytes out) {
        int len = structuredDataTextLen;
        if (len < 0) {
            StructuredDataText.writePlainJson(structuredDataText, structuredDataTextOff,
                    structuredDataTextOff + (len & ~PLAIN_TEXT), out);
        } else {
            StructuredDataText.writeJson(structuredDataText, structuredDataTextOff, structuredDataTextOff + len, out);
        }
    }

    /**
     * Sets the structured data as RFC 5424 STRUCTURED-DATA text that the caller checked: the grammar,
     * SD-IDs unique and param names unique within their element (see {@link StructuredDataText}). The
     * bytes {@code src[off, off+len)} are not copied: the caller keeps them unchanged for as long as the
     * event lives (the batch's bytes, or an array it writes nowhere else).
     */
    public void structuredDataText(byte[] src, int off, int len) {
        structuredDataText(src, off, len, false);
    }

    /**
     * As {@link #structuredDataText(byte[], int, int)}; {@code plain} says the caller also found no
     * backslash in the text and no control character (below 0x20) in its values, so that its JSON is
     * its bytes with other punctuation and the encoder copies them without looking at each
     * ({@link StructuredDataText#writePlainJson}).
     */
    public void structuredDataText(byte[] src, int off, int len, boolean plain) {
        this.structuredDataText = src;
        this.structuredDataTextOff = off;
        this.structuredDataTextLen = plain ? len | PLAIN_TEXT : len;
        this.structuredData = null;
    }

    /** Adds a param, creating the element on first use; a repeated param name keeps the last value. */
    public void addStructuredParam(String sdId, String name, String value) {
        structuredElement(sdId).put(name, value);
    }

    /** The element's params, created empty when absent (an SD element may carry no params). */
    public Map<String, String> structuredElement(String sdId) {
        if (structuredDataText != null) { // about to change: from here on the map is the data
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            structuredData().forEach((id, params) -> copy.put(id, new LinkedHashMap<>(params)));
            structuredData = copy;
            structuredDataText = null;
        }
        if (structuredData == null) structuredData = new LinkedHashMap<>();
        return structuredData.computeIfAbsent(sdId, k -> new LinkedHashMap<>());
    }

    private static final String[] SEVERITY_NAMES = {
        "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
    private static final String[] FACILITY_NAMES = {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
        "ftp", "ntp", "security", "console", "solaris-cron", "local0", "local1", "local2", "local3",
        "local4", "local5", "local6", "local7"};

    /** The conventional name of a severity code (RFC 5424 table 2, as syslog(3) spells it). */
    public static String severityName(int code) {
        return code >= 0 && code < SEVERITY_NAMES.length ? SEVERITY_NAMES[code] : null;
    }

    /** The conventional name of a facility code (RFC 5424 table 1). */
    public static String facilityName(int code) {
        return code >= 0 && code < FACILITY_NAMES.length ? FACILITY_NAMES[code] : null;
    }
}
