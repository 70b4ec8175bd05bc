package io.sluice.inputs.net;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;

/** The {@code tls} block shared by socket inputs (RFC 5425 for syslog; plain TLS for tcp). */
public final class TlsOptions {
    private TlsOptions() {}

    static final Option<String> CERT_FILE = Option.of("cert_file", Types.STRING)
            .doc("PEM file with the server certificate (and its chain). Setting it turns TLS on.")
            .build();

    static final Option<String> KEY_FILE = Option.of("key_file", Types.STRING)
            .doc("PEM file with the server's PKCS#8 private key (BEGIN PRIVATE KEY), unencrypted.")
            .build();

    static final Option<String> CA_FILE = Option.of("ca_file", Types.STRING)
            .doc("PEM file with the CA certificates that client certificates must chain to; "
                    + "set it to verify clients (mutual TLS).")
            .build();

    static final Option<String> CLIENT_AUTH = Option.of("client_auth", Types.oneOf("required", "optional"))
            .defaultValue("required")
            .doc("With ca_file: whether every client must present a certificate (required) or may (optional).")
            .build();

    public static final OptionSpec SPEC = OptionSpec.of("tls",
            "TLS on the TCP listener. The certificate, key and CA files are re-read when they change, "
                    + "for new connections.",
            CERT_FILE, KEY_FILE, CA_FILE, CLIENT_AUTH)
            .rule(OptionRule.requiresTogether(CERT_FILE, KEY_FILE),
                    // Without cert_file TLS is off: a lone ca_file or client_auth would be silently ignored.
                    OptionRule.requires(CA_FILE, CERT_FILE),
                    OptionRule.requires(CLIENT_AUTH, CA_FILE));

    public static final Option<Options> TLS = Option.block("tls", SPEC)
            .doc("TLS for TCP connections (absent: plain TCP).")
            .build();

    /** True when the block turns TLS on: it names a certificate. */
    public static boolean enabled(Options tls) {
        return tls != null && tls.get(CERT_FILE) != null;
    }

    /**
     * The reloading context for a {@code tls} block (checked against {@link #SPEC}'s rules), or null
     * when TLS is off (no cert_file).
     */
    public static TlsContextSource from(Options tls) {
        if (!enabled(tls)) return null;
        return new TlsContextSource(tls.get(CERT_FILE), tls.get(KEY_FILE), tls.get(CA_FILE),
                "required".equals(tls.get(CLIENT_AUTH)));
    }
}
