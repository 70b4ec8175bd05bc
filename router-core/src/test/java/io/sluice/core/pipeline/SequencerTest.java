package io.sluice.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SequencerTest {
    @Test
    void holdsABatchBackUntilEveryEarlierOneArrived() throws Exception {
        List<String> out = new ArrayList<>();
        Sequencer<String> sequencer = new Sequencer<>(out::add);

        sequencer.offer(2, "c");
        sequencer.offer(1, "b");
        assertThat(out).as("batch 0 has not arrived").isEmpty();

        sequencer.offer(0, "a");
        assertThat(out).containsExactly("a", "b", "c");

        sequencer.offer(3, "d");
        assertThat(out).containsExactly("a", "b", "c", "d");
    }

    @Test
    void releasesInNumberOrderWhatManyThreadsFinishInAnyOrder() throws Exception {
        int batches = 10_000;
        List<Integer> numbers = new ArrayList<>(IntStream.range(0, batches).boxed().toList());
        Collections.shuffle(numbers);
        List<Integer> out = new CopyOnWriteArrayList<>();
        Sequencer<Integer> sequencer = new Sequencer<>(out::add);
        int threads = 4;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int first = t;
            new Thread(() -> {
                try {
                    for (int i = first; i < batches; i += threads) sequencer.offer(numbers.get(i), numbers.get(i));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsExactlyElementsOf(IntStream.range(0, batches).boxed().toList());
    }
}
