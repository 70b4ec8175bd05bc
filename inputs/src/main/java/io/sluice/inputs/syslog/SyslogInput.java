package io.sluice.inputs.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.socket.SocketChannel;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.option.Options;
import io.sluice.api.plugin.Input;
import io.sluice.api.plugin.InputContext;
import io.sluice.api.plugin.RecordDecoder;
import io.sluice.api.plugin.Source;
import io.sluice.api.plugin.SourceSpec;
import io.sluice.api.schema.DecodeOptions;
import io.sluice.api.tls.TlsOptions;
import io.sluice.inputs.multiline.MultilineOptions;
import io.sluice.inputs.multiline.MultilineSettings;
import io.sluice.inputs.multiline.StackTraces;
import io.sluice.inputs.net.Addresses;
import io.sluice.inputs.net.DatagramReceiver;
import io.sluice.inputs.net.ConnectionCloses;
import io.sluice.inputs.net.KernelDropWatch;
import io.sluice.inputs.net.LineFraming;
import io.sluice.inputs.net.LineFramingHandler;
import io.sluice.inputs.net.NetOptions;
import io.sluice.inputs.net.NetServer;
import io.sluice.inputs.net.SenderJoiners;
import io.sluice.inputs.net.ServerSettings;
import io.sluice.inputs.net.SourcePublisher;
import io.sluice.inputs.net.TlsContextSource;
import io.sluice.inputs.net.UdpServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Receives syslog over UDP (one {@link Source} for the listener) and TCP or TLS (one per
 * connection, framing detected per connection). The event loops only frame; {@link SyslogDecoder}
 * parses on the pipeline's workers.
 */
public final class SyslogInput implements Input {
    /**
     * UDP senders with an event being joined at most: beyond it, the least recently heard sender's
     * event is sent as it is. What each keeps is charged to the held-bytes account (see SenderJoiners).
     */
    static final int MAX_PENDING_UDP_SENDERS = 1024;

    private final String id;
    private final InetSocketAddress listen;
    private final List<String> protocols;
    private final int maxMessageBytes;
    private final Integer receiveBuffer;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final TlsContextSource tls;
    private final String timezone;
    private final SyslogDecoder.MessageParsing parsing;
    private final boolean firstWordTag;
    private final MultilineSettings multiline;
    private final boolean deadLetterInvalid;
    private final String service;
    private final boolean keepOriginal;
    private volatile NetServer tcp;
    private volatile UdpServer udp;
    private volatile KernelDropWatch kernelDrops;
    private final Duration partialLineTimeout;

    SyslogInput(String id, Options o) {
        this.id = id;
        this.listen = o.get(SyslogInputPlugin.LISTEN);
        this.protocols = o.get(SyslogInputPlugin.PROTOCOLS);
        this.maxMessageBytes = (int) (long) o.get(SyslogInputPlugin.MAX_MESSAGE_BYTES);
        Long rcvbuf = o.get(SyslogInputPlugin.RECEIVE_BUFFER_BYTES);
        this.receiveBuffer = rcvbuf == null ? null : (int) (long) rcvbuf;
        this.maxConnections = o.get(NetOptions.MAX_CONNECTIONS);
        this.idleTimeout = o.get(NetOptions.IDLE_TIMEOUT);
        this.partialLineTimeout = o.get(NetOptions.PARTIAL_LINE_TIMEOUT);
        this.tls = TlsContextSource.from(o.get(TlsOptions.SERVER_BLOCK));
        this.timezone = o.get(SyslogInputPlugin.TIMEZONE);
        this.parsing = SyslogDecoder.MessageParsing.valueOf(o.get(SyslogInputPlugin.PARSE_MESSAGE).toUpperCase(Locale.ROOT));
        this.firstWordTag = o.get(SyslogInputPlugin.RFC3164_TAG).equals("first_word");
        this.multiline = MultilineOptions.streamSettings(o.get(MultilineOptions.STREAM_BLOCK));
        this.deadLetterInvalid = o.get(SyslogInputPlugin.ON_INVALID).equals("dead_letter");
        this.service = o.get(NetOptions.SERVICE);
        this.keepOriginal = o.get(NetOptions.KEEP_ORIGINAL);
    }

    @Override
    public void start(InputContext context) throws Exception {
        MeterRegistry meters = context.meters();
        RecordDecoder.Factory decoders = decoders(context);
        Counter truncated = meters.counter("sluice.input.records.truncated", "input", id);
        try {
            if (protocols.contains("tcp")) startTcp(context, decoders, truncated);
            if (protocols.contains("udp")) startUdp(context, decoders, truncated);
        } catch (Exception e) {
            stop();
            close();
            throw e;
        }
    }

    private RecordDecoder.Factory decoders(InputContext context) {
        MeterRegistry meters = context.meters();
        DecodeOptions base = context.decodeOptions();
        DecodeOptions options = new DecodeOptions(base.inZone(timezone).zone(), base.onInvalid(), deadLetterInvalid);
        SyslogDecoder.Counters counters = new SyslogDecoder.Counters(
                meters.counter("sluice.input.syslog.records", "input", id, "outcome", "parsed"),
                meters.counter("sluice.input.syslog.records", "input", id, "outcome", "raw"),
                meters.counter("sluice.input.syslog.records", "input", id, "outcome", "rejected"));
        RecordDecoder.Factory syslog = () -> new SyslogDecoder(options, parsing, firstWordTag, counters);
        // with multiline on, a joined stack trace moves to error.stack_trace
        return multiline == null ? syslog : StackTraces.after(syslog);
    }

    @Override
    public SourceSpec fixtureSource(InputContext context) {
        return spec("syslog fixture", decoders(context));
    }

    @Override
    public java.util.List<byte[]> warmUpRecords() {
        return SyslogSamples.RECORDS;
    }

    private void startTcp(InputContext context, RecordDecoder.Factory decoders, Counter truncated) throws Exception {
        if (tls != null) tls.load(); // fail at start, not at the first connection, when the files are wrong
        Counter framingErrors = context.meters().counter("sluice.input.framing.errors", "input", id);
        Counter empty = context.meters().counter("sluice.input.lines.empty", "input", id);
        Counter rejected = context.meters().counter("sluice.input.connections.rejected", "input", id);
        String transport = tls != null ? "syslog-tls " : "syslog-tcp ";
        LineFraming framing = new LineFraming(maxMessageBytes, LineDelimiters.NEWLINE_OR_NUL, context.heldBytes(), partialLineTimeout,
                truncated::increment, ConnectionCloses.counter(context, id, ConnectionCloses.PARTIAL_LINE_TIMEOUT));
        Runnable idleClosed = ConnectionCloses.counter(context, id, ConnectionCloses.IDLE_TIMEOUT);
        NetServer s = new NetServer("syslog " + id, new ServerSettings(listen, maxConnections, idleTimeout, tls),
                ch -> connect(ch, context, decoders, transport, framingErrors, empty, framing, idleClosed),
                rejected::increment);
        tcp = s;
        s.start();
    }

    private void connect(SocketChannel ch, InputContext context, RecordDecoder.Factory decoders, String transport,
                         Counter framingErrors, Counter empty, LineFraming framing,
                         Runnable idleClosed) {
        String name = transport + Addresses.describe(ch.remoteAddress());
        Source source = context.openSource(spec(name, decoders));
        // a stack trace sent a line per message is joined per connection (a relay's connection carries
        // every sender it relays: their lines interleave only if they log at the same moment)
        ch.pipeline().addLast("detect", new SyslogFramingDetector(
                () -> new OctetCountingFramer(framing, source::newBatch, framingErrors::increment, name)
                        .joining(multiline, new SyslogEnvelope(firstWordTag)),
                delimiters -> new LineFramingHandler(framing.delimitedBy(delimiters), source::newBatch)
                        .countingEmpty(empty::increment).joining(multiline, new SyslogEnvelope(firstWordTag)),
                framing.account()));
        ch.pipeline().addLast("publisher", new SourcePublisher(source, name, idleClosed));
    }

    private void startUdp(InputContext context, RecordDecoder.Factory decoders, Counter truncated) throws Exception {
        Counter dropped = droppedDatagrams(context, "pipeline_full");
        Counter droppedByKernel = droppedDatagrams(context, "kernel");
        UdpServer s = new UdpServer("syslog-udp " + id, listen, receiveBuffer);
        udp = s;
        String name = "syslog-udp " + Addresses.describe(listen);
        s.start(ch -> new DatagramReceiver(context.openSource(spec(name, decoders)), name, maxMessageBytes,
                dropped::increment, truncated::increment).joining(senderJoiners(context)));
        kernelDrops = s.watchKernelDrops(droppedByKernel::increment);
    }

    /** A stack trace sent a datagram per line is joined per sender; null without {@code multiline}. */
    private SenderJoiners senderJoiners(InputContext context) {
        if (multiline == null) return null;
        return new SenderJoiners(multiline, new SyslogEnvelope(firstWordTag), context.heldBytes(),
                MAX_PENDING_UDP_SENDERS, new SyslogSenderKey(firstWordTag));
    }

    private Counter droppedDatagrams(InputContext context, String reason) {
        return Counter.builder("sluice.input.datagrams.dropped").tag("input", id).tag("reason", reason)
                .description("datagrams lost: pipeline_full, dropped by Sluice while the pipeline had no room; "
                        + "kernel, dropped by the kernel before Sluice read them (receive buffer full)")
                .register(context.meters());
    }

    /** Degraded while the kernel dropped datagrams within the last minute. */
    @Override
    public String degradedBecause() {
        KernelDropWatch k = kernelDrops;
        return k == null ? null : k.degradedBecause();
    }

    private SourceSpec spec(String name, RecordDecoder.Factory decoders) {
        return SourceSpec.of(name, "syslog", decoders).withDefaultService(service).withKeepOriginal(keepOriginal);
    }

    /** The TCP (or TLS) address listened on; null when TCP is off or not started. */
    public InetSocketAddress tcpAddress() {
        NetServer s = tcp;
        return s == null ? null : s.boundAddress();
    }

    /** The UDP address received on; null when UDP is off or not started. */
    public InetSocketAddress udpAddress() {
        UdpServer s = udp;
        return s == null ? null : s.boundAddress();
    }

    @Override
    public boolean isReady() {
        NetServer t = tcp;
        UdpServer u = udp;
        return (!protocols.contains("tcp") || t != null && t.isListening())
                && (!protocols.contains("udp") || u != null && u.isListening());
    }

    /**
     * TCP stops accepting and reading (connections stay until {@link #close}); UDP closes its socket,
     * publishing the datagrams it holds, as there is no connection to keep.
     */
    @Override
    public void stop() {
        NetServer t = tcp;
        if (t != null) t.stopReading();
        UdpServer u = udp;
        if (u != null) u.stop();
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        NetServer t = tcp;
        boolean ok = t == null || t.awaitReadingStopped(timeout);
        UdpServer u = udp;
        return (u == null || u.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) && ok;
    }

    @Override
    public void close() throws InterruptedException {
        NetServer t = tcp;
        if (t != null) t.close(Duration.ofSeconds(5));
    }
}
