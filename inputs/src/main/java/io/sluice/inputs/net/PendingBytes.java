package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;

/**
 * The start of a record that a read ended in the middle of, kept until the rest arrives. Its
 * capacity is fixed by the framer's maximum record length, so a peer that never sends a delimiter
 * cannot make it grow; it starts small and grows only as far as records actually need.
 */
public final class PendingBytes {
    private static final byte[] EMPTY = new byte[0];
    /** Above this, the array is dropped on reset so one huge record does not pin memory per connection. */
    private static final int KEEP_AFTER_RESET = 64 * 1024;

    private final int capacity;
    private byte[] bytes = EMPTY;
    private int length;

    public PendingBytes(int capacity) {
        this.capacity = capacity;
    }

    public int length() { return length; }
    public byte[] array() { return bytes; }
    public int capacity() { return capacity; }

    public byte last() {
        return bytes[length - 1];
    }

    public void dropLast() {
        length--;
    }

    /** Copies {@code n} bytes from {@code src}; the caller keeps the total within {@link #capacity()}. */
    public void append(ByteBuf src, int index, int n) {
        int need = length + n;
        if (need > capacity) throw new IllegalStateException("record longer than " + capacity + " bytes kept");
        if (need > bytes.length) {
            byte[] grown = new byte[(int) Math.min(capacity, Math.max(need, Math.max(256L, bytes.length * 2L)))];
            System.arraycopy(bytes, 0, grown, 0, length);
            bytes = grown;
        }
        src.getBytes(index, bytes, length, n);
        length = need;
    }

    public void reset() {
        length = 0;
        if (bytes.length > KEEP_AFTER_RESET) bytes = EMPTY;
    }
}
