package io.sluice.inputs.container;

import io.sluice.api.framing.LineFramer;

/**
 * Turns the physical lines of one file into records: joins the partial lines a container runtime
 * split (Docker's 16 KiB chunks, CRI {@code P} lines), per stream. Runs on the reader thread
 * because joining spans lines; parsing what is inside a record is the decoder's job.
 */
interface RecordAssembler extends LineFramer.LineSink {
    /**
     * Hands out the partial records last extended before {@code touchedBefore} (a {@link System#nanoTime}
     * value): {@link Long#MAX_VALUE} for all of them (end of input, file released), or a cutoff for the
     * flush timeout, which applies to each stream on its own.
     */
    void flush(long touchedBefore);

    /** True while a partial record waits for its continuation. */
    boolean hasPending();
}
