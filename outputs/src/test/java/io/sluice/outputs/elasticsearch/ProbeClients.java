package io.sluice.outputs.elasticsearch;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.http.HttpClient;
import java.security.cert.X509Certificate;
import java.time.Duration;

/** HTTP clients for probing a node whose HTTPS certificate the test has not read yet. */
final class ProbeClients {
    private ProbeClients() {}

    /** Trusts any certificate: only to see whether a starting node already serves HTTPS. */
    static HttpClient trustingClient() throws Exception {
        X509TrustManager all = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {all}, null);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(null);
        return HttpClient.newBuilder().sslContext(ctx).sslParameters(params).connectTimeout(Duration.ofSeconds(2)).build();
    }
}
