package io.sluice.inputs.otlp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets one port serve OTLP/HTTP and OTLP/gRPC: a gRPC client opens with the HTTP/2 connection
 * preface (prior knowledge over cleartext; after ALPN agreed on h2 over TLS), an HTTP/1.1 client
 * with a request line, and the two differ in the first byte. Once the first bytes tell which, this
 * handler adds that protocol's handlers and removes itself, passing the bytes read so far on.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSniffer.class);
    private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final Consumer<ChannelPipeline> http1;
    private final Consumer<ChannelPipeline> http2;

    ProtocolSniffer(String name, Consumer<ChannelPipeline> http1, Consumer<ChannelPipeline> http2) {
        this.name = name;
        this.http1 = http1;
        this.http2 = http2;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), HTTP2_PREFACE.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != HTTP2_PREFACE[i]) {
                switchTo(ctx, http1);
                return;
            }
        }
        if (n == HTTP2_PREFACE.length) switchTo(ctx, http2);
        // else: a prefix of the preface so far; wait for more bytes
    }

    private void switchTo(ChannelHandlerContext ctx, Consumer<ChannelPipeline> setup) {
        setup.accept(ctx.pipeline());
        ctx.pipeline().remove(this); // hands the bytes read so far to the handlers just added
    }

    /** Before a protocol is chosen only TLS can fail (a handshake refused, e.g. no client certificate). */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("{}: closing connection: {}", name, cause.getCause() != null ? cause.getCause().toString() : cause.toString());
        ctx.close();
    }
}
