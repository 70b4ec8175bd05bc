package io.sluice.api.plugin;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.schema.DecodeOptions;

import java.nio.file.Path;

/** What the pipeline gives an input: where to publish, metrics, and its data directory. */
public interface InputContext {
    /** The id the user gave the input in the config. */
    String inputId();

    /** Opens a stream of records (a connection, a file, a partition) that publishes in order. */
    Source openSource(SourceSpec spec);

    /** Decode settings for this input (zone, invalid-value policy), from its options and {@code normalize}. */
    DecodeOptions decodeOptions();

    MeterRegistry meters();

    /** A directory owned by this input for checkpoints; created on first call. */
    Path dataDir();

    /**
     * The account every byte held for a client outside the pipeline's in-flight bytes is charged to
     * (partial lines, events being joined): one for all inputs, {@code pipeline.held_bytes}.
     * Default: unlimited.
     */
    default HeldBytes heldBytes() {
        return HeldBytes.UNLIMITED;
    }

    /**
     * The pods the pipeline knows (from a {@code kubernetes_metadata} transform), for per-pod
     * configuration an input applies itself; follows a reload that replaces the transforms.
     * Default: none known.
     */
    default PodLookup pods() {
        return PodLookup.NONE;
    }
}
