package io.sluice.api.schema;

import java.util.Map;

/**
 * Pipeline-wide normalization settings (the {@code normalize:} section).
 *
 * @param labels    static labels added to every event
 * @param onInvalid what to do with schema-breaking values
 * @param hostName  {@code host.name} for records that do not name their host: the machine Sluice runs on
 */
public record NormalizeSettings(Map<String, String> labels, InvalidPolicy onInvalid, String hostName) {
    public NormalizeSettings {
        labels = Map.copyOf(labels);
    }

    public static NormalizeSettings defaults() {
        return new NormalizeSettings(Map.of(), InvalidPolicy.DEAD_LETTER, LocalHost.name());
    }
}
