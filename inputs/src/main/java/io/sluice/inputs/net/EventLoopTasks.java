package io.sluice.inputs.net;

import io.netty.channel.Channel;

import java.util.concurrent.RejectedExecutionException;

/**
 * Hands a task from a pipeline thread (a release that frees room) to a channel's event loop. The
 * loop may already be gone when the input was closed; then there is nothing left to resume, and the
 * caller, a sink thread holding undelivered events, must not fail for it.
 */
final class EventLoopTasks {
    private EventLoopTasks() {
    }

    static void runOnLoop(Channel ch, Runnable task) {
        if (ch.eventLoop().isShuttingDown()) return;
        try {
            ch.eventLoop().execute(task);
        } catch (RejectedExecutionException closedMeanwhile) {
            // the loop shut down between the check and the hand-over: nothing to resume
        }
    }
}
