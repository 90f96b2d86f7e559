package io.hami.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The state thread's promises to those who wait on it: a future completes only when its change is published. */
class ClusterStateTest {

    static final DeviceTypes TYPES = DeviceTypes.defaults();
    /** How long a test waits for a future that must complete; never reached when the state works. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final FailingBuilds builds = new FailingBuilds();
    final ClusterState state = builds.state(TYPES, clock, new MapCache()).start();

    @AfterEach
    void stop() {
        state.close();
    }

    static Reservation reservation(String name) {
        return new Reservation(new PodUsage("uid-" + name, "ns", name, "n1",
                Map.of("nvidia", List.of(new DeviceUse("GPU-0", 1000, 10, 1))), false),
                Map.of("hami.io/vgpu-node", "n1"));
    }

    @Test
    void aReservationWhoseSnapshotCannotBeBuiltFailsWithTheBuildsCause() {
        builds.failWith(new IllegalStateException("injected build failure"));
        CompletableFuture<Void> reserved = state.reserve(reservation("p"));
        assertThat(reserved).failsWithin(PATIENCE).withThrowableThat().havingCause()
                .isInstanceOf(IllegalStateException.class).withMessage("injected build failure");
        assertThat(state.snapshot().pod("uid-p")).as("the previous snapshot stays").isEmpty();
    }

    @Test
    void aReservationThatCannotBeAppliedFailsInsteadOfNeverCompleting() {
        clock.set(Instant.MAX); // the ledger's expiry (now + 5 min) is past the last instant
        CompletableFuture<Void> reserved = state.reserve(reservation("p"));
        assertThat(reserved).failsWithin(PATIENCE).withThrowableThat().havingCause()
                .isInstanceOf(DateTimeException.class);
    }

    @Test
    void afterAFailedBuildTheNextRequestBuildsAgain() throws Exception {
        builds.failWith(new IllegalStateException("injected build failure"));
        state.putNode(ClusterModelTest.gpuNode("n1", "20"));
        assertThat(state.flush()).failsWithin(PATIENCE);
        builds.recover();
        ClusterSnapshot next = state.flush().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(next.node("n1")).as("the change the failed build left out").isPresent();
        assertThat(state.snapshot().node("n1")).isPresent();
    }

    @Test
    void syncedWaitsForASnapshotThatHoldsTheFirstLists() throws Exception {
        builds.failWith(new IllegalStateException("injected build failure"));
        state.putNode(ClusterModelTest.gpuNode("n1", "20"));
        state.markSynced();
        assertThat(state.flush()).failsWithin(PATIENCE);
        assertThat(state.synced()).as("nothing the informers listed is published yet").isFalse();
        builds.recover();
        state.flush().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(state.synced()).isTrue();
        assertThat(state.snapshot().node("n1")).isPresent();
    }

    @Test
    void aReservationIsCountedAfterEverythingQueuedBeforeIt() throws Exception {
        state.putNode(ClusterModelTest.gpuNode("n1", "20"));
        state.markSynced();
        state.reserve(reservation("p")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(state.synced()).as("the first lists, queued before the reservation, are published with it").isTrue();
        assertThat(state.snapshot().node("n1")).isPresent();
        assertThat(state.snapshot().pod("uid-p")).isPresent();
    }

    @Test
    void reservationsFromManyThreadsBesideQueuedEventsAreAllCounted() throws Exception {
        var threads = new java.util.ArrayList<Thread>();
        var futures = new java.util.concurrent.ConcurrentLinkedQueue<CompletableFuture<Void>>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    state.putNode(ClusterModelTest.gpuNode("n" + thread + "-" + i, "20"));
                    futures.add(state.reserve(reservation("p" + thread + "-" + i)));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        for (CompletableFuture<Void> f : futures) {
            f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        ClusterSnapshot last = state.flush().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(last.pods()).hasSize(800);
        assertThat(last.nodes()).hasSize(800);
    }
}
