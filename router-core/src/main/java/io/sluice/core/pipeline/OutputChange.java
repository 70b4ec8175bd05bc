package io.sluice.core.pipeline;

import io.sluice.api.option.Options;
import io.sluice.api.plugin.Output;

/**
 * What a reload does with one output of the new configuration ({@link Pipeline#reconfigure}). An
 * output running now and named by no change is removed: it delivers what it holds, then closes.
 */
public sealed interface OutputChange {
    String id();

    /** The output's configuration did not change: its runner, buffer and connection carry on. */
    record Keep(String id) implements OutputChange {}

    /**
     * A new or changed output: {@code output} (created, not started) is started with its validated
     * options, which include {@link SinkOptions}' blocks.
     *
     * @param takeOverBuffer the output runs now with the same {@code buffer:} block: the new runner
     *                       continues with its predecessor's buffer instead of opening its own, so what
     *                       is queued (in memory or on disk) is delivered by the new output
     */
    record Start(String id, Output output, Options common, boolean takeOverBuffer) implements OutputChange {}
}
