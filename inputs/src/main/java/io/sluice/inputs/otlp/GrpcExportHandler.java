package io.sluice.inputs.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.sluice.api.framing.HeldBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Serves one HTTP/2 stream as a unary gRPC call of
 * {@code opentelemetry.proto.collector.logs.v1.LogsService/Export} (gRPC's HTTP/2 protocol: a
 * length-prefixed message, {@code grpc-status} in the trailers). Answers as the OTLP specification
 * says: OK only once the records are in the pipeline (with a {@code partial_success} when some could
 * not be mapped and were dead-lettered); {@code RESOURCE_EXHAUSTED} with a
 * {@code google.rpc.RetryInfo} when the pipeline has no room (so exporters wait and resend), never
 * {@code INTERNAL}; {@code RESOURCE_EXHAUSTED} without one for a request over
 * {@code max_request_bytes} (gRPC's code for a message too large; not retried);
 * {@code INVALID_ARGUMENT} for one that does not decode. {@code grpc-encoding: gzip} is accepted.
 * The request being received is charged to the held-bytes account until it is handled; one the
 * account has no room for is answered {@code RESOURCE_EXHAUSTED} with a RetryInfo, as a full pipeline.
 * Every stream of a connection runs on the connection's event loop, so they share its publisher.
 */
final class GrpcExportHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcExportHandler.class);
    static final String PATH = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
    private static final String GRPC = "application/grpc";
    /** gRPC status codes (grpc/doc/statuscodes.md). */
    static final int OK = 0, INVALID_ARGUMENT = 3, RESOURCE_EXHAUSTED = 8, UNIMPLEMENTED = 12, UNAVAILABLE = 14;
    private static final int PREFIX = 5; // compressed flag, then the message length

    private final String name;
    private final RecordPublisher publisher;
    private final int maxRequestBytes;
    private final long retryAfterSeconds;
    private final Runnable onThrottled;
    private final HeldBytes account;
    private CompositeByteBuf body;
    private long charged;
    private boolean gzip;
    private boolean answered;

    GrpcExportHandler(String name, RecordPublisher publisher, int maxRequestBytes, long retryAfterSeconds,
                      Runnable onThrottled, HeldBytes account) {
        this.name = name;
        this.account = account;
        this.publisher = publisher;
        this.maxRequestBytes = maxRequestBytes;
        this.retryAfterSeconds = retryAfterSeconds;
        this.onThrottled = onThrottled;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame h) {
                if (body == null && !answered) start(ctx, h.headers());
                if (h.isEndStream()) end(ctx);
            } else if (msg instanceof Http2DataFrame d) {
                if (!answered) append(ctx, d.content());
                if (d.isEndStream()) end(ctx);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void start(ChannelHandlerContext ctx, Http2Headers h) {
        CharSequence type = h.get("content-type");
        if (type == null || !type.toString().startsWith(GRPC)) {
            // gRPC's protocol: a request that is not gRPC at all is answered at the HTTP level
            answered = true;
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("415"), true));
            return;
        }
        if (!"POST".contentEquals(h.method()) || !PATH.contentEquals(h.path())) {
            fail(ctx, UNIMPLEMENTED, "only " + PATH + " is served here", null);
            return;
        }
        CharSequence encoding = h.get("grpc-encoding");
        gzip = encoding != null && "gzip".contentEquals(encoding);
        if (encoding != null && !gzip && !"identity".contentEquals(encoding)) {
            fail(ctx, UNIMPLEMENTED, "grpc-encoding " + encoding + " is not supported; use gzip or identity", null);
            return;
        }
        body = ctx.alloc().compositeBuffer();
    }

    private void append(ChannelHandlerContext ctx, ByteBuf data) {
        if (body == null) return;
        if ((long) body.readableBytes() + data.readableBytes() > (long) maxRequestBytes + PREFIX) {
            tooLarge(ctx);
            return;
        }
        if (!account.tryCharge(data.readableBytes())) {
            releaseBody();
            retryLater(ctx, "too many request bytes held for clients, retry later");
            return;
        }
        charged += data.readableBytes();
        body.addComponent(true, data.retain());
    }

    private void end(ChannelHandlerContext ctx) {
        if (answered) return;
        try {
            if (body == null || body.readableBytes() < PREFIX) {
                fail(ctx, INVALID_ARGUMENT, "no request message", null);
                return;
            }
            boolean compressed = body.readByte() != 0;
            long length = body.readUnsignedInt();
            if (length != body.readableBytes()) {
                fail(ctx, INVALID_ARGUMENT, "expected one length-prefixed request message", null);
                return;
            }
            if (compressed && !gzip) {
                fail(ctx, INVALID_ARGUMENT, "a compressed message without grpc-encoding", null);
                return;
            }
            byte[] message = compressed ? gunzip(body, maxRequestBytes) : readAll(body);
            if (message == null) {
                tooLarge(ctx);
                return;
            }
            export(ctx, message);
        } catch (IOException ex) {
            fail(ctx, INVALID_ARGUMENT, "cannot decompress the request: " + ex.getMessage(), null);
        } finally {
            releaseBody();
        }
    }

    private void export(ChannelHandlerContext ctx, byte[] message) {
        if (!publisher.hasCapacity()) {
            retryLater(ctx, "pipeline full, retry later");
            return;
        }
        ExportLogsServiceRequest request;
        try {
            request = ExportLogsServiceRequest.parseFrom(message);
        } catch (InvalidProtocolBufferException ex) {
            fail(ctx, INVALID_ARGUMENT, "not an OTLP logs request: " + ex.getMessage(), null);
            return;
        }
        byte[] response = publisher.publish(request).response().toByteArray();
        answered = true;
        ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200").set("content-type", GRPC)));
        ByteBuf data = ctx.alloc().buffer(PREFIX + response.length).writeByte(0).writeInt(response.length)
                .writeBytes(response);
        ctx.write(new DefaultHttp2DataFrame(data));
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
    }

    /** RESOURCE_EXHAUSTED with a RetryInfo: the exporter waits {@code retry_after} and resends. */
    private void retryLater(ChannelHandlerContext ctx, String message) {
        onThrottled.run();
        RetryInfo retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(retryAfterSeconds)).build();
        fail(ctx, RESOURCE_EXHAUSTED, message, Any.pack(retry));
    }

    private void tooLarge(ChannelHandlerContext ctx) {
        releaseBody();
        fail(ctx, RESOURCE_EXHAUSTED, "request larger than max_request_bytes (" + maxRequestBytes + ")", null);
    }

    /** A trailers-only response carrying the status; {@code detail}, when given, goes in grpc-status-details-bin. */
    private void fail(ChannelHandlerContext ctx, int code, String message, Any detail) {
        answered = true;
        Http2Headers h = new DefaultHttp2Headers().status("200").set("content-type", GRPC)
                .set("grpc-status", Integer.toString(code)).set("grpc-message", percentEncode(message));
        if (code == UNIMPLEMENTED) h.set("grpc-accept-encoding", "gzip");
        if (detail != null) {
            byte[] status = com.google.rpc.Status.newBuilder().setCode(code).setMessage(message).addDetails(detail)
                    .build().toByteArray();
            h.set("grpc-status-details-bin", Base64.getEncoder().withoutPadding().encodeToString(status));
        }
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(h, true));
    }

    /** grpc-message's encoding: printable ASCII except '%' as is, every other byte of the UTF-8 as %XX. */
    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') out.append((char) c);
            else out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
        }
        return out.toString();
    }

    private static byte[] readAll(ByteBuf in) {
        byte[] b = new byte[in.readableBytes()];
        in.readBytes(b);
        return b;
    }

    /** The inflated message, or null once it grows past {@code limit} (a gzip bomb is not inflated). */
    private static byte[] gunzip(ByteBuf in, int limit) throws IOException {
        try (InputStream gz = new GZIPInputStream(new ByteBufInputStream(in))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, in.readableBytes() * 4 + 64));
            byte[] chunk = new byte[8192];
            for (int n; (n = gz.read(chunk)) > 0; ) {
                if (out.size() + n > limit) return null;
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        }
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        account.release(charged);
        charged = 0;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseBody();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // the records may not be in the pipeline: a status the exporter retries, so nothing is lost
        LOG.warn("{}: export failed: {}", name, cause.toString());
        releaseBody();
        if (!answered && ctx.channel().isActive()) fail(ctx, UNAVAILABLE, "the receiver failed: " + cause, null);
        else ctx.close();
    }
}
