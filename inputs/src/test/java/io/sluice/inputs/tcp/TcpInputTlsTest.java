package io.sluice.inputs.tcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.api.option.OptionProblem;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tcp input's optional tls block (the same TLS code as the syslog input). */
class TcpInputTlsTest {
    @TempDir
    Path dir;

    private TcpInput input;
    private CollectingInputContext ctx;

    @AfterEach
    void stop() throws InterruptedException {
        if (input != null) {
            input.stop();
            input.awaitStop(Duration.ofSeconds(10));
            input.close();
        }
    }

    /** Starts a tcp input with a fresh server certificate; returns the files, for the client's trust. */
    private TlsFiles startWithTls() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl CLI is not installed");
        TlsFiles tls = TlsFiles.create(dir, "sluice-tcp");
        input = TcpInputTest.create("{\"listen\":\"127.0.0.1:0\",\"tls\":{\"cert_file\":\"" + tls.serverCert
                + "\",\"key_file\":\"" + tls.serverKey + "\"}}");
        ctx = new CollectingInputContext("app", dir.resolve("data"));
        input.start(ctx);
        return tls;
    }

    @Test
    void linesArriveOverTls() throws Exception {
        TlsFiles tls = startWithTls();
        try (SSLSocket s = TlsFiles.connect(tls.clientContext(false), input.boundAddress())) {
            s.getOutputStream().write("{\"msg\":\"secret\",\"level\":\"error\"}\nplain\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(15)).until(() -> ctx.events().size() >= 2);
        }
        assertThat(ctx.events().get(0).message()).isEqualTo("secret");
        assertThat(ctx.events().get(1).message()).isEqualTo("plain");
    }

    /**
     * Megabytes over TLS: the 64 KiB socket reads end inside TLS records, which the TLS decoder keeps
     * between reads; the event loop's reused read buffer must not be lent to the next read meanwhile
     * (ReusedReadBuffer), or lines would arrive corrupted.
     */
    @Test
    void manyLinesOverTlsArriveIntactAndInOrder() throws Exception {
        TlsFiles tls = startWithTls();
        int lines = 20_000;
        String pad = "x".repeat(90);
        try (SSLSocket s = TlsFiles.connect(tls.clientContext(false), input.boundAddress())) {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                chunk.append("{\"msg\":\"line ").append(i).append(' ').append(pad).append("\"}\n");
                if (chunk.length() > 200_000 || i == lines - 1) { // large writes: many TLS records per socket read
                    s.getOutputStream().write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
            s.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> ctx.events().size() >= lines);
        }
        List<String> got = ctx.events().stream().map(e -> e.message()).toList();
        assertThat(got).hasSize(lines);
        for (int i = 0; i < lines; i++) assertThat(got.get(i)).isEqualTo("line " + i + " " + pad);
    }

    @Test
    void keyFileIsRequiredWithACertificate() throws Exception {
        assertThat(tlsProblems("{\"cert_file\":\"/etc/sluice/cert.pem\"}")).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("tls.cert_file");
            assertThat(p.message()).isEqualTo("cert_file, key_file go together; set all of them or none");
        });
    }

    @Test
    void aCaFileOrClientAuthWithoutACertificateIsRefusedNotIgnored() throws Exception {
        assertThat(tlsProblems("{\"ca_file\":\"/etc/sluice/ca.pem\"}")).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("tls.ca_file", "ca_file requires cert_file"));
        assertThat(tlsProblems("{\"cert_file\":\"c.pem\",\"key_file\":\"k.pem\",\"client_auth\":\"optional\"}"))
                .singleElement().satisfies(p -> assertThat(p.toString()).contains("tls.client_auth", "client_auth requires ca_file"));
        assertThat(tlsProblems("{\"cert_file\":\"c.pem\",\"key_file\":\"k.pem\",\"ca_file\":\"ca.pem\"}")).isEmpty();
    }

    private static List<OptionProblem> tlsProblems(String tlsBlock) throws Exception {
        return new TcpInputPlugin().options()
                .bind(new ObjectMapper().readTree("{\"listen\":\"127.0.0.1:0\",\"tls\":" + tlsBlock + "}")).problems();
    }
}
