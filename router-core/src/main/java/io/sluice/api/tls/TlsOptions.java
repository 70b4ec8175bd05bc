package io.sluice.api.tls;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;

/**
 * The {@code tls} block, declared once for both sides of a connection: {@link #SERVER} for listening
 * inputs (RFC 5425 for syslog, plain TLS for tcp), {@link #CLIENT} for outputs that connect to a
 * server (HTTPS). Both use the same option definitions; each side lists the ones that apply to it.
 */
public final class TlsOptions {
    private TlsOptions() {}

    public static final Option<String> CERT_FILE = Option.of("cert_file", Types.STRING)
            .doc("PEM file with this side's certificate and its chain: a listener's server certificate (setting "
                    + "it turns TLS on), or the client certificate an output presents. Needs key_file.")
            .build();

    public static final Option<String> KEY_FILE = Option.of("key_file", Types.STRING)
            .doc("PEM file with the PKCS#8 private key of cert_file (BEGIN PRIVATE KEY), unencrypted.")
            .build();

    public static final Option<String> CA_FILE = Option.of("ca_file", Types.STRING)
            .doc("PEM file with the CA certificates the peer's certificate must chain to: on a listener, set it "
                    + "to verify clients (mutual TLS); on an output, it replaces the JVM's trust store "
                    + "(e.g. Elasticsearch's config/certs/http_ca.crt).")
            .build();

    public static final Option<String> CLIENT_AUTH = Option.of("client_auth", Types.oneOf("required", "optional"))
            .defaultValue("required")
            .doc("With ca_file: whether every client must present a certificate (required) or may (optional).")
            .build();

    public static final Option<String> FINGERPRINT = Option.of("fingerprint", Types.STRING)
            .check(SslContexts::isFingerprint, "must be a SHA-256 fingerprint: 64 hex digits, colons allowed")
            .doc("SHA-256 fingerprint of the server's (or its CA's) certificate to trust instead of a CA file, "
                    + "as Elasticsearch prints it on first start")
            .build();

    public static final Option<Boolean> VERIFY = Option.of("verify", Types.BOOL).defaultValue(true)
            .doc("false accepts any certificate and host name: for tests only, it gives up TLS's protection")
            .build();

    public static final Option<String> SERVER_NAME = Option.of("server_name", Types.STRING)
            .doc("the name the server's certificate must carry, sent as TLS SNI, when the address connected to is not "
                    + "that name (an IP address, a load balancer)")
            .build();

    /** A listener's block; {@link ServerTls#from} reads it. */
    public static final OptionSpec SERVER = OptionSpec.of("tls",
            "TLS on the TCP listener. The certificate, key and CA files are re-read when they change, "
                    + "for new connections.",
            CERT_FILE, KEY_FILE, CA_FILE, CLIENT_AUTH)
            .rule(OptionRule.requiresTogether(CERT_FILE, KEY_FILE),
                    // Without cert_file TLS is off: a lone ca_file or client_auth would be silently ignored.
                    OptionRule.requires(CA_FILE, CERT_FILE),
                    OptionRule.requires(CLIENT_AUTH, CA_FILE));

    /** An output's block; {@link ClientTls#from} reads it. */
    public static final OptionSpec CLIENT = OptionSpec.of("tls",
            "how the server's certificate is checked, and the client certificate to present",
            CA_FILE, FINGERPRINT, VERIFY, CERT_FILE, KEY_FILE)
            .rule(OptionRule.atMostOneOf(CA_FILE, FINGERPRINT),
                    OptionRule.requiresTogether(CERT_FILE, KEY_FILE),
                    // read when the output starts: validation checks it can be, at its line
                    OptionRule.of("`ca_file` is a readable file", "cannot read this file; check the path and its permissions",
                            o -> o.get(CA_FILE) == null || isReadableFile(o.get(CA_FILE)), CA_FILE));

    /** True when a listener's block turns TLS on: it names a certificate. */
    public static boolean enabled(Options tls) {
        return tls != null && tls.get(CERT_FILE) != null;
    }

    private static boolean isReadableFile(String path) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of(path);
            return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.isReadable(file);
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The {@code tls} option of listening inputs (absent: plain TCP). */
    public static final Option<Options> SERVER_BLOCK = Option.block("tls", SERVER)
            .doc("TLS for TCP connections (absent: plain TCP).")
            .build();
}
