package io.sluice.inputs.syslog;

import io.sluice.api.framing.FramingOptions;
import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.api.schema.RecordFormats;
import io.sluice.api.tls.TlsOptions;
import io.sluice.inputs.multiline.MultilineOptions;
import io.sluice.inputs.net.NetOptions;

import java.net.InetSocketAddress;
import java.util.List;

/** {@code type: syslog}: RFC 5424 and RFC 3164 messages over UDP, TCP and TLS. */
public final class SyslogInputPlugin implements InputPlugin {
    static final Option<InetSocketAddress> LISTEN = Option.of("listen", Types.HOST_PORT)
            .defaultValue(InetSocketAddress.createUnresolved("127.0.0.1", 5514))
            .doc("Address to listen on, host:port, for every protocol; 0.0.0.0 for every interface.")
            .build();

    static final Option<List<String>> PROTOCOLS = Option.of("protocols", Types.STRING_LIST)
            .defaultValue(List.of("udp", "tcp"))
            .check(l -> !l.isEmpty() && l.stream().allMatch(p -> p.equals("udp") || p.equals("tcp")),
                    "must list udp, tcp or both")
            .doc("Transports to listen on: udp, tcp or both. TCP framing (octet counting or newline/NUL) "
                    + "is detected per connection; a connection whose first message ends at NUL (Python's "
                    + "SysLogHandler) has its messages ended at NUL only, so multi-line messages stay whole; "
                    + "with a tls block, TCP is TLS (RFC 5425).")
            .build();

    static final Option<Long> MAX_MESSAGE_BYTES = FramingOptions.recordLimit("max_message_bytes", 64 * 1024,
            "Longest message passed on whole; a longer one is cut here and tagged truncated.");

    static final Option<Long> RECEIVE_BUFFER_BYTES = Option.of("receive_buffer_bytes", Types.BYTE_SIZE)
            .check(n -> n >= 1024 && n <= Integer.MAX_VALUE, "must be between 1KiB and 2GiB")
            .doc("UDP socket receive buffer (SO_RCVBUF); absent: the system default. The kernel may cap it "
                    + "(net.core.rmem_max).")
            .build();

    static final Option<String> TIMEZONE = RecordFormats.timezone(
            "Zone of RFC 3164 times and of times without an offset (default: UTC).");

    static final Option<String> PARSE_MESSAGE = Option.of("parse_message", Types.oneOf("auto", "json", "none"))
            .defaultValue("auto")
            .doc("How MSG is read: auto (parsed as a JSON record when it starts with '{'), json (always; "
                    + "a MSG that is not JSON is tagged parse_failed), none (kept as text).")
            .build();

    static final Option<String> ON_INVALID = Option.of("on_invalid", Types.oneOf("pass", "dead_letter"))
            .defaultValue("pass")
            .doc("A record that is not syslog: pass (raw text as message, tagged parse_failed) or "
                    + "dead_letter. Either way it is counted.")
            .build();

    static final Option<String> RFC3164_TAG = Option.of("rfc3164_tag", Types.oneOf("auto", "first_word"))
            .defaultValue("auto")
            .doc("Where an RFC 3164 message's TAG (app name and pid) is: auto (the first word after "
                    + "HOSTNAME when it is name:, name[pid]: or name[pid]; after an RFC 3339 timestamp, as "
                    + "rsyslog's RSYSLOG_ForwardFormat and syslog-ng's ISODATE templates write it, also a bare "
                    + "name) or first_word (a bare name after any timestamp too: rsyslog's reading, needed for "
                    + "RSYSLOG_TraditionalForwardFormat relaying RFC 5424 messages; a message without tag "
                    + "then loses its first word to the app name).")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("syslog",
            "Syslog (RFC 5424 and RFC 3164) over UDP, TCP (RFC 6587) and TLS (RFC 5425). Syslog has no "
                    + "application-level acknowledgement: TCP and TLS get backpressure, UDP drops and counts "
                    + "when the pipeline is full.",
            LISTEN, PROTOCOLS, MAX_MESSAGE_BYTES, RECEIVE_BUFFER_BYTES, NetOptions.MAX_CONNECTIONS,
            NetOptions.IDLE_TIMEOUT, NetOptions.PARTIAL_LINE_TIMEOUT, TlsOptions.SERVER_BLOCK, TIMEZONE, RFC3164_TAG,
            PARSE_MESSAGE, ON_INVALID, NetOptions.SERVICE, NetOptions.KEEP_ORIGINAL, MultilineOptions.STREAM_BLOCK)
            .rule(OptionRule.of("a `tls` block needs `tcp` in `protocols`", "TLS is served over TCP: add tcp to protocols",
                    o -> !TlsOptions.enabled(o.get(TlsOptions.SERVER_BLOCK)) || o.get(PROTOCOLS).contains("tcp"),
                    PROTOCOLS, TlsOptions.SERVER_BLOCK));

    @Override
    public String type() {
        return "syslog";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new SyslogInput(id, options);
    }
}
