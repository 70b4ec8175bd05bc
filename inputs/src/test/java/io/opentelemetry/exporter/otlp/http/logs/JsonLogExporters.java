package io.opentelemetry.exporter.otlp.http.logs;

import io.opentelemetry.exporter.otlp.internal.HttpExporterBuilder;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.common.internal.StandardComponentId;

/**
 * The SDK's own OTLP/HTTP JSON log exporter. The SDK builds it (its JSON marshalers, its HTTP
 * sender) but offers JSON only through its internal builder, reached from the builder's package.
 */
public final class JsonLogExporters {
    private JsonLogExporters() {
    }

    public static OtlpHttpLogRecordExporter create(String endpoint) {
        HttpExporterBuilder json = new HttpExporterBuilder(StandardComponentId.ExporterType.OTLP_HTTP_LOG_EXPORTER, endpoint)
                .exportAsJson();
        return new OtlpHttpLogRecordExporterBuilder(json, MemoryMode.IMMUTABLE_DATA).build();
    }
}
