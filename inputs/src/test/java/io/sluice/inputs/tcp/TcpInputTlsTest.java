package io.sluice.inputs.tcp;

import io.sluice.core.testkit.CollectingInputContext;
import io.sluice.core.testkit.TlsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tcp input's optional tls block (the same TLS code as the syslog input). */
class TcpInputTlsTest {
    @TempDir
    Path dir;

    private TcpInput input;

    @AfterEach
    void stop() throws InterruptedException {
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
        }
    }

    @Test
    void linesArriveOverTls() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        TlsFiles tls = TlsFiles.create(dir, "sluice-tcp");
        input = TcpInputTest.create("{\"listen\":\"127.0.0.1:0\",\"tls\":{\"cert_file\":\"" + tls.serverCert
                + "\",\"key_file\":\"" + tls.serverKey + "\"}}");
        CollectingInputContext ctx = new CollectingInputContext("app", dir.resolve("data"));
        input.start(ctx);
        try (SSLSocket s = TlsFiles.connect(tls.clientContext(false), input.boundAddress())) {
            s.getOutputStream().write("{\"msg\":\"secret\",\"level\":\"error\"}\nplain\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() >= 2);
        }
        assertThat(ctx.events().get(0).message()).isEqualTo("secret");
        assertThat(ctx.events().get(1).message()).isEqualTo("plain");
    }

    @Test
    void keyFileIsRequiredWithACertificate() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        TcpInputTest.create("{\"listen\":\"127.0.0.1:0\",\"tls\":{\"cert_file\":\"/nonexistent.pem\"}}"))
                .hasMessageContaining("tls.key_file is required");
    }
}
