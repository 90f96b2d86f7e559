package io.hami.scheduler.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.NodeLockKind;
import io.hami.scheduler.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting in line for a node lock: woken by release signals, in arrival order, bounded, cancelled by deletions. */
class NodeLockQueueTest {

    static final String HOLDER_LOCK = "2026-11-28T09:59:00Z,ns,holder";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    final FakeLockApi api = new FakeLockApi().node("n1", HOLDER_LOCK).node("n2").pod("ns", "holder");
    final List<String> observed = new CopyOnWriteArrayList<>();
    final NodeLockQueue queue = new NodeLockQueue(new NodeLocks(api, clock, Duration.ofMinutes(5),
            Backoff.hami(new Random(1), d -> { })), (elapsed, outcome) -> observed.add(outcome));

    static PodRef pod(String name) {
        return new PodRef("ns", name);
    }

    Future<String> acquireInBackground(String node, String name, Duration wait) {
        var task = new FutureTask<>(() -> {
            try {
                queue.acquire(node, pod(name), wait);
                return "";
            } catch (NodeLockException e) {
                return e.getMessage();
            }
        });
        Thread.ofVirtual().start(task);
        return task;
    }

    void awaitWaiting(String node, int count) throws InterruptedException {
        assertThat(queue.awaitWaiting(node, count, Duration.ofSeconds(20)))
                .as(() -> count + " waiters expected on " + node + ", " + queue.waiting(node) + " in line").isTrue();
    }

    /** The device plugin's release after Allocate, and the informer's update that shows it. */
    void deviceReleases(String node) {
        api.node(node, null);
        queue.mayBeFree(node);
    }

    @Test
    void aWaitingBindTakesTheLockRightAfterTheReleaseSignal() throws Exception {
        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        int reads = api.reads.get();
        Thread.sleep(50);
        assertThat(api.reads.get()).as("a waiter does not poll").isEqualTo(reads);
        assertThat(waiting.isDone()).isFalse();

        deviceReleases("n1");
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(api.lock("n1")).isEqualTo("2026-11-28T10:00:00Z,ns,p");
        assertThat(observed).containsExactly("acquired");
        assertThat(queue.waiting("n1")).isZero();
    }

    @Test
    void waitersTakeTheLockInArrivalOrder() throws Exception {
        List<Future<String>> binds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            api.pod("ns", "w" + i);
            binds.add(acquireInBackground("n1", "w" + i, Duration.ofMinutes(10)));
            awaitWaiting("n1", i + 1);
        }
        for (int i = 0; i < 5; i++) {
            // the release is seen before the lock holder's own bind left the line, or after: both hand it on
            deviceReleases("n1");
            assertThat(binds.get(i).get(20, TimeUnit.SECONDS)).isEmpty();
            assertThat(api.lock("n1")).endsWith(",ns,w" + i);
            for (int later = i + 1; later < 5; later++) {
                assertThat(binds.get(later).isDone()).as("w" + later + " after w" + i).isFalse();
            }
        }
    }

    @Test
    void aBindArrivingAfterTheHolderWaitsForItsRelease() throws Exception {
        api.node("n1", null).pod("ns", "a");
        // the first bind takes the free lock; the second queues behind it
        Future<String> first = acquireInBackground("n1", "a", Duration.ofMinutes(10));
        assertThat(first.get(20, TimeUnit.SECONDS)).isEmpty();
        Future<String> second = acquireInBackground("n1", "b", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        deviceReleases("n1");
        assertThat(second.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(api.lock("n1")).endsWith(",ns,b");
    }

    @Test
    void theDeadlineAnswersContentionAndStealsNothing() throws Exception {
        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMillis(150));
        assertThat(waiting.get(20, TimeUnit.SECONDS))
                .isEqualTo("timed out after 150ms waiting for node n1 to be unlocked: node lock contention");
        assertThat(api.lock("n1")).isEqualTo(HOLDER_LOCK);
        assertThat(queue.waiting("n1")).isZero();
        assertThat(observed).containsExactly("timeout");
    }

    @Test
    void aZeroWaitFailsAtOnceWithoutQueueing() {
        assertThatThrownBy(() -> queue.acquire("n1", pod("p"), Duration.ZERO))
                .isInstanceOf(NodeLockException.class).hasMessageContaining("node lock contention")
                .hasMessageContaining("has been locked within 5m0s");
        assertThat(queue.waiting("n1")).isZero();
        assertThat(observed).isEmpty();
        assertThat(api.lock("n1")).isEqualTo(HOLDER_LOCK);
    }

    @Test
    void aDeletedPodStopsWaitingAndTheNextOneMovesUp() throws Exception {
        Future<String> first = acquireInBackground("n1", "gone", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        Future<String> second = acquireInBackground("n1", "next", Duration.ofMinutes(10));
        awaitWaiting("n1", 2);
        queue.podGone(pod("gone"));
        assertThat(first.get(20, TimeUnit.SECONDS))
                .isEqualTo("pod ns/gone was deleted while waiting for the lock on node n1");
        awaitWaiting("n1", 1);
        assertThat(second.isDone()).isFalse();
        deviceReleases("n1");
        assertThat(second.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(observed).containsExactly("cancelled", "acquired");
    }

    @Test
    void aDeletedNodeEndsItsWaits() throws Exception {
        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        queue.nodeGone("n1");
        assertThat(waiting.get(20, TimeUnit.SECONDS))
                .isEqualTo("node n1 was deleted while waiting for the lock on node n1");
    }

    @Test
    void theHeadTriesAgainWhenTheHeldLockExpires() throws Exception {
        // held since 09:55:01 with a 5 min expiry: it expires 1 s after 10:00, when the lock may be taken over
        api.node("n1", "2026-11-28T09:55:01Z,ns,holder");
        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(api.lock("n1")).endsWith(",ns,p");
    }

    @Test
    void differentNodesDoNotWaitForEachOther() throws Exception {
        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        queue.acquire("n2", pod("q"), Duration.ofMinutes(10));
        assertThat(api.lock("n2")).endsWith(",ns,q");
        assertThat(waiting.isDone()).isFalse();
        queue.nodeGone("n1");
        assertThat(waiting.get(20, TimeUnit.SECONDS)).contains("was deleted");
    }

    @Test
    void aLineIsDroppedWhenItsLastWaiterLeaves() throws Exception {
        Future<String> timedOut = acquireInBackground("n1", "late", Duration.ofMillis(100));
        assertThat(timedOut.get(20, TimeUnit.SECONDS)).contains("timed out");
        assertThat(queue.lines()).as("after a timeout").isZero();

        Future<String> waiting = acquireInBackground("n1", "p", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        assertThat(queue.lines()).isEqualTo(1);
        deviceReleases("n1");
        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(queue.lines()).as("after the lock was taken").isZero();

        api.node("n1", HOLDER_LOCK);
        Future<String> gone = acquireInBackground("n1", "gone", Duration.ofMinutes(10));
        awaitWaiting("n1", 1);
        queue.podGone(pod("gone"));
        assertThat(gone.get(20, TimeUnit.SECONDS)).contains("was deleted");
        assertThat(queue.lines()).as("after a cancelled wait").isZero();
    }

    @Test
    void bindsTakingAndReleasingOneLockAllGetThroughWithoutPolling() throws Exception {
        // Lines are emptied, dropped and made afresh all the time; a wake-up lost on the way leaves a bind waiting
        // out its deadline.
        int threads = 8;
        int rounds = 40;
        List<Future<String>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "c" + t;
            api.pod("ns", name);
            var task = new FutureTask<>(() -> {
                for (int r = 0; r < rounds; r++) {
                    queue.acquire("n2", pod(name), Duration.ofSeconds(15));
                    queue.release("n2", pod(name));
                }
                return name;
            });
            Thread.ofVirtual().start(task);
            workers.add(task);
        }
        for (Future<String> worker : workers) {
            assertThat(worker.get(60, TimeUnit.SECONDS)).startsWith("c");
        }
        assertThat(observed).doesNotContain("timeout", "error", "cancelled");
        assertThat(queue.lines()).isZero();
        assertThat(api.lock("n2")).isNull();
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> queue.acquire("n1", pod("p"), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the wait for the lock on node n1 must not be negative: PT-1S");
        assertThat(queue.lines()).isZero();
    }

    @Test
    void aBindWaitingForCambriconsLockWakesWhenThatKeyGoesAndOnlyThen() throws Exception {
        api.node("n2", "cambricon.com/dsmlu.lock", "2026-11-28T09:59:30Z");
        var task = new FutureTask<>(() -> {
            try {
                queue.acquire("n2", pod("p"), EnumSet.of(NodeLockKind.HAMI, NodeLockKind.CAMBRICON_DSMLU),
                        Duration.ofMinutes(10));
                return "";
            } catch (NodeLockException e) {
                return e.getMessage();
            }
        });
        Thread.ofVirtual().start(task);
        awaitWaiting("n2", 1);
        assertThat(api.lock("n2")).as("the hami lock is not held while waiting").isNull();
        int reads = api.reads.get();
        queue.mayBeFree("n2", NodeLockKind.HAMI);
        Thread.sleep(50);
        assertThat(api.reads.get()).as("a release of the other key does not wake it").isEqualTo(reads);

        api.node("n2", "cambricon.com/dsmlu.lock", null);
        queue.mayBeFree("n2", NodeLockKind.CAMBRICON_DSMLU);
        assertThat(task.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(api.lock("n2")).isEqualTo("2026-11-28T10:00:00Z,ns,p");
        assertThat(api.lock("n2", "cambricon.com/dsmlu.lock")).isEqualTo("2026-11-28T10:00:00Z");
    }
}
