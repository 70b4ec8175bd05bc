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

import java.net.InetSocketAddress;

/**
 * Turns datagrams into records (one per datagram, trailing newlines or NULs removed, cut at
 * {@code maxLength} and flagged truncated) and publishes them on one {@link Source} per listener,
 * a batch per read burst or when full.
 *
 * <p>UDP cannot push back on a sender. When the pipeline has no room, datagrams are dropped here
 * and counted, so overload shows in the metrics instead of vanishing in a kernel buffer; receiving
 * resumes once the source has capacity again. One instance per channel.
 *
 * <p>With {@link #joining} set, datagrams go through a {@link SenderJoiners} first (a stack trace
 * sent a line per datagram is one event per sender): a joined event leaves when its sender's next
 * event starts, at its limits, after the flush timeout (a timer on the listener's event loop), or
 * when the listener stops.
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
    private SenderJoiners joiners;
    private byte[] scratch;
    private Channel channel;
    private JoinFlushTimer flushTimer;

    public DatagramReceiver(Source source, String name, int maxLength, Runnable onDropped, Runnable onTruncated) {
        this.source = source;
        this.name = name;
        this.maxLength = maxLength;
        this.onDropped = onDropped;
        this.onTruncated = onTruncated;
    }

    /** Joins continuation datagrams per sender with {@code joiners} (null: every datagram stands alone). */
    public DatagramReceiver joining(SenderJoiners joiners) {
        this.joiners = joiners;
        if (joiners != null) {
            scratch = new byte[Math.min(maxLength, 64 * 1024)]; // a datagram is at most 64 KiB
            joiners.sendTo((b, off, len, flags, recordOffset, position) -> add(channel, b, off, len, flags));
            flushTimer = new JoinFlushTimer(joiners.flushTimeout(), touchedBefore -> {
                joiners.flush(touchedBefore);
                publish(channel);
            }, joiners::oldestTouchNanos);
        }
        return this;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof DatagramPacket packet) receive(ctx.channel(), packet.sender(), packet.content());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void receive(Channel ch, InetSocketAddress sender, ByteBuf content) {
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
        int flags = cut ? RawBatch.TRUNCATED : 0;
        if (joiners != null) {
            channel = ch;
            content.getBytes(start, scratch, 0, len);
            joiners.record(sender, scratch, 0, len, flags);
            return;
        }
        if (batch == null) batch = source.newBatch();
        int slot = batch.reserve(len, flags, -1);
        content.getBytes(start, batch.data(), slot, len);
        if (batch.isFull()) publish(ch);
    }

    private void add(Channel ch, byte[] b, int off, int len, int flags) {
        if (batch == null) batch = source.newBatch();
        batch.add(b, off, len, flags, -1);
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
        if (joiners != null) flushTimer.armIfWaiting(ctx.channel());
        publish(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (joiners != null) {
            // the listener stops: every event still being joined is sent, and its charge given back
            channel = ctx.channel();
            joiners.flush(Long.MAX_VALUE);
            flushTimer.cancel();
        }
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
