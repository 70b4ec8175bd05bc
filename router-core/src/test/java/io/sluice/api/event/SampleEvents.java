package io.sluice.api.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Events for round-trip tests of encoders and mappers. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /**
     * An event with every schema v1 field set, syslog, HTTP and Kubernetes metadata groups included, and
     * nested attributes. Its owner chain names every owner kind schema v1 has a field for, which no real
     * pod has, so that one event carries every field.
     */
    public static LogEvent everyField() {
        LogEvent e = new LogEvent().timestampNanos(1_700_000_000_123_456_789L).createdNanos(1_700_000_001_000_000_000L)
                .sequence(42).message("disk \"full\"\nretrying").level(Level.WARN).serviceName("api").hostName("node-1")
                .inputType("syslog").stream("stderr").traceId("0af7651916cd43dd8448eb211c80319c").spanId("b7ad6b7169203331")
                .filePath("/var/log/x.log").offset(1234).errorType("IOException").errorMessage("no space")
                .errorStackTrace("at a\nat b").errorCode("ENOSPC").original("<12>raw")
                .container(new ContainerFields("abc", "api-1", "containerd", "prod", "api-7f9", "uid-1", "api"))
                .labels(Map.of("env", "prod"))
                .logger("com.acme.Api").threadName("worker-1").pid(4711).originFile("Api.java").originLine(88)
                .originFunction("handle").dataset("api.log").serviceVersion("1.2.3").serviceEnvironment("prod")
                .durationNanos(1_500_000);
        e.httpOrCreate().method("GET").referrer("https://example.com/").statusCode(200).bodyBytes(512)
                .version("1.1").urlOriginal("/a?b=1").urlPath("/a").urlQuery("b=1").clientIp("10.0.0.2")
                .userAgent("curl/8.5.0");
        e.addTag(Tags.TIMESTAMP_MISSING).addTag("custom");
        e.syslogOrCreate().severityCode(4);
        e.syslog().facilityCode(16);
        e.syslog().version(1);
        e.syslog().appname("api");
        e.syslog().hostname("node-1");
        e.syslog().procid("77");
        e.syslog().msgid("ID1");
        e.syslog().addStructuredParam("origin@1", "ip", "10.0.0.1");
        e.kubernetes(new KubernetesMetadata("node-1",
                Map.of("app", "api", "app_kubernetes_io/name", "api-server"),
                Map.of("team", "payments", "prometheus_io/scrape", "true"),
                Map.of("kubernetes_io/metadata_name", "prod"),
                KubernetesMetadata.OWNER_KINDS.stream()
                        .map(kind -> new KubernetesMetadata.Owner(kind, "api-" + kind.toLowerCase(java.util.Locale.ROOT)))
                        .toList(),
                "registry.example.com:5000/team/api", "1.4.2", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                null, null));
        Attributes a = e.attributesOrCreate();
        a.putString("user", "ann");
        a.putLong("n", 7);
        byte[] nested = "{\"deep\":[1,{\"x\":null,\"y\":2.5,\"ok\":true}]}".getBytes(StandardCharsets.UTF_8);
        a.putRawJson("obj", nested, 0, nested.length);
        return e;
    }

    /**
     * An event of a pod whose log path did not name the container's id or runtime: the Kubernetes
     * metadata supplies them. With a Deployment's usual owner chain and no container name of its own.
     */
    public static LogEvent kubernetesSuppliesTheContainerId() {
        return new LogEvent().timestampNanos(1_700_000_000_000_000_000L).createdNanos(1_700_000_000_000_000_001L)
                .sequence(1).message("started").level(Level.INFO).serviceName("web").hostName("node-2")
                .inputType("container").stream("stdout")
                .container(new ContainerFields(null, null, null, "shop", "web-5d9-x2", "uid-2", "web"))
                .kubernetes(new KubernetesMetadata("node-2", Map.of("app", "web"), Map.of(), Map.of(),
                        List.of(new KubernetesMetadata.Owner("ReplicaSet", "web-5d9"), new KubernetesMetadata.Owner("Deployment", "web")),
                        "nginx", null, "sha256:ab12", "c0ffee", "containerd"));
    }
}
