package io.sluice.api.plugin;

/**
 * Learns which records every sink has taken. Calls come in source order: when it is told
 * {@code position}, every record published before it on the same source has been delivered (or
 * dead-lettered, or dropped by policy and counted). Inputs advance checkpoints from here.
 * Called from pipeline threads; must not block.
 */
@FunctionalInterface
public interface AckListener {
    void acknowledged(long position);
}
