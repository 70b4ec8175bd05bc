package io.sluice.inputs.tcp;

import io.micrometer.core.instrument.Counter;
import io.netty.channel.socket.SocketChannel;
import io.sluice.api.framing.LineDelimiters;
import java.time.Duration;

import io.sluice.api.framing.FramingOptions;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.RecordFormats;
import io.sluice.api.tls.TlsOptions;
import io.sluice.inputs.multiline.MultilineOptions;
import io.sluice.inputs.multiline.MultilineSettings;
import io.sluice.inputs.multiline.StackTraces;
import io.sluice.inputs.net.Addresses;
import io.sluice.inputs.net.ConnectionCloses;
import io.sluice.inputs.net.LineFraming;
import io.sluice.inputs.net.LineFramingHandler;
import io.sluice.inputs.net.NulFramingDetector;
import io.sluice.inputs.net.NetOptions;
import io.sluice.inputs.net.ListeningInput;
import io.sluice.inputs.net.NetServer;
import io.sluice.inputs.net.ServerSettings;
import io.sluice.inputs.net.SourcePublisher;
import io.sluice.inputs.net.TlsContextSource;

/**
 * Reads newline-delimited records from TCP connections: one {@link Source} per connection (named
 * {@code tcp <peer address>}), so each connection's lines stay in order. The event loop only cuts
 * lines (joins a stack trace's lines per connection when {@code multiline} is set) and copies them
 * into batches; JSON and text are parsed by the pipeline's workers.
 *
 * <p>With a {@code tls} block the listener speaks TLS (optionally verifying client certificates).
 *
 * <p>Plain TCP cannot be acknowledged: the sender learns nothing about delivery, so records read but
 * not yet delivered when Sluice stops abruptly are lost. Backpressure still reaches the sender: when
 * the pipeline is full the input stops reading and the sender's writes block.
 */
public final class TcpInput extends ListeningInput {
    private final String id;
    private final ServerSettings settings;
    private final TlsContextSource tls;
    private final int maxLineBytes;
    private final String format;
    private final String service;
    private final boolean keepOriginal;
    /** The zone of times without an offset, or null for the pipeline's (UTC). */
    private final String timezone;
    private final MultilineSettings multiline;
    private final Duration partialLineTimeout;

    TcpInput(String id, Options options) {
        this.id = id;
        this.tls = TlsContextSource.from(options.get(TlsOptions.SERVER_BLOCK));
        this.settings = new ServerSettings(options.get(TcpInputPlugin.LISTEN),
                options.get(NetOptions.MAX_CONNECTIONS), options.get(NetOptions.IDLE_TIMEOUT), tls);
        this.maxLineBytes = (int) (long) options.get(FramingOptions.MAX_LINE_BYTES);
        this.format = options.get(RecordFormats.STANDARD_FORMAT);
        this.timezone = options.get(RecordFormats.TIMEZONE);
        this.service = options.get(NetOptions.SERVICE);
        this.keepOriginal = options.get(NetOptions.KEEP_ORIGINAL);
        this.multiline = MultilineOptions.streamSettings(options.get(MultilineOptions.STREAM_BLOCK));
        this.partialLineTimeout = options.get(NetOptions.PARTIAL_LINE_TIMEOUT);
    }

    @Override
    public void start(InputContext context) throws Exception {
        if (tls != null) tls.load(); // bad certificate files fail the start, not the first connection
        RecordDecoder.Factory decoders = decoders(context);
        Counter truncated = context.meters().counter("sluice.input.records.truncated", "input", id);
        Counter rejected = context.meters().counter("sluice.input.connections.rejected", "input", id);
        Counter empty = context.meters().counter("sluice.input.lines.empty", "input", id);
        LineFraming framing = new LineFraming(maxLineBytes, LineDelimiters.NEWLINE, context.heldBytes(), partialLineTimeout,
                truncated::increment, ConnectionCloses.counter(context, id, ConnectionCloses.PARTIAL_LINE_TIMEOUT));
        Runnable idleClosed = ConnectionCloses.counter(context, id, ConnectionCloses.IDLE_TIMEOUT);
        NetServer s = new NetServer("tcp " + id, settings, ch -> connect(ch, context, decoders, framing, empty, idleClosed),
                rejected::increment);
        listen(s);
    }

    private void connect(SocketChannel ch, InputContext context, RecordDecoder.Factory decoders, LineFraming framing,
                         Counter empty, Runnable idleClosed) {
        String name = "tcp " + Addresses.describe(ch.remoteAddress());
        Source source = context.openSource(spec(name, decoders));
        ch.pipeline().addLast("detect", new NulFramingDetector(delimiters ->
                new LineFramingHandler(framing.delimitedBy(delimiters), source::newBatch)
                        .countingEmpty(empty::increment).joining(multiline), framing.account()));
        ch.pipeline().addLast("publisher", new SourcePublisher(source, name, idleClosed));
    }

    private SourceSpec spec(String name, RecordDecoder.Factory decoders) {
        return SourceSpec.of(name, "tcp", decoders).withDefaultService(service).withKeepOriginal(keepOriginal);
    }

    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return spec("tcp fixture", decoders(context));
    }

    @Override
    public java.util.List<byte[]> warmUpRecords() {
        return io.sluice.api.warmup.SampleRecords.forFormat(format);
    }

    /** The format's decoders; with multiline on, a joined stack trace then moves to {@code error.stack_trace}. */
    private RecordDecoder.Factory decoders(InputContext context) {
        RecordDecoder.Factory d = RecordFormats.STANDARD.decoders(format, context.decodeOptions().inZone(timezone));
        return multiline == null ? d : StackTraces.after(d);
    }
}
