package io.sluice.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.sluice.api.plugin.RawBatch;
import io.sluice.inputs.net.LineFraming;
import io.sluice.inputs.net.LineFramingHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;

/**
 * Line framing as the tcp and syslog inputs run it on the event loop: {@link LineFramingHandler} in a Netty
 * {@link EmbeddedChannel}, fed 64 KiB reads of S3 lines (so lines straddle reads), batches of 512
 * records passed on. Reported per line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class FramingBenchmark {
    private static final int LINES = 4096;
    private static final int READ = 64 * 1024;
    private EmbeddedChannel channel;
    private ByteBuf[] reads;
    private long framed;

    @Setup
    public void setup() {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(42);
        for (int i = 0; i < LINES; i++) sb.append(Data.syslogLine(i, r)).append('\n');
        byte[] all = Data.utf8(sb.toString());
        int n = (all.length + READ - 1) / READ;
        reads = new ByteBuf[n];
        for (int i = 0; i < n; i++) {
            int from = i * READ;
            reads[i] = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(all, from, Math.min(READ, all.length - from)));
        }
        channel = new EmbeddedChannel(
                new LineFramingHandler(LineFraming.lines(8192, false, () -> { }), () -> new RawBatch(512, 256 * 1024)),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        framed += ((RawBatch) msg).size(); // the pipeline's publish() would take it here
                    }
                });
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void lineFramer(Blackhole bh) {
        for (ByteBuf b : reads) {
            b.readerIndex(0);
            channel.writeInbound(b);
        }
        bh.consume(framed);
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }
}
