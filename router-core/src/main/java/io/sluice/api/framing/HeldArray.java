package io.sluice.api.framing;

/**
 * A growable byte array whose size beyond its small initial one is charged to a {@link HeldBytes}
 * account: the one way a framer or joiner keeps bytes for a client. It charges the array's capacity
 * (what the heap really holds), not the bytes in use; growing doubles, within a ceiling.
 *
 * <p>Not thread-safe: one reader owns it. {@link #close} must be called when its owner goes away.
 */
public final class HeldArray {
    /**
     * Above this, {@link #shrink} gives the array back, so one long record does not keep its charge
     * per stream: a thousand connections keep at most 4 MiB charged between records, and lines
     * shorter than this (most log lines) that span reads are still carried without reallocating.
     */
    private static final int KEEP = 4 * 1024;

    private final HeldBytes account;
    private final int initial;
    private byte[] bytes;

    public HeldArray(HeldBytes account, int initial) {
        this.account = account;
        this.initial = initial;
        this.bytes = new byte[initial];
    }

    public byte[] array() {
        return bytes;
    }

    /**
     * Makes the array at least {@code need} bytes long, keeping its first {@code used} bytes, and at
     * most {@code ceiling} long. False, and the array unchanged, when the account refuses the growth.
     */
    public boolean ensure(int need, int used, int ceiling) {
        if (need <= bytes.length) return true;
        int doubled = (int) Math.min(ceiling, Math.max(need, bytes.length * 2L));
        int capacity = account.tryCharge(doubled - bytes.length) ? doubled
                : doubled > need && account.tryCharge(need - bytes.length) ? need : -1;
        if (capacity < 0) return false;
        byte[] grown = new byte[capacity];
        System.arraycopy(bytes, 0, grown, 0, used);
        bytes = grown;
        return true;
    }

    /** Between records: gives a large array back (and its charge), keeps a small one for the next. */
    public void shrink() {
        if (bytes.length > KEEP) reset();
    }

    /** The owner is done: gives back everything charged. */
    public void close() {
        reset();
    }

    /** Bytes charged to the account now. */
    public long charged() {
        return bytes.length - (long) initial;
    }

    private void reset() {
        if (bytes.length == initial) return;
        account.release(charged());
        bytes = new byte[initial];
    }
}
