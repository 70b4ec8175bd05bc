package io.sluice.inputs.multiline;

/** Receives the records an assembler finished, with the offsets a checkpoint needs. */
@FunctionalInterface
public interface RecordSink {
    /**
     * @param recordOffset where the record starts in the file ({@code log.offset})
     * @param position     where reading would resume if every record up to this one were acknowledged;
     *                     never past the start of a partial record still being joined
     */
    void record(byte[] b, int off, int len, int flags, long recordOffset, long position);
}
