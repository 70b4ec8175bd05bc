package io.sluice.inputs.otlp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.sluice.api.option.Options;
import io.sluice.api.otel.OtlpToEvent;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
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
 * An OTLP/HTTP logs receiver on the inputs' Netty listener ({@link NetServer}: connection limit,
 * idle timeout, TLS and mutual TLS). Each connection is one source, so the records of its requests
 * stay in order. The event loop decodes a request and maps its records to schema v1 JSON
 * (docs/otel.md); the pipeline's workers read that back with the schema v1 decoder. Requests are
 * answered only once their records are in the pipeline, so an exporter that got 200 can forget them.
 */
public final class OtlpInput extends ListeningInput {
    private final String id;
    private final ServerSettings settings;
    private final TlsContextSource tls;
    private final int maxRequestBytes;
    private final long retryAfterSeconds;
    private final String service;

    OtlpInput(String id, Options options) {
        this.id = id;
        this.tls = TlsContextSource.from(options.get(TlsOptions.SERVER_BLOCK));
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
        OtlpToEvent mapper = new OtlpToEvent("otlp", service == null ? SchemaV1.UNKNOWN_SERVICE : service,
                LocalHost.name());
        NetServer s = new NetServer("otlp " + id, settings, ch -> connect(ch, context, mapper, throttled),
                rejected::increment);
        listen(s);
    }

    private void connect(SocketChannel ch, InputContext context, OtlpToEvent mapper, Counter throttled) {
        String name = "otlp " + Addresses.describe(ch.remoteAddress());
        RecordPublisher publisher = new RecordPublisher(context.openSource(spec(name, context.decodeOptions())), mapper);
        ch.pipeline().addLast("http", new HttpServerCodec())
                .addLast("gunzip", new HttpContentDecompressor(0))
                // after gunzip, so the limit holds for what the body expands to
                .addLast("aggregate", new HttpObjectAggregator(maxRequestBytes))
                .addLast("otlp", new OtlpHttpHandler(name, publisher, retryAfterSeconds, throttled::increment));
    }

    private static SourceSpec spec(String name, DecodeOptions options) {
        RecordDecoder.Factory decoders = () -> new SchemaV1Decoder(new JsonRecordDecoder(options, true));
        return SourceSpec.of(name, "otlp", decoders);
    }

    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return spec("otlp fixture", context.decodeOptions());
    }
}
