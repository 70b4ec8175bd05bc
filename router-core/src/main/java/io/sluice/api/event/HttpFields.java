package io.sluice.api.event;

/**
 * The access-log group of schema v1, ECS names: {@code http.request.method},
 * {@code http.request.referrer}, {@code http.response.status_code}, {@code http.response.body.bytes},
 * {@code http.version}, {@code url.original}, {@code url.path}, {@code url.query}, {@code client.ip}
 * and {@code user_agent.original}. Absent (null on the event) unless a decoder of access logs fills it.
 */
public final class HttpFields {
    private String method;
    private String referrer;
    private long statusCode = LogEvent.NO_NUMBER;
    private long bodyBytes = LogEvent.NO_NUMBER;
    private String version;
    private String urlOriginal;
    private String urlPath;
    private String urlQuery;
    private String clientIp;
    private String userAgent;

    HttpFields copy() {
        HttpFields c = new HttpFields();
        c.method = method;
        c.referrer = referrer;
        c.statusCode = statusCode;
        c.bodyBytes = bodyBytes;
        c.version = version;
        c.urlOriginal = urlOriginal;
        c.urlPath = urlPath;
        c.urlQuery = urlQuery;
        c.clientIp = clientIp;
        c.userAgent = userAgent;
        return c;
    }

    public String method() { return method; }
    public HttpFields method(String method) { this.method = method; return this; }
    public String referrer() { return referrer; }
    public HttpFields referrer(String referrer) { this.referrer = referrer; return this; }
    /** {@link LogEvent#NO_NUMBER} when absent */
    public long statusCode() { return statusCode; }
    public HttpFields statusCode(long code) { this.statusCode = code; return this; }
    /** {@link LogEvent#NO_NUMBER} when absent */
    public long bodyBytes() { return bodyBytes; }
    public HttpFields bodyBytes(long bytes) { this.bodyBytes = bytes; return this; }
    /** {@code http.version}, e.g. {@code 1.1} */
    public String version() { return version; }
    public HttpFields version(String version) { this.version = version; return this; }
    public String urlOriginal() { return urlOriginal; }
    public HttpFields urlOriginal(String url) { this.urlOriginal = url; return this; }
    public String urlPath() { return urlPath; }
    public HttpFields urlPath(String path) { this.urlPath = path; return this; }
    public String urlQuery() { return urlQuery; }
    public HttpFields urlQuery(String query) { this.urlQuery = query; return this; }
    /** {@code client.ip}: an IPv4 or IPv6 address (ECS type ip) */
    public String clientIp() { return clientIp; }
    public HttpFields clientIp(String ip) { this.clientIp = ip; return this; }
    public String userAgent() { return userAgent; }
    public HttpFields userAgent(String userAgent) { this.userAgent = userAgent; return this; }

    public boolean hasRequest() { return method != null || referrer != null; }
    public boolean hasResponse() { return statusCode != LogEvent.NO_NUMBER || bodyBytes != LogEvent.NO_NUMBER; }
    public boolean hasUrl() { return urlOriginal != null || urlPath != null || urlQuery != null; }
    public boolean isEmpty() {
        return !hasRequest() && !hasResponse() && version == null && !hasUrl() && clientIp == null && userAgent == null;
    }
}
