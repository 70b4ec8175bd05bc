package io.sluice.outputs.otlp;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionRule;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;
import io.sluice.api.tls.TlsOptions;
import io.sluice.outputs.http.BatchDelivery;
import io.sluice.outputs.http.HttpCoreOptions;
import io.sluice.outputs.http.HttpCoreSettings;
import io.sluice.outputs.http.HttpSender;
import io.sluice.outputs.http.SingleTargetOutput;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

/** {@code type: otlp}: schema v1 events as OpenTelemetry log records over OTLP/HTTP (on the HTTP batch core) or OTLP/gRPC. */
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

    static final Option<Map<String, String>> HEADERS = Option.of("headers", Types.STRING_MAP)
            .defaultValue(Map.of())
            .doc("Extra request headers (a backend's tenant or key header), sent as gRPC metadata with protocol grpc; "
                    + "credentials are better given in auth.")
            .build();

    static final Option<Long> MAX_REQUEST_BYTES = HttpCoreOptions.maxRequestBytes(4L << 20,
            "default 4MiB, the message limit many OTLP backends apply; records are measured as encoded");

    private static final OptionSpec SPEC = OptionSpec.of("otlp",
            "OTLP logs export over HTTP or gRPC (docs/otel.md), records grouped by resource and scope. "
                    + "Both transports split a batch before sending so no export request exceeds max_request_bytes (a record "
                    + "larger alone is dead-lettered), take headers, auth and tls, and judge a partial success alike: the "
                    + "rejected records are counted, never retried, and the request's records are dead-lettered only when "
                    + "all of them were rejected (OTLP does not say which). "
                    + "protocol http/protobuf or http/json runs on the HTTP batch core: 429, 502, 503 and 504 (honouring "
                    + "Retry-After) and connection failures are retried, the OTLP specification's list; 413 splits the "
                    + "request; 401, 403, 404, 405, 407 and 415 stop the output until fixed; any other status (400, 500, ...) "
                    + "dead-letters the request's records with the backend's message. protocol grpc sends Export calls "
                    + "(headers and credentials as metadata): the specification's retryable codes are retried; "
                    + "UNAUTHENTICATED, PERMISSION_DENIED, UNIMPLEMENTED and a failed TLS handshake stop the output until "
                    + "fixed; any other code dead-letters the request's records.",
            ENDPOINT, PROTOCOL, ENCODING, HEADERS, MAX_REQUEST_BYTES, HttpCoreOptions.COMPRESSION_WITH_ZSTD,
            HttpCoreOptions.REQUEST_TIMEOUT, HttpCoreOptions.AUTH_BLOCK, HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME)
            .rule(OptionRule.atMostOneOf(PROTOCOL, ENCODING),
                    OptionRule.of("with `protocol: grpc`, `endpoint` has no path",
                            "with protocol grpc, give the receiver's address without a path, e.g. http://collector:4317",
                            o -> !isGrpc(o) || hasNoPath(o.get(ENDPOINT)), ENDPOINT, PROTOCOL),
                    OptionRule.of("with `protocol: grpc`, `tls` needs an https:// endpoint",
                            "with protocol grpc, tls applies to an https:// endpoint only; write https://",
                            o -> !isGrpc(o) || !written(o.get(HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME))
                                    || o.get(ENDPOINT).startsWith("https://"),
                            HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME, ENDPOINT, PROTOCOL),
                    // the JDK's HTTP client checks the URL's host name and cannot be told another
                    OptionRule.of("`tls.server_name` only with `protocol: grpc`",
                            "server_name is for protocol grpc; with OTLP/HTTP, put the certificate's name in endpoint",
                            o -> isGrpc(o) || serverName(o) == null, HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME, PROTOCOL),
                    OptionRule.of("with `protocol: grpc`, `compression` is gzip or none",
                            "with protocol grpc, compression is gzip or none (gRPC has no zstd here)",
                            o -> !isGrpc(o) || !o.get(HttpCoreOptions.COMPRESSION_WITH_ZSTD).equals("zstd"),
                            PROTOCOL, HttpCoreOptions.COMPRESSION_WITH_ZSTD));

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
        return isGrpc(options) ? new OtlpGrpcOutput(id, options) : httpOutput(id, options);
    }

    /** OTLP/HTTP: the export requests of {@link OtlpHttpProtocol} through the shared HTTP sender. */
    private static Output httpOutput(String id, Options o) {
        HttpCoreSettings core = HttpCoreSettings.from(o, MAX_REQUEST_BYTES);
        HttpSender sender = new HttpSender(id, core, Clock.systemUTC(), o.get(ENDPOINT).startsWith("http://"));
        OtlpHttpProtocol protocol = new OtlpHttpProtocol(id, isJson(o));
        BatchDelivery.Target target = new BatchDelivery.Target(URI.create(o.get(ENDPOINT)), o.get(HEADERS));
        return new SingleTargetOutput("otlp", id, target, sender, new BatchDelivery(sender, protocol, core.maxRequestBytes()));
    }

    static boolean isGrpc(Options options) {
        return options.get(PROTOCOL).equals("grpc");
    }

    /** OTLP/JSON, asked for either way ({@code protocol: http/json} or the older {@code encoding: json}). */
    static boolean isJson(Options options) {
        return options.get(PROTOCOL).equals("http/json") || options.get(ENCODING).equals("json");
    }

    /** True when the user wrote anything in the block: an absent block binds to its defaults, so isSet alone says nothing. */
    private static boolean written(Options block) {
        for (Option<?> o : block.spec().options()) {
            if (block.isSet(o) && (o.nested() == null || written((Options) block.get(o)))) return true;
        }
        return false;
    }

    private static String serverName(Options o) {
        return o.get(HttpCoreOptions.TLS_BLOCK_WITH_SERVER_NAME).get(TlsOptions.SERVER_NAME);
    }

    private static boolean hasNoPath(String endpoint) {
        String path = URI.create(endpoint).getPath();
        return path == null || path.isEmpty() || path.equals("/");
    }
}
