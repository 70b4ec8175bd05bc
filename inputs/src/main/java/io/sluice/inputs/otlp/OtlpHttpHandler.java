package io.sluice.inputs.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.sluice.api.otel.OtlpJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves {@code POST /v1/logs} as the OTLP/HTTP specification says: the body is protobuf or JSON by
 * its Content-Type, answered in the same encoding. 200 only after the records are in the pipeline;
 * 429 with Retry-After when the pipeline has no room (exporters resend), never 500; 200 with a
 * {@code partial_success} when some records could not be mapped (they are dead-lettered); 400 for a body
 * that does not decode, 413 (by the aggregator before this handler) for one too large, 415 for
 * another encoding. One per connection.
 */
final class OtlpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpHttpHandler.class);
    static final String PATH = "/v1/logs";
    static final String PROTOBUF = "application/x-protobuf";
    static final String JSON = "application/json";

    private final String name;
    private final RecordPublisher publisher;
    private final long retryAfterSeconds;
    private final Runnable onThrottled;

    OtlpHttpHandler(String name, RecordPublisher publisher, long retryAfterSeconds, Runnable onThrottled) {
        this.name = name;
        this.publisher = publisher;
        this.retryAfterSeconds = retryAfterSeconds;
        this.onThrottled = onThrottled;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, req, text(HttpResponseStatus.BAD_REQUEST, "malformed request: " + req.decoderResult().cause()));
            return;
        }
        if (!new QueryStringDecoder(req.uri()).path().equals(PATH)) {
            respond(ctx, req, text(HttpResponseStatus.NOT_FOUND, "OTLP logs are served on POST " + PATH));
            return;
        }
        if (!req.method().equals(HttpMethod.POST)) {
            FullHttpResponse r = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
            r.headers().set(HttpHeaderNames.ALLOW, "POST");
            respond(ctx, req, r);
            return;
        }
        String type = mimeType(req);
        if (!type.equals(PROTOBUF) && !type.equals(JSON)) {
            respond(ctx, req, text(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be " + PROTOBUF + " or " + JSON));
            return;
        }
        if (!publisher.hasCapacity()) {
            onThrottled.run();
            respond(ctx, req, retryLater("pipeline full, retry later", retryAfterSeconds));
            return;
        }
        ExportLogsServiceRequest request;
        try {
            byte[] body = ByteBufUtil.getBytes(req.content());
            request = type.equals(PROTOBUF) ? ExportLogsServiceRequest.parseFrom(body) : OtlpJson.parse(body);
        } catch (InvalidProtocolBufferException ex) {
            respond(ctx, req, text(HttpResponseStatus.BAD_REQUEST, "not an OTLP logs request: " + ex.getMessage()));
            return;
        }
        respond(ctx, req, success(type, publisher.publish(request).response()));
    }

    /** The media type without parameters, lower case ("" when absent). */
    private static String mimeType(FullHttpRequest req) {
        CharSequence t = HttpUtil.getMimeType(req);
        return t == null ? "" : t.toString().trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** 200 with the response (empty, or a partial success) in the request's encoding. */
    private static FullHttpResponse success(String type, ExportLogsServiceResponse response) {
        byte[] body;
        try {
            body = type.equals(PROTOBUF) ? response.toByteArray() : OtlpJson.print(response);
        } catch (IOException ex) {
            throw new IllegalStateException(ex); // a count and a message always print
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        return r;
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return r;
    }

    /** 429 with Retry-After: the exporter waits {@code retry_after} and resends. */
    static FullHttpResponse retryLater(String message, long retryAfterSeconds) {
        FullHttpResponse r = text(HttpResponseStatus.TOO_MANY_REQUESTS, message);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return r;
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r) {
        respond(ctx, HttpUtil.isKeepAlive(req), r);
    }

    /** Writes {@code r}, closing the connection after it unless the request asked to keep it. */
    static void respond(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse r) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        HttpUtil.setKeepAlive(r, keepAlive);
        var written = ctx.writeAndFlush(r);
        if (!keepAlive) written.addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a broken gzip stream or TLS record: the client's fault, answered 400 rather than 500
        if (cause instanceof DecoderException && ctx.channel().isActive()) {
            FullHttpResponse r = text(HttpResponseStatus.BAD_REQUEST, "cannot decode request: " + cause.getMessage());
            HttpUtil.setContentLength(r, r.content().readableBytes());
            ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        LOG.warn("{}: closing connection after an error: {}", name, cause.toString());
        ctx.close();
    }
}
