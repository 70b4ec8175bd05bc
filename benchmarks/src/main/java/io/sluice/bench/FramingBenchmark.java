package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.api.framing.LineDelimiters;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.net.LineFraming;
import io.sluice.inputs.net.LineFramingHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;

/**
 * Line framing as the tcp and syslog inputs run it on the event loop: {@link LineFramingHandler} in a Netty
 * {@link EmbeddedChannel}, fed 64 KiB reads of S1 (JSON) or S3 (RFC 5424) lines (so lines straddle
 * reads), raw batches of up to 256 KiB passed on. Reported per line. The reads are direct buffers, as a
 * socket read fills them ({@code heap}: wrapped arrays, which the framer reads in place).
 *
 * <p>The handler leaves a read's whole lines uncut for the worker: {@code part=eventLoop} measures only what the
 * event loop does (the batches' lines are not cut), {@code part=eventLoopAndWorker} also cuts each batch's
 * lines ({@link RawBatch#cutLines}, what the worker does first) on the same thread; the difference is the
 * worker's share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FramingBenchmark {
    static final int LINES = 4096;
    private static final int READ = 64 * 1024;
    private EmbeddedChannel channel;
    private ByteBuf[] reads;
    private long framed;

    /** The scenario whose lines are framed: S1 (JSON, ~220 bytes) or S3 (RFC 5424, ~185 bytes). */
    @Param({"S1", "S3"})
    public String lines;

    /** What the reads are: {@code direct} (a socket read's buffer) or {@code heap}. */
    @Param({"direct"})
    public String buffers;

    /** {@code eventLoop}: the handler alone; {@code eventLoopAndWorker}: and the worker's cutting of the lines. */
    @Param({"eventLoop", "eventLoopAndWorker"})
    public String part;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(42);
        for (int i = 0; i < LINES; i++) {
            sb.append(lines.equals("S1") ? Data.jsonLine(i, r) : Data.syslogLine(i, r)).append('\n');
        }
        byte[] all = Data.utf8(sb.toString());
        int n = (all.length + READ - 1) / READ;
        reads = new ByteBuf[n];
        for (int i = 0; i < n; i++) {
            int from = i * READ;
            int len = Math.min(READ, all.length - from);
            ByteBuf read = buffers.equals("direct") ? Unpooled.directBuffer(len).writeBytes(all, from, len)
                    : Unpooled.wrappedBuffer(all, from, len);
            reads[i] = Unpooled.unreleasableBuffer(read);
        }
        boolean cut = part.equals("eventLoopAndWorker");
        channel = new EmbeddedChannel(
                new LineFramingHandler(LineFraming.lines(8192, LineDelimiters.NEWLINE, () -> { }), () -> new RawBatch(512, 256 * 1024)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        // the pipeline's publish() would take it here; size() cuts its lines, recordSlots() does not
                        RawBatch batch = (RawBatch) msg;
                        framed += cut ? batch.size() : batch.recordSlots();
                    }
                });
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public long lineFramer() {
        for (ByteBuf b : reads) {
            b.readerIndex(0);
            channel.writeInbound(b);
        }
        return framed;
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }
}
