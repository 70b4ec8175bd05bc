package io.sluice.bench;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.util.HashMap;
import java.util.Map;

/** fabric8's mock API server (CRUD mode) holding one pod, for the load driver's S4 scenario. */
final class MockApi implements AutoCloseable {
    private final KubernetesMockServer server;

    private MockApi(KubernetesMockServer server) {
        this.server = server;
    }

    static MockApi withPod(String namespace, String name, String node) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        server.createClient().pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata()
                .withNamespace(namespace).withName(name)
                .withLabels(Map.of("app", name, "app.kubernetes.io/version", "1.0", "team", "bench"))
                .endMetadata().withNewSpec().withNodeName(node).addNewContainer().withName(name)
                .withImage("registry.local/" + name + ":1.0").endContainer().endSpec().build()).create();
        return new MockApi(server);
    }

    String url() {
        return server.createClient().getConfiguration().getMasterUrl();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
