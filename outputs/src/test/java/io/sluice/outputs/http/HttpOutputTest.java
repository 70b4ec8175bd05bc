package io.sluice.outputs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.event.LogEvent;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.RetriableException;
import io.sluice.api.plugin.SendResult;
import io.sluice.api.plugin.SinkBatch;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The {@code http} output and the HTTP batch core under it, against a scripted receiver. */
class HttpOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Receiver receiver;
    private TestOutputContext context;

    @BeforeEach
    void receiver() throws Exception {
        receiver = new Receiver();
        context = new TestOutputContext("out", dir);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Output start(String extraOptions) throws Exception {
        Output out = Plugins.create("http", "out", "{\"uri\":\"" + receiver.url("/ingest") + "\"" + extraOptions + "}");
        out.start(context);
        return out;
    }

    private static SinkBatch batch(int n) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) events.add(TestBatches.event("svc", "message " + i, i));
        return TestBatches.of(events);
    }

    private static List<String> lines(Receiver.Request r) {
        return r.text().lines().toList();
    }

    @Test
    void compressesWithZstdWhenAsked() throws Exception {
        Output out = start(",\"compression\":\"zstd\"");
        SinkBatch batch = batch(50);
        assertThat(out.send(batch).allDelivered()).isTrue();
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(lines(r)).as("the receiver's zstd decoder gives back the NDJSON")
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(batch::json).toList());
        assertThat(r.sentBytes()).isLessThan(r.body().length / 4);
        assertThat(context.meters().get("sluice.output.http.request.bytes").tag("stage", "sent").counter().count())
                .isEqualTo(r.sentBytes());
    }

    @Test
    void zstdIsOfferedOnlyWhereTheReceiverMayTakeIt() throws Exception {
        String splunk = "{\"endpoint\":\"http://x:8088\",\"token\":\"t\",\"compression\":\"zstd\"}";
        assertThat(Plugins.plugin("splunk_hec").options().bind(Plugins.tree(splunk)).problems())
                .as("HEC takes gzip only").singleElement().satisfies(p -> assertThat(p.path()).contains("compression"));
    }

    @Test
    void postsTheEventsAsGzippedNdjson() throws Exception {
        Output out = start("");
        SinkBatch batch = batch(3);
        assertThat(out.send(batch).allDelivered()).isTrue();
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/ingest");
        assertThat(r.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(r.text()).endsWith("\n");
        assertThat(lines(r)).containsExactly(batch.json(0), batch.json(1), batch.json(2));
        assertThat(JSON.readTree(lines(r).get(1)).get("message").asText()).isEqualTo("message 1");
        assertThat(r.header("Idempotency-Key")).matches("[0-9a-f-]{36}");
    }

    @Test
    void jsonArrayBodyIsOneValidArray() throws Exception {
        Output out = start(",\"format\":\"json_array\",\"compression\":\"none\"");
        out.send(batch(4));
        Receiver.Request r = receiver.requests().get(0);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode array = JSON.readTree(r.body());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(4);
        assertThat(array.get(3).get("message").asText()).isEqualTo("message 3");
    }

    @Test
    void a503IsRetriableAndTheRetryCarriesTheSameIdempotencyKey() throws Exception {
        receiver.then(Receiver.Response.of(503), Receiver.Response.of(200));
        Output out = start("");
        SinkBatch batch = batch(2);
        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("503");
        assertThat(out.send(batch).allDelivered()).isTrue();
        List<Receiver.Request> rs = receiver.requests();
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).header("Idempotency-Key")).isEqualTo(rs.get(0).header("Idempotency-Key"));
        assertThat(rs.get(1).text()).isEqualTo(rs.get(0).text());
        SinkBatch other = batch(3);
        out.send(other);
        assertThat(receiver.requests().get(2).header("Idempotency-Key")).isNotEqualTo(rs.get(0).header("Idempotency-Key"));
    }

    @Test
    void retryAfterHoldsBackTheNextSendUntilItPassed() throws Exception {
        receiver.then(new Receiver.Response(429, Map.of("Retry-After", "1"), "slow down"));
        Output out = start("");
        SinkBatch batch = batch(1);
        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("429");
        // an immediate retry by the core does not reach the receiver
        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("Retry-After");
        assertThat(receiver.requests()).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() ->
                assertThat(out.send(batch).allDelivered()).isTrue());
        assertThat(receiver.requests()).hasSize(2);
    }

    @Test
    void batchesAreSplitBeforeSendingSoNoBodyExceedsTheLimit() throws Exception {
        Output out = start(",\"max_request_bytes\":\"2KiB\",\"compression\":\"none\"");
        SinkBatch batch = batch(40);
        assertThat(out.send(batch).allDelivered()).isTrue();
        List<Receiver.Request> rs = receiver.requests();
        assertThat(rs.size()).isGreaterThan(1);
        assertThat(rs).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(2048));
        List<String> all = rs.stream().flatMap(r -> lines(r).stream()).toList();
        assertThat(all).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(batch::json).toList());
    }

    @Test
    void anEventLargerThanTheLimitAloneIsRefusedAndTheRestDelivered() throws Exception {
        Output out = start(",\"max_request_bytes\":\"1KiB\"");
        List<LogEvent> events = List.of(TestBatches.event("svc", "small", 0),
                TestBatches.event("svc", "x".repeat(2000), 1), TestBatches.event("svc", "small too", 2));
        SendResult result = out.send(TestBatches.of(events));
        assertThat(result.refused()).singleElement().satisfies(r -> {
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.reason()).contains("max_request_bytes");
        });
        assertThat(result.toRetry().isEmpty()).isTrue();
        assertThat(receiver.requests().stream().flatMap(r -> lines(r).stream())).hasSize(2);
    }

    @Test
    void a413HalvesTheRequestInsteadOfLooping() throws Exception {
        receiver.then(Receiver.Response.of(413), Receiver.Response.of(413));
        Output out = start("");
        SinkBatch batch = batch(8);
        assertThat(out.send(batch).allDelivered()).isTrue();
        List<Integer> sizes = receiver.requests().stream().map(r -> lines(r).size()).toList();
        assertThat(sizes).containsExactly(8, 4, 2, 2, 4);
    }

    @Test
    void aLaterSuccessNeverHidesAnEarlierRetriableFailure() throws Exception {
        receiver.then(Receiver.Response.of(200), Receiver.Response.of(503), Receiver.Response.of(200));
        Output out = start(",\"max_request_bytes\":\"2KiB\",\"compression\":\"none\"");
        SinkBatch batch = batch(40);
        SendResult result = out.send(batch);
        List<Receiver.Request> rs = receiver.requests();
        assertThat(rs).as("no request after the failed one").hasSize(2);
        int delivered = lines(rs.get(0)).size();
        assertThat(result.toRetry().stream().boxed().toList())
                .containsExactlyElementsOf(IntStream.range(delivered, 40).boxed().toList());
        assertThat(result.refused()).isEmpty();
    }

    @Test
    void a400RefusesTheRequestsEventsWithTheReceiversAnswer() throws Exception {
        receiver.then(Receiver.Response.of(400, "{\"error\":\"field x is not allowed\"}"));
        Output out = start("");
        SendResult result = out.send(batch(2));
        assertThat(result.refused()).hasSize(2);
        assertThat(result.refused().get(0).reason()).contains("400").contains("field x is not allowed");
    }

    @Test
    void aConfiguredStatusIsRetriedAndAnUnlistedOneRefused() throws Exception {
        receiver.then(Receiver.Response.of(520), Receiver.Response.of(503));
        Output out = start(",\"retry_on\":[520]");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(RetriableException.class);
        assertThat(out.send(batch(1)).refused()).hasSize(1);
    }

    @Test
    void wrongCredentialsStopTheOutputWithWhatToFix() throws Exception {
        receiver.then(Receiver.Response.of(401));
        Output out = start(",\"auth\":{\"username\":\"u\",\"password\":\"secret-pw\"}");
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(HttpPermanentException.class)
                .hasMessageContaining("401").hasMessageContaining("check auth").hasMessageContaining("basic as 'u'")
                .hasMessageNotContaining("secret-pw");
        assertThat(receiver.requests().get(0).header("Authorization")).isEqualTo("Basic dTpzZWNyZXQtcHc=");
    }

    @Test
    void apiKeyGoesInTheConfiguredHeader() throws Exception {
        Output out = start(",\"auth\":{\"api_key\":\"k-1\",\"api_key_header\":\"X-Insert-Key\"}");
        out.send(batch(1));
        assertThat(receiver.requests().get(0).header("X-Insert-Key")).isEqualTo("k-1");
    }

    @Test
    void templatedUriAndHeadersSplitTheBatchByRenderedValue() throws Exception {
        Output out = Plugins.create("http", "out", "{\"uri\":\"" + receiver.url("/ingest/{service.name}")
                + "\",\"headers\":{\"X-Env\":\"{labels.env}\",\"X-Fixed\":\"yes\"}}");
        out.start(context);
        List<LogEvent> events = List.of(
                TestBatches.event("a b", "1", 0).labels(Map.of("env", "prod")),
                TestBatches.event("c", "2", 1).labels(Map.of("env", "prod")),
                TestBatches.event("a b", "3", 2).labels(Map.of("env", "prod")),
                TestBatches.event("a b", "4", 3).labels(Map.of("env", "dev")),
                TestBatches.event("c", "5", 4));
        assertThat(out.send(TestBatches.of(events)).allDelivered()).isTrue();
        List<String> seen = receiver.requests().stream().map(r -> r.path() + " " + r.header("X-Env") + " "
                + lines(r).stream().map(l -> message(l)).toList()).toList();
        assertThat(seen).containsExactly("/ingest/a%20b prod [1, 3]", "/ingest/c prod [2]", "/ingest/a%20b dev [4]",
                "/ingest/c unknown [5]");
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.header("X-Fixed")).isEqualTo("yes"));
    }

    @Test
    void aLineBreakInAnEventValueCannotAddAHeader() throws Exception {
        Output out = Plugins.create("http", "out", "{\"uri\":\"" + receiver.url("/ingest")
                + "\",\"headers\":{\"X-Env\":\"{labels.env}\"}}");
        out.start(context);
        LogEvent event = TestBatches.event("svc", "1", 0).labels(Map.of("env", "prod\r\nX-Injected: yes"));
        assertThat(out.send(TestBatches.of(List.of(event))).allDelivered()).isTrue();
        assertThat(receiver.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("X-Env")).isEqualTo("prod__X-Injected: yes");
            assertThat(r.header("X-Injected")).isNull();
        });
    }

    private static String message(String json) {
        try {
            return JSON.readTree(json).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void countsRequestsByStatusAndBytesBeforeAndAfterCompression() throws Exception {
        receiver.then(Receiver.Response.of(503));
        Output out = start("");
        SinkBatch batch = batch(50);
        assertThatThrownBy(() -> out.send(batch)).isInstanceOf(RetriableException.class);
        out.send(batch);
        var meters = context.meters();
        assertThat(meters.get("sluice.output.http.requests").tag("status", "503").counter().count()).isEqualTo(1);
        assertThat(meters.get("sluice.output.http.requests").tag("status", "200").counter().count()).isEqualTo(1);
        double raw = meters.get("sluice.output.http.request.bytes").tag("stage", "uncompressed").counter().count();
        double sent = meters.get("sluice.output.http.request.bytes").tag("stage", "sent").counter().count();
        assertThat(raw).isEqualTo(2.0 * (batch.byteSize() + 50));
        assertThat(sent).isLessThan(raw / 2);
        assertThat(meters.get("sluice.output.http.request.duration").timer().count()).isEqualTo(2);
    }

    @Test
    void receiverDownIsRetriable() throws Exception {
        Output out = start("");
        receiver.close();
        assertThatThrownBy(() -> out.send(batch(1))).isInstanceOf(RetriableException.class)
                .hasMessageContaining("not reachable");
    }
}
