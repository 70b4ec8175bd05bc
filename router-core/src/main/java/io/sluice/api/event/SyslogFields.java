package io.sluice.api.event;

import io.sluice.api.json.JsonBytes;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code log.syslog.*} group of schema v1; absent on events that did not come from syslog. */
public final class SyslogFields {
    public static final int UNSET = -1;

    private int facilityCode = UNSET;
    private int severityCode = UNSET;
    private int version = UNSET;
    private String hostname;
    private String appname;
    private String procid;
    /** PROCID when it is a decimal number as written (the usual pid): the String is made only when asked. */
    private long procidNumber = UNSET;
    private String msgid;
    private Map<String, Map<String, String>> structuredData;
    /**
     * The structured data as JSON, {@code structuredDataJson[structuredDataJsonOff, +structuredDataJsonLen)},
     * never modified once set (often a slice of a decoder's chunk shared by many events); when set,
     * {@link #structuredData} is only a decoded cache of it.
     */
    private byte[] structuredDataJson;
    private int structuredDataJsonOff;
    private int structuredDataJsonLen;

    public int facilityCode() { return facilityCode; }
    public void facilityCode(int code) { this.facilityCode = code; }
    public int severityCode() { return severityCode; }
    public void severityCode(int code) { this.severityCode = code; }
    public int version() { return version; }
    public void version(int version) { this.version = version; }
    public String hostname() { return hostname; }
    public void hostname(String hostname) { this.hostname = hostname; }
    public String appname() { return appname; }
    public void appname(String appname) { this.appname = appname; }
    public String procid() {
        String p = procid;
        if (p == null && procidNumber != UNSET) {
            p = Long.toString(procidNumber);
            procid = p; // a racy but harmless cache, as LogEvent.message()
        }
        return p;
    }
    public void procid(String procid) {
        this.procid = procid;
        this.procidNumber = UNSET;
    }
    /**
     * Sets PROCID from a number the record wrote in decimal without leading zeros, so that
     * {@link #procid()} is its text; the decoder makes no String for it.
     */
    public void procid(long number) {
        if (number < 0) throw new IllegalArgumentException("PROCID number must not be negative: " + number);
        this.procid = null;
        this.procidNumber = number;
    }
    /** PROCID as the number it was set as by {@link #procid(long)}, else {@link #UNSET} (text or absent). */
    public long procidNumber() { return procidNumber; }
    public String msgid() { return msgid; }
    public void msgid(String msgid) { this.msgid = msgid; }

    /**
     * SD-ID → (param name → value), in the order they were sent; null when the message had none.
     * Set as JSON by a decoder ({@link #structuredDataJson(byte[])}), the map is built on the first call
     * and is then read-only; change it through {@link #structuredElement}.
     */
    public Map<String, Map<String, String>> structuredData() {
        Map<String, Map<String, String>> sd = structuredData;
        if (sd == null && structuredDataJson != null) {
            sd = StructuredDataJson.read(structuredDataJson, structuredDataJsonOff, structuredDataJsonLen);
            structuredData = sd; // a racy but harmless cache, as LogEvent.message(): every thread builds an equal map
        }
        return sd;
    }

    /**
     * A copy of the structured data as one JSON object ({@code {"id":{"name":"value",...},...}}, UTF-8),
     * when a decoder set it so and nothing changed it since; null otherwise.
     */
    public byte[] structuredDataJson() {
        byte[] json = structuredDataJson;
        return json == null ? null : Arrays.copyOfRange(json, structuredDataJsonOff, structuredDataJsonOff + structuredDataJsonLen);
    }

    /** True when the structured data is held as the JSON a decoder set and nothing changed since. */
    public boolean hasStructuredDataJson() { return structuredDataJson != null; }

    /**
     * Appends the structured data as the JSON object it was set as (see {@link #hasStructuredDataJson}):
     * the encoder copies these bytes, no map per event.
     */
    public void writeStructuredDataJson(JsonBytes out) {
        out.raw(structuredDataJson, structuredDataJsonOff, structuredDataJsonLen);
    }

    /**
     * Sets the structured data as a JSON object of objects of strings, keys unique at both levels
     * (the syslog decoder writes it while parsing, so no map is built per event): {@code src[off, off+len)},
     * not copied, which the caller never changes afterwards (it may write elsewhere in the array).
     */
    public void structuredDataJson(byte[] src, int off, int len) {
        this.structuredDataJson = src;
        this.structuredDataJsonOff = off;
        this.structuredDataJsonLen = len;
        this.structuredData = null;
    }

    /** Adds a param, creating the element on first use; a repeated param name keeps the last value. */
    public void addStructuredParam(String sdId, String name, String value) {
        structuredElement(sdId).put(name, value);
    }

    /** The element's params, created empty when absent (an SD element may carry no params). */
    public Map<String, String> structuredElement(String sdId) {
        if (structuredDataJson != null) { // about to change: from here on the map is the data
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            structuredData().forEach((id, params) -> copy.put(id, new LinkedHashMap<>(params)));
            structuredData = copy;
            structuredDataJson = null;
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
