package io.sluice.inputs.otlp;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputPlugin;
import io.sluice.inputs.net.NetOptions;
import io.sluice.api.tls.TlsOptions;

import java.net.InetSocketAddress;
import java.time.Duration;

/** {@code type: otlp}: OpenTelemetry log export requests over OTLP/HTTP (protobuf and JSON) and OTLP/gRPC, on one port. */
public final class OtlpInputPlugin implements InputPlugin {
    static final Option<InetSocketAddress> LISTEN = Option.of("listen", Types.HOST_PORT)
            .defaultValue(InetSocketAddress.createUnresolved("127.0.0.1", 4318))
            .doc("Address to listen on, host:port (4318 is OTLP/HTTP's port); 0.0.0.0 for every interface. "
                    + "OTLP/gRPC is served on the same port (HTTP/2 without TLS, or h2 by ALPN with tls).")
            .build();

    static final Option<Long> MAX_REQUEST_BYTES = Option.of("max_request_bytes", Types.BYTE_SIZE)
            .defaultValue(8L * 1024 * 1024)
            .doc("Largest request body, after gzip is undone; a larger request is answered 413 "
                    + "(gRPC: RESOURCE_EXHAUSTED without RetryInfo).")
            .build();

    static final Option<Duration> RETRY_AFTER = Option.of("retry_after", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(1))
            .doc("Retry-After sent with 429 (gRPC: the RetryInfo delay sent with RESOURCE_EXHAUSTED) when the "
                    + "pipeline is full, so exporters back off and resend.")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("otlp",
            "OpenTelemetry logs over OTLP/HTTP (POST /v1/logs with application/x-protobuf or application/json) "
                    + "and OTLP/gRPC (LogsService/Export) on the same port, gzip accepted. A request is answered "
                    + "200/OK only once its records are in the pipeline; when the pipeline is full it is answered "
                    + "429 with Retry-After or RESOURCE_EXHAUSTED with a RetryInfo, and the exporter resends it.",
            LISTEN, MAX_REQUEST_BYTES, RETRY_AFTER, NetOptions.MAX_CONNECTIONS, NetOptions.IDLE_TIMEOUT,
            TlsOptions.SERVER_BLOCK, NetOptions.SERVICE);

    @Override
    public String type() {
        return "otlp";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Input create(String id, Options options) {
        return new OtlpInput(id, options);
    }
}
