package io.sluice.api.schema;

import io.sluice.api.event.Level;
import io.sluice.api.event.LogEvent;
import io.sluice.api.event.Tags;

/**
 * The last normalization step, after a decoder filled what the record had: every required field of
 * schema v1 gets a value, following the fallbacks of docs/schema.md.
 */
public final class Normalizer {
    private final NormalizeSettings settings;

    public Normalizer(NormalizeSettings settings) {
        this.settings = settings;
    }

    public NormalizeSettings settings() {
        return settings;
    }

    public void finish(LogEvent e) {
        if (!e.hasTimestamp()) {
            e.timestampNanos(e.createdNanos());
            e.addTag(Tags.TIMESTAMP_MISSING);
        }
        if (!e.hasMessage()) e.message("");
        if (e.level() == null) e.level("stderr".equals(e.stream()) ? Level.ERROR : Level.INFO);
        if (e.serviceName() == null || e.serviceName().isEmpty()) e.serviceName(SchemaV1.UNKNOWN_SERVICE);
        if (e.hostName() == null || e.hostName().isEmpty()) e.hostName(settings.hostName());
        if (!settings.labels().isEmpty()) {
            if (e.labels() == null || e.labels().isEmpty()) {
                e.labels(settings.labels());
            } else {
                // an event that arrived with labels (schema v1 from an upstream tier) keeps them; ours fill the gaps
                java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(settings.labels());
                merged.putAll(e.labels());
                e.labels(merged);
            }
        }
    }
}
