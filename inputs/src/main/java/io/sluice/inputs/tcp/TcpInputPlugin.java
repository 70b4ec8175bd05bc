package io.sluice.inputs.tcp;

import io.sluice.api.framing.FramingOptions;
import io.sluice.api.option.Option;
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

/** {@code type: tcp}: newline-delimited records, each JSON or plain text, on a TCP listener. */
public final class TcpInputPlugin implements InputPlugin {
    static final Option<InetSocketAddress> LISTEN = Option.of("listen", Types.HOST_PORT)
            .defaultValue(InetSocketAddress.createUnresolved("127.0.0.1", 5170))
            .doc("Address to listen on, host:port; 0.0.0.0 for every interface.")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("tcp",
            "Newline-delimited JSON or text lines over TCP; a connection whose first record ends at NUL "
                    + "(GELF over TCP: log4j2's GelfLayout, logback-gelf, Docker's gelf driver) has its records "
                    + "ended at NUL. Plain TCP has no acknowledgements: "
                    + "a line is in Sluice once read, and lost if Sluice stops before delivering it.",
            LISTEN, RecordFormats.STANDARD_FORMAT, RecordFormats.TIMEZONE, FramingOptions.MAX_LINE_BYTES, NetOptions.MAX_CONNECTIONS, NetOptions.IDLE_TIMEOUT, NetOptions.PARTIAL_LINE_TIMEOUT, TlsOptions.SERVER_BLOCK,
            NetOptions.SERVICE, NetOptions.KEEP_ORIGINAL, MultilineOptions.STREAM_BLOCK);

    @Override
    public String type() {
        return "tcp";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new TcpInput(id, options);
    }
}
