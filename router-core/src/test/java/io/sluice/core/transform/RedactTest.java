package io.sluice.core.transform;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Rejection;
import io.sluice.api.plugin.Transform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RedactTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private String redacted(String options, String message) {
        Transform t = new Redact().create("r", Bound.options(Redact.SPEC, options), meters);
        LogEvent e = Bound.event("api", message);
        assertThat(t.apply(e)).isTrue();
        return e.message();
    }

    @Test
    void builtInDetectorsMaskSecretsAndPersonalData() {
        String out = redacted("{}", "user ana@example.org paid with 4111 1111 1111 1111 from DE89 3704 0044 0532 0130 00 "
                + "auth Bearer abcdef123456789 key AKIAIOSFODNN7EXAMPLE "
                + "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig-part_1 ip 10.1.2.3");
        assertThat(out).isEqualTo("user [REDACTED:email] paid with [REDACTED:credit_card] from [REDACTED:iban] "
                + "auth [REDACTED:bearer_token] key [REDACTED:aws_access_key] jwt [REDACTED:jwt] ip 10.1.2.3");
        assertThat(meters.counter("sluice.transform.redactions", "transform", "r", "rule", "credit_card").count()).isEqualTo(1);
        assertThat(meters.counter("sluice.transform.redactions", "transform", "r", "rule", "email").count()).isEqualTo(1);
    }

    @Test
    void cardLikeNumbersThatFailLuhnAndIbansThatFailTheirChecksumAreKept() {
        String text = "order 4111 1111 1111 1112 ts 1700000000000 iban DE89 3704 0044 0532 0130 01 short 4111 1111 111";
        assertThat(redacted("{}", text)).isEqualTo(text);
    }

    @Test
    void digitRunsThatPassLuhnButNoCardNetworkIssuesAreKept() {
        // 18 digits starting 37 (Amex issues 15) and Luhn-valid by chance: the tail of a mistyped IBAN
        assertThat(Detector.luhn("3704 0044 0532 0130 01")).isTrue();
        assertThat(redacted("{}", "ref 3704 0044 0532 0130 01")).isEqualTo("ref 3704 0044 0532 0130 01");
        assertThat(redacted("{}", "amex 3782 822463 10005")).isEqualTo("amex [REDACTED:credit_card]");
    }

    @Test
    void privateKeyBlocksAcrossLinesAndIpsWhenAskedFor() {
        String out = redacted("{\"detectors\": [\"private_key\", \"ip\"]}",
                "key -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY----- from 192.168.0.10 not 999.1.1.1");
        assertThat(out).isEqualTo("key [REDACTED:private_key] from [REDACTED:ip] not 999.1.1.1");
    }

    @Test
    void userPatternsChosenFieldsAndTheOriginalRecord() {
        Transform t = new Redact().create("r", Bound.options(Redact.SPEC,
                "{\"detectors\": [], \"patterns\": {\"customer\": \"cust-[0-9]{4}\"}, "
                        + "\"fields\": [\"message\", \"attributes.customer\"], \"mask\": \"***\"}"), meters);
        LogEvent e = Bound.event("api", "cust-1234 logged in");
        e.attributesOrCreate().putString("customer", "cust-9876");
        e.original("{\"msg\":\"cust-1234 logged in\"}");
        t.apply(e);
        assertThat(e.message()).isEqualTo("*** logged in");
        assertThat(e.attributes().toJson()).isEqualTo("{\"customer\":\"***\"}");
        assertThat(e.original()).isEqualTo("{\"msg\":\"*** logged in\"}");
    }

    @Test
    void refusedEventsAreRedactedTooSoNothingLeaksIntoDeadLetters() {
        Transform t = new Redact().create("r", Bound.options(Redact.SPEC, "{}"), meters);
        LogEvent e = Bound.event("api", "mail ana@example.org");
        e.reject(new Rejection("normalize", Rejection.PARSE_ERROR, "bad"));
        e.errorMessage("trace.id: 'ana@example.org' is not hex"); // a refusal quoting the refused value
        assertThat(t.appliesToRefused()).isTrue();
        t.apply(e);
        assertThat(e.message()).isEqualTo("mail [REDACTED:email]");
        assertThat(e.errorMessage()).isEqualTo("trace.id: '[REDACTED:email]' is not hex");
    }

    @Test
    void aKeyedHashIsStableForEqualValuesAndDiffersByKey(@TempDir Path dir) throws Exception {
        Path key1 = Files.writeString(dir.resolve("k1"), "secret-one\n");
        Path key2 = Files.writeString(dir.resolve("k2"), "secret-two\n");
        String a = redacted("{\"detectors\": [\"email\"], \"hash_key_file\": \"" + key1 + "\"}", "ana@example.org");
        String b = redacted("{\"detectors\": [\"email\"], \"hash_key_file\": \"" + key1 + "\"}", "ana@example.org");
        String c = redacted("{\"detectors\": [\"email\"], \"hash_key_file\": \"" + key2 + "\"}", "ana@example.org");
        assertThat(a).matches("\\[email:[0-9a-f]{64}]").isEqualTo(b).isNotEqualTo(c);
        assertThat(a).doesNotContain("ana");
    }

    @Test
    void aPatternRe2CannotCompileIsRefusedAtLoad() throws Exception {
        var b = Redact.SPEC.bind(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"patterns\": {\"x\": \"(a)\\\\1\"}}"));
        assertThat(b.problems()).singleElement().extracting(p -> p.message()).asString().contains("RE2");
    }

    @Test
    void aPathologicalPatternRunsInLinearTime() {
        // (a+)+$ on a run of a's ending in '!' backtracks for minutes in java.util.regex
        String input = "a".repeat(50_000) + "!";
        long start = System.nanoTime();
        String out = redacted("{\"detectors\": [], \"patterns\": {\"evil\": \"(a+)+$\"}}", input);
        assertThat(out).isEqualTo(input);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
