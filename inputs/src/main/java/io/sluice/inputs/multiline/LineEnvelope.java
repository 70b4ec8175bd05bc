package io.sluice.inputs.multiline;

/**
 * Where a record's line of text sits, for the {@link MultilineJoiner}: the whole record for a stream
 * input or a plain file; inside a CRI prefix or a Docker JSON {@code log} field for container files.
 */
public interface LineEnvelope {
    /** A record that is all text, on one stream. */
    LineEnvelope PLAIN = (b, off, end, out) -> {
        out[0] = off;
        out[1] = end;
        out[2] = 0;
        return true;
    };

    /**
     * Stores the text's start, its end and its stream (0 or 1) in {@code out}; false when the record
     * is not in this envelope (it is then passed on as it is).
     */
    boolean locate(byte[] b, int off, int end, int[] out);

    /** True when the text is escaped JSON string content: rules then see it unescaped. */
    default boolean escaped() {
        return false;
    }

    /** For escaped text: whether {@code b[from, to)} already ends with an escaped newline. */
    default boolean endsWithNewline(byte[] b, int from, int to) {
        return false;
    }
}
