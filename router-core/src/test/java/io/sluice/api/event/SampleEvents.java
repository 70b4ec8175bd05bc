package io.sluice.api.event;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Events for round-trip tests of encoders and mappers. */
public final class SampleEvents {
    private SampleEvents() {
    }

    /** An event with every schema v1 field set, syslog and HTTP groups included, and nested attributes. */
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
        Attributes a = e.attributesOrCreate();
        a.putString("user", "ann");
        a.putLong("n", 7);
        byte[] nested = "{\"deep\":[1,{\"x\":null,\"y\":2.5,\"ok\":true}]}".getBytes(StandardCharsets.UTF_8);
        a.putRawJson("obj", nested, 0, nested.length);
        return e;
    }
}
