package io.sluice.api.framing;

/**
 * Cuts a block of whole lines (every line in it ends at its delimiter) that a connection's reader
 * passed on uncut: the reader only finds where the last line of each read ends, and the pipeline
 * worker that takes the block cuts its lines here, so the one reading thread of a connection no longer
 * walks every line. The rule is {@link LineFramer}'s for a line that lies whole in one read: the
 * delimiter and one {@code \r} before it are stripped, a line longer than {@code maxLength} is cut
 * there and flagged truncated, and an empty line is skipped (counted). Lines that span reads are
 * still framed by the reader's {@link LineFramer} and never reach a block.
 *
 * <p>Immutable and shared by a connection's blocks; its counters are told from the worker's thread.
 */
public final class WholeLines {
    /** Receives each non-empty line of a block: its place in the block's array. */
    @FunctionalInterface
    public interface LineSink {
        void line(int off, int len, boolean truncated);
    }

    private final int maxLength;
    private final LineDelimiters delimiters;
    private final Runnable onEmpty;
    private final Runnable onTruncated;

    /**
     * @param onEmpty     told once per empty line skipped (a thread-safe counter)
     * @param onTruncated told once per line cut at {@code maxLength} (a thread-safe counter)
     */
    public WholeLines(int maxLength, LineDelimiters delimiters, Runnable onEmpty, Runnable onTruncated) {
        if (maxLength < 1) throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        this.maxLength = maxLength;
        this.delimiters = delimiters;
        this.onEmpty = onEmpty;
        this.onTruncated = onTruncated;
    }

    public LineDelimiters delimiters() {
        return delimiters;
    }

    /** Cuts {@code b[from..to)}, which ends at a delimiter, into lines, in order. */
    public void cut(byte[] b, int from, int to, LineSink sink) {
        int p = from;
        while (p < to) {
            // not a whole line after all (no delimiter, nl == to): the rest is still one line, as at end of input
            int nl = delimiters.indexIn(b, p, to);
            int content = LineFramer.contentLength(b, p, nl - p);
            if (content == 0) {
                onEmpty.run();
            } else if (content > maxLength) {
                sink.line(p, maxLength, true);
                onTruncated.run();
            } else {
                sink.line(p, content, false);
            }
            p = nl + 1;
        }
    }
}
