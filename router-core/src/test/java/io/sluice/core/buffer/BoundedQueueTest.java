package io.sluice.core.buffer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sink's memory buffer with a taker that is not woken by every put: a group must still end as
 * soon as it is complete or its delay is over, a writer must never wait for the group's deadline,
 * and a forming group must not leave more than half the buffer queued (the buffer's gauge and
 * health). Every group here has a deadline of a minute, so a taker nobody wakes shows up as a
 * hang (a 20 s bound), not as a timing.
 */
class BoundedQueueTest {
    record Item(String name, long bytes, int events) {}

    private static final long MINUTE = 60_000;
    private static final long HANG = 20;

    private final ExecutorService taker = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopTaker() {
        taker.shutdownNow();
    }

    private Future<List<Item>> takeGroup(BoundedQueue<Item> q, int maxItems, long maxBytes) {
        return taker.submit(() -> q.takeGroup(MINUTE, MINUTE, maxItems, maxBytes));
    }

    /**
     * Puts {@code first}, starts a taker, and returns once it took it (put before it started, so it takes
     * it at once): the taker then waits (the lock is free) with a partial group.
     */
    private Future<List<Item>> formingGroup(BoundedQueue<Item> q, Item first, int maxItems, long maxBytes)
            throws InterruptedException {
        q.put(first);
        Future<List<Item>> group = takeGroup(q, maxItems, maxBytes);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
        while (q.size() > 0 && System.nanoTime() < end) Thread.sleep(1);
        assertThat(q.size()).as("the taker took the first item").isZero();
        return group;
    }

    @Test
    void aGroupEndsWhenTheQueueHoldsWhatCompletesItNotAtItsDeadline() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1 << 20, Item::bytes, Item::events);
        Item a = new Item("a", 100, 400), b = new Item("b", 100, 400), c = new Item("c", 100, 400);
        Future<List<Item>> group = formingGroup(q, a, 1000, 1 << 20);
        q.put(b); // 800 events: not complete, the taker may sleep on
        q.put(c); // c does not fit: the group is a, b
        assertThat(group.get(HANG, TimeUnit.SECONDS)).containsExactly(a, b);
        assertThat(q.size()).as("c waits for the next group").isEqualTo(1);
        assertThat(q.bytes()).isEqualTo(100);

        Future<List<Item>> next = takeGroup(q, 800, 1 << 20);
        Item d = new Item("d", 100, 400);
        q.put(d); // 800 events: exactly the limit
        assertThat(next.get(HANG, TimeUnit.SECONDS)).containsExactly(c, d);
    }

    @Test
    void aGroupEndsWhenTheQueueHoldsItsBytes() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1 << 20, Item::bytes, Item::events);
        Item a = new Item("a", 400, 1), b = new Item("b", 400, 1), c = new Item("c", 400, 1);
        Future<List<Item>> group = formingGroup(q, a, 1000, 1000);
        q.put(b);
        q.put(c);
        assertThat(group.get(HANG, TimeUnit.SECONDS)).containsExactly(a, b);
    }

    @Test
    void aWriterThatFindsTheQueueFullHasTheFormingGroupTakeWhatIsQueued() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1000, Item::bytes, Item::events);
        Future<List<Item>> group = formingGroup(q, new Item("a", 300, 1), 1000, 1 << 20);
        q.put(new Item("b", 300, 1)); // less than half the queue: stays queued
        Future<Boolean> blocked = CompletableFuture.supplyAsync(() -> {
            try {
                return q.put(new Item("c", 800, 1)); // does not fit next to b
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(blocked.get(HANG, TimeUnit.SECONDS)).as("the put went in once the taker took b").isTrue();
        q.close();
        assertThat(group.get(HANG, TimeUnit.SECONDS)).extracting(Item::name).containsExactly("a", "b", "c");
    }

    @Test
    void aFormingGroupLeavesAtMostHalfTheQueueQueued() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1000, Item::bytes, Item::events);
        Future<List<Item>> group = formingGroup(q, new Item("a", 100, 1), 1000, 1 << 20);
        q.put(new Item("b", 200, 1));
        q.put(new Item("c", 200, 1));
        q.put(new Item("d", 200, 1)); // 600 bytes queued: more than half
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
        while (q.bytes() > 0 && System.nanoTime() < end) Thread.sleep(1);
        assertThat(q.bytes()).as("the forming group took what was queued").isZero();
        assertThat(group.isDone()).as("the group is not complete: it waits for more").isFalse();
        q.close();
        assertThat(group.get(HANG, TimeUnit.SECONDS)).extracting(Item::name).containsExactly("a", "b", "c", "d");
    }

    /** A taker started on an empty queue, returned once it sleeps waiting for a first item. */
    private Future<List<Item>> sleepingTaker(BoundedQueue<Item> q, long maxDelayMillis) throws InterruptedException {
        AtomicReference<Thread> thread = new AtomicReference<>(); // read by this thread while the taker runs
        Future<List<Item>> group = taker.submit(() -> {
            thread.set(Thread.currentThread());
            return q.takeGroup(MINUTE, maxDelayMillis, 1000, 1 << 20);
        });
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG);
        while ((thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        return group;
    }

    @Test
    void aLoneItemGoesWhenItsGroupDelayEndsThoughTheTakerWaitsLongerForAFirstOne() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1 << 20, Item::bytes, Item::events);
        Future<List<Item>> group = sleepingTaker(q, 50); // a first item within a minute, then 50 ms for more
        Item a = new Item("a", 100, 1);
        q.put(a); // the taker sleeps for a minute unless this wakes it
        assertThat(group.get(HANG, TimeUnit.SECONDS)).containsExactly(a);
    }

    @Test
    void aTakerWaitingForAFirstItemGetsTheGroupThePutsComplete() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1 << 20, Item::bytes, Item::events);
        Future<List<Item>> group = sleepingTaker(q, MINUTE);
        Item a = new Item("a", 100, 400), b = new Item("b", 100, 400), c = new Item("c", 100, 400);
        q.put(a);
        q.put(b);
        q.put(c);
        assertThat(group.get(HANG, TimeUnit.SECONDS)).containsExactly(a, b);
    }

    @Test
    void closingEndsAFormingGroup() throws Exception {
        BoundedQueue<Item> q = new BoundedQueue<>(1000, Item::bytes, Item::events);
        Future<List<Item>> group = formingGroup(q, new Item("a", 100, 1), 1000, 1 << 20);
        q.close();
        assertThat(group.get(HANG, TimeUnit.SECONDS)).extracting(Item::name).containsExactly("a");
        assertThat(q.put(new Item("b", 100, 1))).as("a closed queue takes nothing").isFalse();
    }
}
