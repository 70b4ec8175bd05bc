package io.sluice.api.framing;

/**
 * The account of bytes an input holds for its clients outside the pipeline's in-flight bytes: the
 * start of a line still waiting for its end, an event being joined from several lines. The pipeline
 * keeps one account for all inputs ({@code pipeline.client_bytes}), so a few hundred connections
 * that each send a megabyte without a newline cannot together take more memory than that.
 *
 * <p>A holder charges before it grows and releases what it charged when it lets go (the line ended,
 * the connection closed). A charge that does not fit is refused, never waited for: the holder then
 * treats its record as too long (cut and tagged, see {@link LineFramer}). Thread-safe.
 */
public interface HeldBytes {
    /** No bound: every charge fits (tests, and holders outside a pipeline). */
    HeldBytes UNLIMITED = new HeldBytes() {
        @Override public boolean tryCharge(long bytes) { return true; }
        @Override public void release(long bytes) { }
    };

    /** Takes {@code bytes} from the account if they fit now; false (and nothing taken) when they do not. */
    boolean tryCharge(long bytes);

    /** Gives back bytes an earlier {@link #tryCharge} took. */
    void release(long bytes);
}
