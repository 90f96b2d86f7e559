package io.hami.scheduler.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.NodeLockKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scenarios of HAMi's nodelock_test (docs/scheduler.md, "Filter, bind and the node lock"), against a scripted API
 * server.
 */
class NodeLocksTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    static final PodRef POD_A = new PodRef("ns", "pod-a");
    static final PodRef POD_B = new PodRef("ns", "pod-b");
    static final String NOW = "2026-11-28T10:00:00Z";
    static final String FRESH_B = "2026-11-28T09:59:00Z,ns,pod-b";

    final FakeLockApi api = new FakeLockApi();

    NodeLocks locks(Duration timeout) {
        return new NodeLocks(api, CLOCK, timeout, Backoff.hami(new Random(1), d -> { }));
    }

    NodeLocks locks() {
        return locks(Duration.ofMinutes(5));
    }

    @Test
    void setLockConflictThenAnotherPodsLockIsContentionAfterOnePatch() {
        api.node("n").pod("ns", "pod-b").meanwhile(() -> api.node("n", FRESH_B));
        assertThatThrownBy(() -> locks().lock("n", POD_A)).isInstanceOf(NodeLockException.class)
                .matches(e -> ((NodeLockException) e).contention());
        assertThat(api.lock("n")).isEqualTo(FRESH_B);
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void setLockLostResponseThenOwnLockIsSuccessAfterOnePatch() throws Exception {
        api.node("n").fault(FakeLockApi.WriteFault.LOST_RESPONSE);
        locks().lock("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void releaseConflictThenAnotherPodsLockIsLeftAlone() throws Exception {
        api.node("n", NOW + ",ns,pod-a").meanwhile(() -> api.node("n", FRESH_B));
        locks().release("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(FRESH_B);
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void releaseOfLegacyLockConflictThenOtherLegacyValueIsLeftAlone() throws Exception {
        api.node("n", "2026-08-01T06:00:00Z").meanwhile(() -> api.node("n", "2026-08-01T06:05:00Z"));
        locks().release("n", POD_A);
        assertThat(api.lock("n")).isEqualTo("2026-08-01T06:05:00Z");
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void releaseConflictThenSameOwnerRestampedIsRemovedBySecondPatch() throws Exception {
        api.node("n", "2026-11-28T09:58:00Z,ns,pod-a").meanwhile(() -> api.node("n", "2026-11-28T09:59:00Z,ns,pod-a"));
        locks().release("n", POD_A);
        assertThat(api.lock("n")).isNull();
        assertThat(api.writes).hasValue(2);
    }

    @Test
    void lockOfMissingNodeFails() {
        assertThatThrownBy(() -> locks().lock("gone", POD_A)).isInstanceOf(NodeLockException.class)
                .hasMessageContaining("not found").matches(e -> !((NodeLockException) e).contention());
    }

    @Test
    void freshLockOfAnotherExistingPodIsContentionInOtherAndSameNamespace() {
        api.node("n1", "2026-11-28T09:59:00Z,other,pod-x").pod("other", "pod-x");
        api.node("n2", FRESH_B).pod("ns", "pod-b");
        for (String node : List.of("n1", "n2")) {
            assertThatThrownBy(() -> locks().lock(node, POD_A)).isInstanceOf(NodeLockException.class)
                    .hasMessageContaining("node lock contention");
        }
    }

    @Test
    void unparsableLockIsAnErrorNotContention() {
        api.node("n", "lock");
        assertThatThrownBy(() -> locks().lock("n", POD_A)).isInstanceOf(NodeLockException.class)
                .matches(e -> !((NodeLockException) e).contention());
        assertThat(api.lock("n")).isEqualTo("lock");
    }

    @Test
    void unlockedNodeIsLocked() throws Exception {
        api.node("n");
        locks().lock("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
    }

    @Test
    void contentionMessageNamesTheTimeoutAsGoDoes() {
        api.node("n", FRESH_B).pod("ns", "pod-b");
        assertThatThrownBy(() -> locks(Duration.ofMinutes(2)).lock("n", POD_A))
                .hasMessageContaining("has been locked within 2m0s");
    }

    @Test
    void freshLockOfDeletedPodIsTakenOver() throws Exception {
        api.node("n", FRESH_B);
        locks().lock("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
    }

    @Test
    void freshLockOfTerminalPodIsTakenOver() throws Exception {
        api.node("n", FRESH_B).terminalPod("ns", "pod-b");
        locks().lock("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
    }

    @Test
    void expiredLockIsTakenOver() throws Exception {
        api.node("n", "2026-11-28T09:54:59Z,ns,pod-b").pod("ns", "pod-b");
        locks().lock("n", POD_A);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
    }

    @Test
    void lockAtExactlyTheTimeoutIsNotExpired() {
        api.node("n", "2026-11-28T09:55:00Z,ns,pod-b").pod("ns", "pod-b");
        assertThatThrownBy(() -> locks().lock("n", POD_A)).hasMessageContaining("node lock contention");
    }

    @Test
    void samePodLocksTwice() throws Exception {
        api.node("n");
        locks().lock("n", POD_A);
        locks().lock("n", POD_A);
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void releaseCases() throws Exception {
        assertThatThrownBy(() -> locks().release("gone", POD_A)).hasMessageContaining("not found");
        api.node("free");
        locks().release("free", POD_A);
        api.node("other", FRESH_B);
        locks().release("other", POD_A);
        assertThat(api.lock("other")).isEqualTo(FRESH_B);
        api.node("own", NOW + ",ns,pod-a");
        locks().release("own", POD_A);
        assertThat(api.lock("own")).isNull();
        api.node("legacy", "2026-08-01T06:00:00Z");
        locks().release("legacy", POD_A);
        assertThat(api.lock("legacy")).isNull();
    }

    @Test
    void nodeMutexBlocksOnlyItsOwnNode() throws Exception {
        api.node("node-a").node("node-b");
        NodeLocks locks = locks();
        var mutex = locks.mutex("node-a");
        mutex.lock();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> other = pool.submit(() -> {
                locks.lock("node-b", POD_B);
                return null;
            });
            other.get(200, TimeUnit.MILLISECONDS);
            var started = new CountDownLatch(1);
            Future<?> same = pool.submit(() -> {
                started.countDown();
                locks.lock("node-a", POD_A);
                return null;
            });
            started.await();
            assertThat(waitUntilBlocked(locks, "node-a")).isTrue();
            assertThat(same.isDone()).isFalse();
            mutex.unlock();
            same.get(5, TimeUnit.SECONDS);
        }
        assertThat(api.lock("node-a")).endsWith(",ns,pod-a");
    }

    private static boolean waitUntilBlocked(NodeLocks locks, String node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (locks.mutex(node).hasQueuedThreads()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    @Test
    void concurrentLocksOnOneNodeGiveOneSuccessAndOneContention() throws Exception {
        api.node("n").pod("ns", "pod-a").pod("ns", "pod-b");
        NodeLocks locks = locks();
        var results = new ArrayList<Future<Boolean>>();
        var start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PodRef pod : List.of(POD_A, POD_B)) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        locks.lock("n", pod);
                        return true;
                    } catch (NodeLockException e) {
                        assertThat(e.contention()).isTrue();
                        return false;
                    }
                }));
            }
            start.countDown();
            int successes = 0;
            for (Future<Boolean> f : results) {
                successes += f.get(5, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        }
    }

    @Test
    void forgetDropsTheNodeMutex() {
        NodeLocks locks = locks();
        var before = locks.mutex("n");
        locks.forget("n");
        assertThat(locks.mutex("n")).isNotSameAs(before);
    }

    @Test
    void failuresOtherThanConflictAreRetriedThenReported() {
        api.node("n");
        for (int i = 0; i < 5; i++) {
            api.fault(FakeLockApi.WriteFault.ERROR);
        }
        assertThatThrownBy(() -> locks().lock("n", POD_A)).hasMessageContaining("apiserver 500")
                .matches(e -> !((NodeLockException) e).contention());
        assertThat(api.writes).hasValue(5);
    }

    static final String DSMLU = "cambricon.com/dsmlu.lock";
    static final Set<NodeLockKind> CAMBRICON = EnumSet.of(NodeLockKind.CAMBRICON_DSMLU);
    static final Set<NodeLockKind> BOTH = EnumSet.of(NodeLockKind.HAMI, NodeLockKind.CAMBRICON_DSMLU);

    @Test
    void cambriconsLockIsABareTimeThatHoldsTwoMinutes() throws Exception {
        api.node("n");
        locks().lock("n", POD_A, CAMBRICON);
        assertThat(api.lock("n", DSMLU)).isEqualTo(NOW);
        assertThat(api.lock("n")).isNull();

        api.node("m", DSMLU, "2026-11-28T09:58:30Z");
        assertThatThrownBy(() -> locks().lock("m", POD_A, CAMBRICON))
                .hasMessage("node m has been locked within 2m0s: node lock contention");
        api.node("m", DSMLU, "2026-11-28T09:57:59Z");
        locks().lock("m", POD_A, CAMBRICON);
        assertThat(api.lock("m", DSMLU)).isEqualTo(NOW);
    }

    @Test
    void cambriconsLockWrittenDespiteALostResponseIsRecognisedAsOurs() throws Exception {
        api.node("n").fault(FakeLockApi.WriteFault.LOST_RESPONSE);
        locks().lock("n", POD_A, CAMBRICON);
        assertThat(api.lock("n", DSMLU)).isEqualTo(NOW);
        assertThat(api.writes).hasValue(1);
    }

    @Test
    void aPodOfTwoLockingTypesTakesBothLocksOrNeither() throws Exception {
        api.node("n");
        locks().lock("n", POD_A, BOTH);
        assertThat(api.lock("n")).isEqualTo(NOW + ",ns,pod-a");
        assertThat(api.lock("n", DSMLU)).isEqualTo(NOW);
        locks().release("n", POD_A, BOTH);
        assertThat(api.lock("n")).isNull();
        assertThat(api.lock("n", DSMLU)).isNull();

        api.node("m", DSMLU, "2026-11-28T09:59:30Z");
        assertThatThrownBy(() -> locks().lock("m", POD_A, BOTH)).isInstanceOf(NodeLockException.class)
                .matches(e -> ((NodeLockException) e).kind().equals(Optional.of(NodeLockKind.CAMBRICON_DSMLU)));
        assertThat(api.lock("m")).as("the hami lock taken first is given back").isNull();
        assertThat(api.lock("m", DSMLU)).isEqualTo("2026-11-28T09:59:30Z");
    }
}
