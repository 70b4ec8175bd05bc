package io.sluice.outputs.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.sluice.api.tls.ClientTls;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.List;

/**
 * The clients of one output: the low-level {@link RestClient} (round-robin over the hosts, failover
 * when one is down) that carries the NDJSON bulk bodies, and the typed {@link ElasticsearchClient}
 * on the same connections for the start-up calls.
 */
final class Connection implements AutoCloseable {
    private final RestClient rest;
    private final RestClientTransport transport;
    private final ElasticsearchClient client;

    record Settings(List<String> hosts, Auth auth, ClientTls tls, int concurrency, Duration requestTimeout) {}

    Connection(Settings s) throws Exception {
        List<HttpHost> hosts = Hosts.toHttpHosts(s.hosts());
        SSLContext ssl = s.tls().sslContext();
        String authorization = s.auth().header();
        Header[] headers = authorization == null ? new Header[0]
                : new Header[] {new BasicHeader("Authorization", authorization)};
        int perRoute = s.concurrency() + 2;
        this.rest = RestClient.builder(hosts.toArray(new HttpHost[0]))
                .setDefaultHeaders(headers)
                .setRequestConfigCallback(rc -> rc.setConnectTimeout(5_000)
                        .setSocketTimeout((int) Math.min(Integer.MAX_VALUE, s.requestTimeout().toMillis())))
                .setHttpClientConfigCallback(hc -> {
                    hc.setMaxConnPerRoute(perRoute).setMaxConnTotal(perRoute * hosts.size());
                    if (ssl != null) hc.setSSLContext(ssl);
                    if (!s.tls().verify()) hc.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
                    return hc;
                })
                .build();
        this.transport = new RestClientTransport(rest, new JacksonJsonpMapper());
        this.client = new ElasticsearchClient(transport);
    }

    RestClient rest() { return rest; }
    ElasticsearchClient client() { return client; }

    @Override
    public void close() throws Exception {
        transport.close();
    }
}
