package io.sluice.inputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.sluice.api.framing.HeldBytes;
import io.sluice.api.option.Options;
import io.sluice.api.otel.OtlpToEvent;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.schema.EventEncoder;
import io.sluice.api.schema.JsonRecordDecoder;
import io.sluice.api.schema.LocalHost;
import io.sluice.api.schema.SchemaV1;
import io.sluice.api.schema.SchemaV1Decoder;
import io.sluice.inputs.net.Addresses;
import io.sluice.inputs.net.NetOptions;
import io.sluice.inputs.net.ListeningInput;
import io.sluice.inputs.net.NetServer;
import io.sluice.inputs.net.ServerSettings;
import io.sluice.inputs.net.TlsContextSource;
import io.sluice.api.tls.TlsOptions;

/**
 * An OTLP logs receiver on the inputs' Netty listener ({@link NetServer}: connection limit, idle
 * timeout, TLS and mutual TLS), serving OTLP/HTTP and OTLP/gRPC on the same port: the first bytes of
 * a connection tell which ({@link ProtocolSniffer}); over TLS, ALPN offers h2 and http/1.1. gRPC is
 * served on Netty's own HTTP/2 codec ({@link GrpcExportHandler}), so no second (grpc-java's) Netty
 * is on the class path. Each connection is one source, so the records of its requests stay in order. The event loop decodes a request and maps its records to schema v1 JSON
 * (docs/otel.md); the pipeline's workers read that back with the schema v1 decoder. Requests are
 * answered only once their records are in the pipeline, so an exporter that got 200 can forget them. A
 * record that cannot be mapped is dead-lettered in its place ({@link UnmappedRecord}) and counted in
 * {@code sluice_input_otlp_records_unmapped_total}; the answer is then a partial success.
 */
public final class OtlpInput extends ListeningInput {
    private final String id;
    private final ServerSettings settings;
    private final TlsContextSource tls;
    private final int maxRequestBytes;
    private final long retryAfterSeconds;
    private final String service;
    /** Shared by every connection's {@link RecordPublisher}: its string caches are thread-safe, ~50 KiB each. */
    private final EventEncoder encoder = new EventEncoder();

    OtlpInput(String id, Options options) {
        this.id = id;
        this.tls = TlsContextSource.from(options.get(TlsOptions.SERVER_BLOCK), "h2", "http/1.1");
        this.settings = new ServerSettings(options.get(OtlpInputPlugin.LISTEN),
                options.get(NetOptions.MAX_CONNECTIONS), options.get(NetOptions.IDLE_TIMEOUT), tls);
        this.maxRequestBytes = (int) Math.min(Integer.MAX_VALUE, options.get(OtlpInputPlugin.MAX_REQUEST_BYTES));
        this.retryAfterSeconds = Math.max(1, options.get(OtlpInputPlugin.RETRY_AFTER).toSeconds());
        this.service = options.get(NetOptions.SERVICE);
    }

    @Override
    public void start(InputContext context) throws Exception {
        if (tls != null) tls.load(); // bad certificate files fail the start, not the first connection
        Counter rejected = context.meters().counter("sluice.input.connections.rejected", "input", id);
        Counter throttled = context.meters().counter("sluice.input.requests.throttled", "input", id);
        Counter unmapped = context.meters().counter("sluice.input.otlp.records.unmapped", "input", id);
        OtlpToEvent mapper = new OtlpToEvent("otlp", service == null ? SchemaV1.UNKNOWN_SERVICE : service,
                LocalHost.name());
        NetServer s = new NetServer("otlp " + id, settings, ch -> connect(ch, context, mapper, unmapped, throttled, context.heldBytes()),
                rejected::increment);
        listen(s);
    }

    private void connect(SocketChannel ch, InputContext context, OtlpToEvent mapper, Counter unmapped, Counter throttled,
                         HeldBytes held) {
        String name = "otlp " + Addresses.describe(ch.remoteAddress());
        RecordPublisher publisher = new RecordPublisher(context.openSource(spec(name, context.decodeOptions())), mapper,
                encoder, unmapped);
        ch.closeFuture().addListener(f -> publisher.close()); // on the event loop, like every publish
        ch.pipeline().addLast("sniff", new ProtocolSniffer(name,
                p -> http(p.addLast("http", new HttpServerCodec()), name, publisher, throttled, held),
                p -> http2(p, name, publisher, throttled, held)));
    }

    /** OTLP/HTTP over HTTP/1.1 on the connection itself, or on one HTTP/2 stream after it is converted. */
    private void http(ChannelPipeline p, String name, RecordPublisher publisher, Counter throttled, HeldBytes held) {
        p.addLast("gunzip", new HttpContentDecompressor(0))
                // after gunzip, so the limit and the charge hold for what the body expands to
                .addLast("held", new HeldRequestBody(held, maxRequestBytes, "aggregate",
                        () -> new HttpObjectAggregator(maxRequestBytes), retryAfterSeconds, throttled::increment))
                .addLast("aggregate", new HttpObjectAggregator(maxRequestBytes))
                .addLast("otlp", new OtlpHttpHandler(name, publisher, retryAfterSeconds, throttled::increment));
    }

    /** HTTP/2: each stream is a gRPC call or an OTLP/HTTP request, by its Content-Type. */
    private void http2(ChannelPipeline p, String name, RecordPublisher publisher, Counter throttled, HeldBytes held) {
        p.addLast("h2", Http2FrameCodecBuilder.forServer().build())
                .addLast("streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new StreamDispatcher(
                                grpc -> grpc.addLast(new GrpcExportHandler(name, publisher, maxRequestBytes,
                                        retryAfterSeconds, throttled::increment, held)),
                                http -> http(http.addLast(new Http2StreamFrameToHttpObjectCodec(true)), name,
                                        publisher, throttled, held)));
                    }
                }))
                .addLast("idle-close", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                        if (evt instanceof IdleStateEvent) ctx.close();
                        else super.userEventTriggered(ctx, evt);
                    }
                });
    }

    private static SourceSpec spec(String name, DecodeOptions options) {
        RecordDecoder.Factory decoders = () -> new OtlpRecordDecoder(new SchemaV1Decoder(new JsonRecordDecoder(options, true)));
        return SourceSpec.of(name, "otlp", decoders);
    }

    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return spec("otlp fixture", context.decodeOptions());
    }
}
