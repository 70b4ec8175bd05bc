package io.sluice.bench;

import io.sluice.core.buffer.BoundedQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buffer hand-off between two threads as a sink's memory buffer sees it: the benchmark thread puts
 * batches (512 events, about 110 KiB encoded, as the workers do) into a {@link BoundedQueue} of the
 * default 16 MiB, a consumer thread takes groups with the default sink batching (1000 events,
 * 4 MiB, 200 ms). Reported per batch; the queue's bound makes the producer wait for the consumer,
 * so this is the hand-off rate, not the put rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx256m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HandoffBenchmark {
    /** A batch as the queue sees it: its size in bytes and its event count. */
    record Batch(long bytes, int events) {}

    private static final Batch BATCH = new Batch(512 * 220, 512);
    private BoundedQueue<Batch> queue;
    private Thread consumer;
    private final AtomicLong taken = new AtomicLong();

    @Setup(Level.Iteration)
    public void start() {
        queue = new BoundedQueue<>(16L * 1024 * 1024, Batch::bytes, Batch::events);
        consumer = new Thread(() -> {
            try {
                while (true) {
                    List<Batch> group = queue.takeGroup(100, 200, 1000, 4L * 1024 * 1024);
                    if (group.isEmpty() && queue.size() == 0 && closed()) return;
                    taken.addAndGet(group.size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    private volatile boolean closing;

    private boolean closed() {
        return closing;
    }

    @Benchmark
    public boolean putTakeGroup() throws InterruptedException {
        return queue.put(BATCH);
    }

    @TearDown(Level.Iteration)
    public void stop() throws InterruptedException {
        closing = true;
        queue.close();
        consumer.join(5000);
        closing = false;
    }
}
