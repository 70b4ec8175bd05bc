package io.sluice.inputs.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.sluice.api.plugin.RawBatch;
import io.sluice.api.plugin.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns datagrams into records (one per datagram, trailing newlines or NULs removed, cut at
 * {@code maxLength} and flagged truncated) and publishes them on one {@link Source} per listener,
 * a batch per read burst or when full.
 *
 * <p>UDP cannot push back on a sender. When the pipeline has no room, datagrams are dropped here
 * and counted, so overload shows in the metrics instead of vanishing in a kernel buffer; receiving
 * resumes once the source has capacity again. One instance per channel.
 */
public final class DatagramReceiver extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiver.class);

    private final Source source;
    private final String name;
    private final int maxLength;
    private final Runnable onDropped;
    private final Runnable onTruncated;
    private RawBatch batch;
    private boolean dropping;
    private long droppedWhileFull;

    public DatagramReceiver(Source source, String name, int maxLength, Runnable onDropped, Runnable onTruncated) {
        this.source = source;
        this.name = name;
        this.maxLength = maxLength;
        this.onDropped = onDropped;
        this.onTruncated = onTruncated;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet) receive(ctx.channel(), packet.content());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void receive(Channel ch, ByteBuf content) {
        if (dropping) {
            droppedWhileFull++;
            onDropped.run();
            return;
        }
        int start = content.readerIndex();
        int end = content.writerIndex();
        while (end > start && isTrailer(content.getByte(end - 1))) end--;
        int len = end - start;
        if (len == 0) return;
        boolean cut = len > maxLength;
        if (cut) {
            len = maxLength;
            onTruncated.run();
        }
        if (batch == null) batch = source.newBatch();
        int slot = batch.reserve(len, cut ? RawBatch.TRUNCATED : 0, -1);
        content.getBytes(start, batch.data(), slot, len);
        if (batch.isFull()) publish(ch);
    }

    private static boolean isTrailer(byte c) {
        return c == '\n' || c == '\r' || c == 0;
    }

    private void publish(Channel ch) {
        RawBatch full = batch;
        batch = null;
        if (full == null || full.isEmpty()) return;
        if (!source.publish(full) && !dropping) {
            dropping = true;
            source.whenCapacity(() -> EventLoopTasks.runOnLoop(ch, this::resume));
        }
    }

    private void resume() {
        if (droppedWhileFull > 0) {
            LOG.warn("{}: the pipeline was full; dropped {} datagrams (UDP cannot push back on senders)",
                    name, droppedWhileFull);
        }
        droppedWhileFull = 0;
        dropping = false;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        publish(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        publish(ctx.channel());
        source.close();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a datagram socket error (e.g. ICMP port unreachable echoes) must not stop the listener
        LOG.warn("{}: {}", name, cause.toString());
    }
}
