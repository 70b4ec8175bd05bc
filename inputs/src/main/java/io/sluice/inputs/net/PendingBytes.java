package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.sluice.api.framing.HeldArray;
import io.sluice.api.framing.HeldBytes;

/**
 * The start of a record that a read ended in the middle of, kept until the rest arrives. Its
 * capacity is fixed by the framer's maximum record length, so a peer that never sends a delimiter
 * cannot make it grow; it starts small, grows only as far as records actually need, and what it
 * holds is charged to the input's {@link HeldBytes} account. {@link #close} gives it back.
 */
public final class PendingBytes {
    private final int capacity;
    private final HeldArray bytes;
    private int length;

    public PendingBytes(int capacity, HeldBytes account) {
        this.capacity = capacity;
        this.bytes = new HeldArray(account, 0);
    }

    public int length() { return length; }
    public byte[] array() { return bytes.array(); }
    public int capacity() { return capacity; }

    /**
     * Copies {@code n} bytes from {@code src}; the caller keeps the total within {@link #capacity()}.
     * False, and nothing copied, when the account has no room for them.
     */
    public boolean append(ByteBuf src, int index, int n) {
        int need = length + n;
        if (need > capacity) throw new IllegalStateException("record longer than " + capacity + " bytes kept");
        if (!bytes.ensure(need, length, capacity)) return false;
        src.getBytes(index, bytes.array(), length, n);
        length = need;
        return true;
    }

    public void reset() {
        length = 0;
        bytes.shrink();
    }

    /** The connection ended: gives back what was charged. */
    public void close() {
        length = 0;
        bytes.close();
    }
}
