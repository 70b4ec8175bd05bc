package io.sluice.outputs.http;

import io.sluice.api.option.Option;
import io.sluice.api.option.OptionSpec;
import io.sluice.api.option.Types;
import io.sluice.api.template.FieldTemplate;

import java.util.List;
import java.util.Map;

/** The options of {@code type: http}, declared once for validation and the reference docs. */
final class HttpOutputOptions {
    private HttpOutputOptions() {}

    static final Option<FieldTemplate> URI = Option.of("uri", HttpTemplates.URI).required()
            .doc("where batches are POSTed; may hold event fields, e.g. https://logs.example/ingest/{service.name}"
                    + " (a batch is split by the rendered URI and headers; values are percent-encoded, a missing field gives 'unknown')")
            .build();

    static final Option<String> FORMAT = Option.of("format", Types.oneOf("ndjson", "json_array"))
            .defaultValue("ndjson")
            .doc("request body: one schema v1 JSON event per line (application/x-ndjson) or one JSON array")
            .build();

    static final Option<Map<String, FieldTemplate>> HEADERS = Option.of("headers", HttpTemplates.HEADERS)
            .defaultValue(Map.of())
            .doc("extra request headers; values may hold event fields, e.g. X-Tenant: '{labels.tenant}'")
            .build();

    static final Option<List<String>> RETRY_ON = Option.of("retry_on", Types.STRING_LIST)
            .defaultValue(GenericStatuses.DEFAULT_RETRIABLE.stream().sorted().map(String::valueOf).toList())
            .check(l -> l.stream().allMatch(s -> s.matches("[1-5][0-9][0-9]")), "each item must be an HTTP status, e.g. 503")
            .doc("statuses that mean 'try again later'; other 4xx and 5xx dead-letter the request's events,"
                    + " except 401/403/404/405/407/415 (the output stops: fix the config) and 413 (the request is split)")
            .build();

    static final Option<Boolean> IDEMPOTENCY_KEY = Option.of("idempotency_key", Types.BOOL).defaultValue(true)
            .doc("send an Idempotency-Key header derived from the request body: the same on every retry of the"
                    + " same events, so a receiver that honours it stores them once")
            .build();

    static final Option<Long> MAX_REQUEST_BYTES = HttpCoreOptions.maxRequestBytes(10L << 20, "default 10MiB");

    static final OptionSpec SPEC = OptionSpec.of("http",
            "POSTs batches of schema v1 JSON events to an HTTP endpoint (at least once)",
            URI, FORMAT, HEADERS, RETRY_ON, IDEMPOTENCY_KEY, MAX_REQUEST_BYTES, HttpCoreOptions.COMPRESSION_WITH_ZSTD,
            HttpCoreOptions.REQUEST_TIMEOUT, HttpCoreOptions.AUTH_BLOCK, HttpCoreOptions.TLS_BLOCK);
}
