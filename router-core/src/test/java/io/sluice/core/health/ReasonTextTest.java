package io.sluice.core.health;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What an upstream's error text looks like on the open health endpoints. */
class ReasonTextTest {
    @Test
    void credentialsAnUpstreamEchoesAreRedactedAndTheRestKept() {
        // a header's value runs to the end of its line
        assertThat(ReasonText.safe("HTTP 401: denied\nAuthorization: Bearer abc.def-123456\nServer: edge"))
                .isEqualTo("HTTP 401: denied\nAuthorization: [redacted]\nServer: edge");
        assertThat(ReasonText.safe("HTTP 401: token Bearer abc.def-123456 is not valid"))
                .isEqualTo("HTTP 401: token Bearer [redacted] is not valid");
        assertThat(ReasonText.safe("HTTP 401: this endpoint requires basic authentication"))
                .isEqualTo("HTTP 401: this endpoint requires basic authentication");
        assertThat(ReasonText.safe("{\"error\":\"bad\",\"password\":\"hunter2\",\"api_key\":\"k-998877\"}"))
                .isEqualTo("{\"error\":\"bad\",\"password\":\"[redacted]\",\"api_key\":\"[redacted]\"}");
        assertThat(ReasonText.safe("connect to https://svc:pa55word@es.internal:9200 failed; client_secret=xyz&scope=a"))
                .isEqualTo("connect to https://[redacted]@es.internal:9200 failed; client_secret=[redacted]&scope=a");
        assertThat(ReasonText.safe("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig expired"))
                .doesNotContain("eyJhbGci");
        assertThat(ReasonText.safe("circuit open after repeated failures: java.net.ConnectException: Connection refused"))
                .isEqualTo("circuit open after repeated failures: java.net.ConnectException: Connection refused");
    }

    @Test
    void aLongBodyIsCutAndSaysSo() {
        String page = "HTTP 502: " + "<html>".repeat(5000);
        String safe = ReasonText.safe(page);
        assertThat(safe).startsWith("HTTP 502: <html>").endsWith("(cut from " + page.length() + " characters; the log has the whole error)");
        assertThat(safe.length()).isLessThan(ReasonText.MAX_CHARS + 80);
    }

    @Test
    void everyComponentHealthCarriesOnlySafeText() {
        ComponentHealth h = ComponentHealth.failing("output.es", "HTTP 403: x-api-key: k-1234567 denied",
                Map.of("last_error", "password=hunter2", "retrying_for_ms", 5));
        assertThat(h.reason()).isEqualTo("HTTP 403: x-api-key: [redacted]");
        assertThat(h.data()).containsEntry("last_error", "password=[redacted]").containsEntry("retrying_for_ms", 5);
    }
}
