package io.sluice.inputs.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a connection: publishes the framer's {@link RawBatch}es on the connection's
 * {@link Source} and carries the pipeline's backpressure back to the socket. When the pipeline has
 * no room, it turns {@code autoRead} off, so the kernel buffers fill and the sender's writes block;
 * reading resumes on the channel's event loop once {@link Source#whenCapacity} says there is room.
 * Nothing already read is dropped: {@link Source#publish} always takes the batch.
 *
 * <p>On {@link StopReading} (the daemon is stopping) reading stays off for good; what the framer
 * passes on after that, when the connection closes, is only an unterminated last line, which was never
 * accepted and is dropped.
 *
 * <p>It also closes the connection on an idle timeout (but not while it is itself the reason the
 * connection is quiet) and closes the source when the connection ends. One instance per channel.
 */
public final class SourcePublisher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SourcePublisher.class);

    private final Source source;
    private final String name;
    private boolean paused;
    private boolean stopped;
    private boolean closed;

    private final Runnable onIdleClosed;

    /** @param onIdleClosed told once per connection closed by the idle timeout (a counter) */
    public SourcePublisher(Source source, String name, Runnable onIdleClosed) {
        this.source = source;
        this.name = name;
        this.onIdleClosed = onIdleClosed;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof RawBatch batch)) {
            // nothing but batches should reach here; do not leak a buffer if a framer let one through
            ReferenceCountUtil.release(msg);
            return;
        }
        if (stopped) {
            if (!batch.isEmpty()) LOG.debug("{}: dropping an unterminated last line at stop", name);
            return;
        }
        if (!source.publish(batch)) pause(ctx.channel());
    }

    private void pause(Channel ch) {
        if (paused) return;
        paused = true;
        ch.config().setAutoRead(false);
        source.whenCapacity(() -> EventLoopTasks.runOnLoop(ch, () -> resume(ch)));
    }

    private void resume(Channel ch) {
        paused = false;
        if (ch.isActive() && !stopped) ch.config().setAutoRead(true);
    }

    /** True while reading is off because the pipeline pushed back. */
    public boolean paused() {
        return paused;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == StopReading.INSTANCE) {
            stopped = true;
            ctx.channel().config().setAutoRead(false);
            return;
        }
        if (evt instanceof IdleStateEvent) {
            if (!paused && !stopped) {
                LOG.info("{}: closing connection idle longer than the idle timeout", name);
                onIdleClosed.run();
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closeSource();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        closeSource();
    }

    private void closeSource() {
        if (!closed) {
            closed = true;
            source.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: closing connection after an error: {}", name, cause.toString());
        ctx.close();
    }
}
