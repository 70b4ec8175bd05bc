package io.sluice.inputs.container;

import io.sluice.api.event.ContainerFields;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerPathsTest {
    private static final String ID = "5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d";

    @Test
    void kubernetesContainersLink() {
        ContainerFields f = ContainerPaths.identify(Path.of("/var/log/containers/web-7d4b9c-x2x_shop_nginx-" + ID + ".log"));
        assertThat(f).isEqualTo(new ContainerFields(ID, "nginx", null, "shop", "web-7d4b9c-x2x", null, "nginx"));
        assertThat(f.serviceNameHint()).isEqualTo("nginx");
    }

    @Test
    void kubernetesPodsDirectory() {
        ContainerFields f = ContainerPaths.identify(
                Path.of("/var/log/pods/shop_web-7d4b9c-x2x_0f8b2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/nginx/0.log"));
        assertThat(f).isEqualTo(new ContainerFields(null, "nginx", null, "shop", "web-7d4b9c-x2x",
                "0f8b2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b", "nginx"));
        assertThat(ContainerPaths.identify(
                Path.of("/var/log/pods/shop_web_0f8b2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/nginx/0.log.20260102-030405")))
                .extracting(ContainerFields::kubernetesPodName).isEqualTo("web");
    }

    @Test
    void dockerJsonFile() {
        ContainerFields f = ContainerPaths.identify(Path.of("/var/lib/docker/containers/" + ID + "/" + ID + "-json.log"));
        assertThat(f.containerId()).isEqualTo(ID);
        assertThat(f.containerRuntime()).isEqualTo("docker");
    }

    @Test
    void otherFilesHaveNoIdentity() {
        assertThat(ContainerPaths.identify(Path.of("/var/log/syslog"))).isNull();
        assertThat(ContainerPaths.identify(Path.of("/var/lib/docker/containers/" + ID + "/other-json.log"))).isNull();
    }
}
