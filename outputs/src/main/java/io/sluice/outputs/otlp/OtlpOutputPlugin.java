package io.sluice.outputs.otlp;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.time.Duration;
import java.util.Map;

/** {@code type: otlp}: schema v1 events as OpenTelemetry log records over OTLP/HTTP or OTLP/gRPC. */
public final class OtlpOutputPlugin implements OutputPlugin {
    static final Option<String> ENDPOINT = Option.of("endpoint", Types.STRING)
            .required()
            .check(u -> u.startsWith("http://") || u.startsWith("https://"), "must be an http:// or https:// URL")
            .doc("The full OTLP/HTTP logs URL, e.g. http://collector:4318/v1/logs; for protocol grpc the "
                    + "receiver's address without a path, e.g. http://collector:4317 (https:// for TLS).")
            .build();

    static final Option<String> PROTOCOL = Option.of("protocol", Types.oneOf("http/protobuf", "http/json", "grpc"))
            .defaultValue("http/protobuf")
            .doc("The OTLP transport, named as OTEL_EXPORTER_OTLP_PROTOCOL names it: http/protobuf, "
                    + "http/json or grpc (OTLP/gRPC; UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED, OUT_OF_RANGE, "
                    + "DATA_LOSS, and RESOURCE_EXHAUSTED with a RetryInfo are retried, waiting the RetryInfo's delay).")
            .build();

    static final Option<String> ENCODING = Option.of("encoding", Types.oneOf("protobuf", "json"))
            .defaultValue("protobuf")
            .doc("Request body for OTLP/HTTP: protobuf (application/x-protobuf) or json (application/json, OTLP/JSON); "
                    + "the older spelling of protocol http/protobuf or http/json.")
            .build();

    static final Option<String> COMPRESSION = Option.of("compression", Types.oneOf("gzip", "none"))
            .defaultValue("gzip")
            .doc("Content-Encoding of the request body.")
            .build();

    static final Option<Duration> TIMEOUT = Option.of("timeout", Types.DURATION_TYPE)
            .defaultValue(Duration.ofSeconds(10))
            .doc("How long one export request may take before it is retried.")
            .build();

    static final Option<Map<String, String>> HEADERS = Option.of("headers", Types.STRING_MAP)
            .defaultValue(Map.of())
            .doc("Extra request headers, e.g. an Authorization header for the backend.")
            .build();

    private static final OptionSpec SPEC = OptionSpec.of("otlp",
            "OTLP logs export over HTTP or gRPC (docs/otel.md): each batch is one request, records grouped by resource "
                    + "and scope. Over HTTP 429, 502, 503 and 504 and connection failures are retried (the OTLP "
                    + "specification's list); over gRPC the specification's retryable codes; any other refusal (400, 413, "
                    + "INVALID_ARGUMENT, ...) dead-letters the batch with the backend's reason.",
            ENDPOINT, PROTOCOL, ENCODING, COMPRESSION, TIMEOUT, HEADERS)
            .rule(OptionRule.atMostOneOf(PROTOCOL, ENCODING),
                    OptionRule.of("with `protocol: grpc`, `endpoint` has no path",
                            "with protocol grpc, give the receiver's address without a path, e.g. http://collector:4317",
                            o -> !isGrpc(o) || hasNoPath(o.get(ENDPOINT)), ENDPOINT, PROTOCOL));

    @Override
    public String type() {
        return "otlp";
    }

    @Override
    public OptionSpec options() {
        return SPEC;
    }

    @Override
    public Output create(String id, Options options) {
        return isGrpc(options) ? new OtlpGrpcOutput(id, options) : new OtlpOutput(id, options);
    }

    static boolean isGrpc(Options options) {
        return options.get(PROTOCOL).equals("grpc");
    }

    /** OTLP/JSON, asked for either way. */
    static boolean isJson(Options options) {
        return options.get(PROTOCOL).equals("http/json") || options.get(ENCODING).equals("json");
    }

    private static boolean hasNoPath(String endpoint) {
        String path = java.net.URI.create(endpoint).getPath();
        return path == null || path.isEmpty() || path.equals("/");
    }
}
