package io.sluice.outputs.otlp;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Options;
import io.sluice.api.option.Types;
import io.sluice.api.plugin.Output;
import io.sluice.api.plugin.OutputPlugin;

import java.time.Duration;
import java.util.Map;

/** {@code type: otlp}: schema v1 events as OpenTelemetry log records over OTLP/HTTP. */
public final class OtlpOutputPlugin implements OutputPlugin {
    static final Option<String> ENDPOINT = Option.of("endpoint", Types.STRING)
            .required()
            .check(u -> u.startsWith("http://") || u.startsWith("https://"), "must be an http:// or https:// URL")
            .doc("The full OTLP/HTTP logs URL, e.g. http://collector:4318/v1/logs.")
            .build();

    static final Option<String> ENCODING = Option.of("encoding", Types.oneOf("protobuf", "json"))
            .defaultValue("protobuf")
            .doc("Request body: protobuf (application/x-protobuf) or json (application/json, OTLP/JSON).")
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
            "OTLP/HTTP logs export (docs/otel.md): each batch is one request, records grouped by resource and scope. "
                    + "429, 502, 503 and 504 and connection failures are retried (the OTLP specification's list); "
                    + "any other refusal (400, 413, ...) dead-letters the batch with the backend's reason.",
            ENDPOINT, ENCODING, COMPRESSION, TIMEOUT, HEADERS);

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
        return new OtlpOutput(id, options);
    }
}
