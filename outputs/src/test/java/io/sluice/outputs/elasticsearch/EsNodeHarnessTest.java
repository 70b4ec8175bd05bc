package io.sluice.outputs.elasticsearch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(EsNodes.class)
@Timeout(300)
class EsNodeHarnessTest {

    @Test
    void nodeAnswersAsElasticsearchAndRunsAsTheServiceUser(EsNode node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.url() + "/_cluster/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-elastic-product")).hasValue("Elasticsearch");
        assertThat(r.body()).contains("\"cluster_name\":\"sluice-test-plain\"");
        // Elasticsearch refuses root: under root (CI) the harness runs it as its own service user
        if (EsNode.runningAsRoot()) assertThat(node.processUsers()).containsOnly(EsNode.USER);
    }
}
