package io.sluice.outputs.http;

import io.sluice.api.plugin.Output;
import io.sluice.core.testkit.TestBatches;
import io.sluice.outputs.Plugins;
import io.sluice.outputs.TestOutputContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OAuth2 client credentials against a token endpoint on the receiver: cache, and renewal after a 401. */
class OAuth2ClientCredentialsTest {
    @TempDir
    Path dir;

    private final Receiver receiver = receiver();
    private final AtomicInteger issued = new AtomicInteger();
    private final List<String> tokenForms = new CopyOnWriteArrayList<>();

    private static Receiver receiver() {
        try {
            return new Receiver();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Output start() throws Exception {
        receiver.handle("/token", r -> {
            tokenForms.add(URLDecoder.decode(r.text(), StandardCharsets.UTF_8));
            return Receiver.Response.of(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok-"
                    + issued.incrementAndGet() + "\"}");
        });
        Output out = Plugins.create("http", "out", "{\"uri\":\"" + receiver.url("/ingest") + "\",\"auth\":{\"oauth2\":{"
                + "\"token_url\":\"" + receiver.url("/token") + "\",\"client_id\":\"app-1\",\"client_secret\":\"s3cret\","
                + "\"scope\":\"https://monitor.azure.com//.default\"}}}");
        out.start(new TestOutputContext("out", dir));
        return out;
    }

    @Test
    void theTokenIsFetchedOnceAndReused() throws Exception {
        Output out = start();
        out.send(TestBatches.of(List.of(TestBatches.event("s", "a", 0))));
        out.send(TestBatches.of(List.of(TestBatches.event("s", "b", 1))));
        assertThat(issued).hasValue(1);
        assertThat(tokenForms.get(0)).contains("grant_type=client_credentials").contains("client_id=app-1")
                .contains("client_secret=s3cret").contains("scope=https://monitor.azure.com//.default");
        assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer tok-1"));
    }

    @Test
    void a401RenewsTheTokenAndSendsAgainOnce() throws Exception {
        receiver.then(Receiver.Response.of(401));
        Output out = start();
        assertThat(out.send(TestBatches.of(List.of(TestBatches.event("s", "a", 0)))).allDelivered()).isTrue();
        assertThat(issued).hasValue(2);
        assertThat(receiver.requests()).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer tok-1", "Bearer tok-2");
        assertThat(receiver.requests().get(1).text()).isEqualTo(receiver.requests().get(0).text());
    }

    @Test
    void aStill401AfterRenewalIsPermanent() throws Exception {
        receiver.then(Receiver.Response.of(401), Receiver.Response.of(401));
        Output out = start();
        assertThatThrownBy(() -> out.send(TestBatches.of(List.of(TestBatches.event("s", "a", 0)))))
                .isInstanceOf(HttpPermanentException.class).hasMessageContaining("oauth2 client credentials as 'app-1'")
                .hasMessageNotContaining("s3cret");
        assertThat(issued).hasValue(2);
    }

    @Test
    void aRefusedClientIsPermanentWithTheEndpointsAnswer() throws Exception {
        Output out = start();
        receiver.handle("/token", r -> Receiver.Response.of(400, "{\"error\":\"invalid_client\"}"));
        assertThatThrownBy(() -> out.send(TestBatches.of(List.of(TestBatches.event("s", "a", 0)))))
                .isInstanceOf(HttpPermanentException.class).hasMessageContaining("invalid_client")
                .hasMessageContaining("check the output's credentials");
        assertThat(receiver.requests()).isEmpty();
    }
}
