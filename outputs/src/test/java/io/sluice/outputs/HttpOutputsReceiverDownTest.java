package io.sluice.outputs;

import io.sluice.core.testkit.FreePorts;
import io.sluice.api.plugin.Output;
import io.sluice.outputs.http.Receiver;
import io.sluice.outputs.otlp.OtlpReceiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Each HTTP output through a 30 s receiver outage mid-stream ({@link ReceiverOutage}): nothing lost,
 * duplicates only within the unacknowledged window. Tagged {@code faults}: {@code -Pfaults} runs it,
 * the default build does not (about 35 s per output).
 */
@Tag("faults")
@Timeout(300)
class HttpOutputsReceiverDownTest {
    private static final Duration DOWN = Duration.ofSeconds(30);
    private static final int EVENTS = 3000;
    private static final int BATCH = 100;

    @TempDir
    Path dir;

    private final int port = FreePorts.one();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();


    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A receiver on the test's port with the protocol's handlers; every one started is kept for its requests. */
    private ReceiverOutage.Receivers receivers(Consumer<Receiver> handlers) {
        return () -> {
            Receiver r = new Receiver(port);
            handlers.accept(r);
            receivers.add(r);
            return r;
        };
    }

    private Collection<String> bodies() {
        return receivers.stream().flatMap(r -> r.requests().stream()).map(Receiver.Request::text).toList();
    }

    private Output started(String type, String options) throws Exception {
        Output out = Plugins.create(type, type, options);
        out.start(new TestOutputContext(type, dir));
        return out;
    }

    private void run(Output out, ReceiverOutage.Receivers receivers) throws Exception {
        try {
            new ReceiverOutage(EVENTS, BATCH).run(out, receivers, DOWN, this::bodies);
        } finally {
            out.close();
        }
    }

    @Test
    void http() throws Exception {
        run(started("http", "{\"uri\":\"" + url("/ingest") + "\",\"request_timeout\":\"5s\"}"), receivers(r -> {}));
    }

    @Test
    void splunkHec() throws Exception {
        run(started("splunk_hec", "{\"endpoint\":\"" + url("") + "\",\"token\":\"11111111-2222-3333-4444-555555555555\"}"),
                receivers(r -> {}));
    }

    @Test
    void azureLogsIngestion() throws Exception {
        run(started("azure_logs_ingestion", "{\"endpoint\":\"" + url("") + "\",\"rule_id\":\"dcr-00112233445566778899aabbccddeeff\",\"stream\":\"Custom-Logs_CL\","
                        + "\"authority\":\"" + url("") + "\",\"tenant_id\":\"t1\",\"client_id\":\"app\",\"client_secret\":\"s\"}"),
                receivers(r -> r.handle("/t1/oauth2/v2.0/token", req -> Receiver.Response.of(200,
                        "{\"token_type\":\"Bearer\",\"expires_in\":\"3599\",\"access_token\":\"entra\"}"))));
    }

    @Test
    void applicationInsights() throws Exception {
        run(started("application_insights", "{\"connection_string\":\"InstrumentationKey=01234567-89ab-cdef-0123-456789abcdef"
                + ";IngestionEndpoint=" + url("/") + "\"}"), receivers(r -> {}));
    }

    @Test
    void otlp() throws Exception {
        List<OtlpReceiver> otlp = new CopyOnWriteArrayList<>();
        Output out = started("otlp", "{\"endpoint\":\"" + url("/v1/logs") + "\"}");
        try {
            new ReceiverOutage(EVENTS, BATCH).run(out, () -> {
                OtlpReceiver r = new OtlpReceiver(port);
                otlp.add(r);
                return r;
            }, DOWN, () -> otlp.stream().flatMap(r -> r.received.stream())
                    .map(got -> new String(got.rawBody(), StandardCharsets.ISO_8859_1)).toList());
        } finally {
            out.close();
        }
    }
}
