package io.hami.scheduler.bind;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hami.scheduler.Kube;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.lock.Backoff;
import io.hami.scheduler.lock.FakeLockApi;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.lock.NodeLocks;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.MapCache;
import io.hami.scheduler.state.Reservation;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.support.RecordingWrites;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HAMi's Bind scenarios (scheduler_test; docs/protocol.md, "Bind lifecycle") with a scripted lock API and
 * recorded writes.
 */
class BinderTest {

    static final DeviceTypes TYPES = DeviceTypes.defaults();
    static final String OTHERS_LOCK = "2026-11-28T09:59:00Z,ns,holder";
    static final String SCHEDULER = "hami-scheduler";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final FakeLockApi api = new FakeLockApi();
    final MapCache cache = new MapCache();
    final ClusterState state = new ClusterState(TYPES, clock, Map.of(), Duration.ofMinutes(5), cache).start();
    final RecordingWrites writes = new RecordingWrites();
    final List<String> events = new CopyOnWriteArrayList<>();
    final FilteredPods filtered = new FilteredPods(clock, Duration.ofMinutes(5), 100);
    final NodeLockQueue queue = new NodeLockQueue(new NodeLocks(api, clock, Duration.ofMinutes(5),
            Backoff.hami(new Random(1), d -> { })), NodeLockQueue.WaitObserver.NONE);

    /** How long a bind waits for the filter's patch, and for a pod its filter placed to reach the cache. */
    Duration patchWait = Duration.ofSeconds(30);

    /** HAMi's behaviour: only PodGroup members wait (28 s). */
    Binder binder() {
        return binder(Duration.ZERO, Duration.ofSeconds(28));
    }

    Binder binder(Duration lockWait, Duration retryTimeout) {
        EventSink sink = (pod, warning, reason, message) -> events.add(reason + ": " + message);
        return new Binder(SCHEDULER, filtered, new PodPatches(patchWait, Duration.ofMinutes(5)), cache,
                state, queue, writes, sink, new SchedulerMetrics(state::snapshot, false, Map.of()), TYPES, clock,
                lockWait, retryTimeout);
    }

    /** Releases n1's lock as the device plugin would once {@code waiting} binds are in line, as the informer tells. */
    Thread releaseWhenWaiting(int waiting) {
        return Thread.ofVirtual().start(() -> {
            try {
                while (queue.waiting("n1") < waiting) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                return;
            }
            api.node("n1", null);
            queue.mayBeFree("n1");
        });
    }

    @AfterEach
    void stop() {
        state.close();
    }

    /** A pod of this scheduler that its filter placed on n1. */
    static Pod gpuPod(String name) {
        return gpuPod(name, "n1");
    }

    /** A pod of this scheduler that its filter placed on {@code node}. */
    static Pod gpuPod(String name, String node) {
        return Kube.pod(name).namespace("ns").scheduler(SCHEDULER).annotate("hami.io/vgpu-node", node)
                .app(Kube.container("c", "nvidia.com/gpu", "1")).build();
    }

    static Pod groupMember(String name) {
        return new PodBuilder(gpuPod(name)).editMetadata().addToLabels(Binder.POD_GROUP, "gang").endMetadata().build();
    }

    void reserve(String name) throws Exception {
        state.reserve(new Reservation(new PodUsage("uid-" + name, "ns", name, "n1",
                Map.of("nvidia", List.of(new DeviceUse("GPU-0", 1000, 10, 1))), false), Map.of("hami.io/vgpu-node", "n1")))
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void successLocksPatchesAndBindsAndKeepsTheLock() throws Exception {
        cache.put(gpuPod("p")).put(Kube.node("n1", Map.of()));
        api.node("n1");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
        assertThat(api.lock("n1")).isEqualTo("2026-11-28T10:00:00Z,ns,p");
        assertThat(writes.calls).containsExactly(
                "patchPod ns/p {hami.io/bind-phase=allocating, hami.io/bind-time=1795860000} {}",
                "bind ns/p uid-p n1");
        assertThat(events).containsExactly("BindingSucceed: Successfully binding node [n1] to ns/p");
    }

    static Pod vendorPod(String name, String resource) {
        return Kube.pod(name).namespace("ns").scheduler(SCHEDULER).annotate("hami.io/vgpu-node", "n1")
                .app(Kube.container("c", resource, "1")).build();
    }

    @Test
    void aCambriconPodTakesCambriconsOwnLockAndNotHamis() throws Exception {
        cache.put(vendorPod("p", "cambricon.com/vmlu")).put(Kube.node("n1", Map.of()));
        api.node("n1");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
        assertThat(api.lock("n1", "cambricon.com/dsmlu.lock")).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(api.lock("n1")).isNull();
    }

    @Test
    void mooreThreadsAndMetaxWholeGpuPodsTakeNoLock() throws Exception {
        api.node("n1");
        cache.put(Kube.node("n1", Map.of()));
        for (String resource : List.of("mthreads.com/vgpu", "metax-tech.com/gpu")) {
            cache.put(vendorPod("p", resource));
            assertThat(binder().bind("ns", "p", "uid-p", "n1")).as(resource).isEmpty();
            assertThat(api.writes).as(resource).hasValue(0);
        }
    }

    @Test
    void aNodeWhosePluginAsksForTheLockOfAnUnlockedTypeGetsHamisLockForIt() throws Exception {
        var node = Kube.node("n1", Map.of());
        node.getMetadata().setAnnotations(Map.of(io.hami.model.protocol.HamiAnnotations.lockRequested("Mthreads"), "true"));
        cache.put(node).put(vendorPod("p", "mthreads.com/vgpu"));
        api.node("n1");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
        assertThat(api.lock("n1")).endsWith(",ns,p");

        cache.put(vendorPod("q", "metax-tech.com/gpu"));
        assertThat(binder().bind("ns", "q", "uid-q", "n1")).as("MetaX whole GPUs did not ask").isEmpty();
        assertThat(api.lock("n1")).endsWith(",ns,p");
    }

    @Test
    void aNodeThatAnnouncesLocklessBindsIsBoundWithoutTheLockAndOthersKeepIt() throws Exception {
        var lockless = Kube.node("n1", Map.of());
        lockless.getMetadata().setAnnotations(Map.of(io.hami.model.protocol.HamiAnnotations.locklessBinds("NVIDIA"), "true"));
        cache.put(lockless).put(gpuPod("p"));
        api.node("n1", "2026-11-28T10:00:00Z,ns,other").pod("ns", "other"); // another pod's lock holds up no lockless bind
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
        assertThat(api.lock("n1")).endsWith(",ns,other");
        assertThat(writes.calls).as("the Binding carries the bind phase: one write, no patch before it").containsExactly(
                "bind ns/p uid-p n1 {hami.io/bind-phase=allocating, hami.io/bind-time=1795860000}");

        for (var value : List.of("false", "True", "")) {
            var node = Kube.node("n1", Map.of());
            node.getMetadata().setAnnotations(Map.of(io.hami.model.protocol.HamiAnnotations.locklessBinds("NVIDIA"), value));
            cache.put(node).put(gpuPod("q"));
            api.node("n1", null);
            assertThat(binder().bind("ns", "q", "uid-q", "n1")).as(value).isEmpty();
            assertThat(api.lock("n1")).as(value).endsWith(",ns,q");
        }
    }

    @Test
    void aLocklessNvidiaNodeStillTakesCambriconsLockForACambriconRequest() throws Exception {
        var node = Kube.node("n1", Map.of());
        node.getMetadata().setAnnotations(Map.of(io.hami.model.protocol.HamiAnnotations.locklessBinds("NVIDIA"), "true"));
        Pod both = Kube.pod("p").namespace("ns").scheduler(SCHEDULER).annotate("hami.io/vgpu-node", "n1")
                .app(Kube.container("c", "cambricon.com/vmlu", "1", "nvidia.com/gpu", "1")).build();
        cache.put(node).put(both);
        api.node("n1");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
        assertThat(api.lock("n1", "cambricon.com/dsmlu.lock")).isNotNull();
        assertThat(api.lock("n1")).isNull();
        assertThat(writes.calls).as("a bind that takes a lock keeps HAMi's order: the patch, then the Binding").containsExactly(
                "patchPod ns/p {hami.io/bind-phase=allocating, hami.io/bind-time=1795860000} {}",
                "bind ns/p uid-p n1");
    }

    @Test
    void aFailedBindGivesBackEveryLockItTook() throws Exception {
        Pod both = Kube.pod("p").namespace("ns").scheduler(SCHEDULER).annotate("hami.io/vgpu-node", "n1")
                .app(Kube.container("c", "cambricon.com/vmlu", "1", "nvidia.com/gpu", "1")).build();
        cache.put(both).put(Kube.node("n1", Map.of()));
        api.node("n1");
        writes.failBind = new ApiException(ApiException.Kind.OTHER, "apiserver 500");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).contains("apiserver 500");
        assertThat(api.lock("n1")).isNull();
        assertThat(api.lock("n1", "cambricon.com/dsmlu.lock")).isNull();
    }

    @Test
    void missingPodFailsAndDropsItsReservation() throws Exception {
        patchWait = Duration.ofMillis(50);
        reserve("gone");
        assertThat(binder().bind("ns", "gone", "uid-gone", "n1")).isEqualTo("pod \"gone\" not found");
        assertThat(state.flush().get(5, TimeUnit.SECONDS).pod("uid-gone")).isEmpty();
    }

    @Test
    void aPodItsFilterPlacedIsBoundOnceItReachesTheCacheAfterTheBindCame() throws Exception {
        cache.put(Kube.node("n1", Map.of()));
        api.node("n1");
        reserve("late");
        Pod late = gpuPod("late");
        Thread informer = Thread.ofVirtual().start(() -> {
            try {
                while (cache.awaited() == 0) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                return;
            }
            cache.put(late);
        });
        assertThat(binder().bind("ns", "late", "uid-late", "n1")).isEmpty();
        informer.join();
        assertThat(writes.calls).contains("bind ns/late uid-late n1");
        assertThat(state.flush().get(5, TimeUnit.SECONDS).pod("uid-late")).isPresent();
    }

    @Test
    void aBindForAPodNoFilterPlacedDoesNotWaitForTheCache() throws Exception {
        cache.put(Kube.node("n1", Map.of()));
        Thread informer = Thread.ofVirtual().start(() -> { // would bring the pod to a bind that waited for it
            try {
                while (cache.awaited() == 0) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                return;
            }
            cache.put(gpuPod("stranger"));
        });
        try {
            assertThat(binder().bind("ns", "stranger", "uid-stranger", "n1")).isEqualTo("pod \"stranger\" not found");
        } finally {
            informer.interrupt();
        }
    }

    @Test
    void missingNodeFailsAndDropsTheReservation() throws Exception {
        cache.put(gpuPod("p")); // placed and reserved on n1, a node the informer no longer has
        reserve("p");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).contains("not found");
        assertThat(state.flush().get(5, TimeUnit.SECONDS).pod("uid-p")).isEmpty();
        assertThat(events).singleElement().asString().startsWith("BindingFailed");
    }

    @Test
    void ordinaryPodTriesTheLockOnce() throws Exception {
        cache.put(gpuPod("p")).put(Kube.node("n1", Map.of()));
        api.node("n1", OTHERS_LOCK).pod("ns", "holder");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).contains("node lock contention")
                .contains("has been locked within 5m0s");
        assertThat(api.lock("n1")).isEqualTo(OTHERS_LOCK);
        assertThat(writes.calls).isEmpty();
    }

    @Test
    void withALockWaitAnOrdinaryPodBindsOnceTheLockIsReleased() throws Exception {
        cache.put(gpuPod("p")).put(Kube.node("n1", Map.of()));
        api.node("n1", OTHERS_LOCK).pod("ns", "holder");
        Thread release = releaseWhenWaiting(1);
        assertThat(binder(Duration.ofMinutes(1), Duration.ZERO).bind("ns", "p", "uid-p", "n1")).isEmpty();
        release.join();
        assertThat(api.lock("n1")).endsWith(",ns,p");
        assertThat(writes.calls).hasSize(2);
    }

    @Test
    void podGroupMemberWaitsForTheLock() throws Exception {
        cache.put(groupMember("g")).put(Kube.node("n1", Map.of()));
        api.node("n1", OTHERS_LOCK).pod("ns", "holder");
        Thread release = releaseWhenWaiting(1);
        assertThat(binder().bind("ns", "g", "uid-g", "n1")).isEmpty();
        release.join();
        assertThat(api.lock("n1")).endsWith(",ns,g");
    }

    @Test
    void podGroupMemberGivesUpAfterTheRetryTimeout() throws Exception {
        cache.put(groupMember("g")).put(Kube.node("n1", Map.of()));
        api.node("n1", OTHERS_LOCK).pod("ns", "holder");
        String error = binder(Duration.ZERO, Duration.ofMillis(200)).bind("ns", "g", "uid-g", "n1");
        assertThat(error).isEqualTo("timed out after 200ms waiting for node n1 to be unlocked: node lock contention");
        assertThat(api.lock("n1")).isEqualTo(OTHERS_LOCK);
        assertThat(writes.calls).isEmpty();
    }

    @Test
    void otherLockErrorsAreNotRetried() throws Exception {
        cache.put(groupMember("g")).put(Kube.node("n1", Map.of()));
        api.node("n1");
        for (int i = 0; i < 5; i++) {
            api.fault(FakeLockApi.WriteFault.ERROR);
        }
        assertThat(binder().bind("ns", "g", "uid-g", "n1")).contains("apiserver 500");
        assertThat(queue.waiting("n1")).isZero();
        assertThat(api.writes).hasValue(5);
    }

    @Test
    void failedBindingReleasesTheLockAndReports() throws Exception {
        cache.put(gpuPod("p")).put(Kube.node("n1", Map.of()));
        api.node("n1");
        writes.failBind = new ApiException(ApiException.Kind.OTHER, "binding pod ns/p: boom");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEqualTo("binding pod ns/p: boom");
        assertThat(api.lock("n1")).isNull();
        assertThat(events).containsExactly("BindingFailed: binding pod ns/p: boom");
    }

    @Test
    void podWhoseOnlyGpuIsInAnInitContainerTakesNoLock() throws Exception {
        Pod initOnly = Kube.pod("i").namespace("ns").scheduler(SCHEDULER).annotate("hami.io/vgpu-node", "n1")
                .init(Kube.container("init", "nvidia.com/gpu", "1")).app(Kube.container("c")).build();
        cache.put(initOnly).put(Kube.node("n1", Map.of()));
        api.node("n1", OTHERS_LOCK).pod("ns", "holder");
        assertThat(binder().bind("ns", "i", "uid-i", "n1")).isEmpty();
        assertThat(api.lock("n1")).isEqualTo(OTHERS_LOCK);
    }

    @Test
    void aPodOfAnotherSchedulerIsNotBound() throws Exception {
        Pod dns = Kube.pod("coredns").namespace("kube-system").scheduler("default-scheduler")
                .app(Kube.container("c")).build();
        cache.put(dns).put(Kube.node("gpu-node", Map.of()));
        assertThat(binder().bind("kube-system", "coredns", "uid-coredns", "gpu-node"))
                .isEqualTo("pod kube-system/coredns is scheduled by \"default-scheduler\", not by \"hami-scheduler\": "
                        + "not bound");
        assertThat(writes.calls).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void aPodIsNotBoundToANodeOtherThanTheOneItsFilterChose() throws Exception {
        cache.put(gpuPod("p", "n1")).put(Kube.node("n1", Map.of())).put(Kube.node("n2", Map.of()));
        api.node("n1").node("n2");
        assertThat(binder().bind("ns", "p", "uid-p", "n2"))
                .isEqualTo("pod ns/p was placed on node n1 by the filter, not on n2: not bound");
        assertThat(writes.calls).isEmpty();
        assertThat(api.lock("n2")).isNull();
    }

    @Test
    void aPodWithAnotherUidThanTheCachedOneIsNotBound() throws Exception {
        cache.put(gpuPod("p")).put(Kube.node("n1", Map.of()));
        assertThat(binder().bind("ns", "p", "uid-other", "n1")).isEqualTo("pod ns/p has uid uid-p, not uid-other: "
                + "not bound");
        assertThat(writes.calls).isEmpty();
    }

    @Test
    void aPodThatAsksForNoDeviceIsBoundOnlyOnceTheFilterLetItThrough() throws Exception {
        Pod cpu = Kube.pod("cpu").namespace("ns").scheduler(SCHEDULER).app(Kube.container("c")).build();
        cache.put(cpu).put(Kube.node("n1", Map.of()));
        assertThat(binder().bind("ns", "cpu", "uid-cpu", "n1"))
                .isEqualTo("pod ns/cpu was not filtered by this scheduler: not bound");
        assertThat(writes.calls).isEmpty();
        filtered.passed("uid-cpu");
        assertThat(binder().bind("ns", "cpu", "uid-cpu", "n1")).isEmpty();
        assertThat(writes.calls).contains("bind ns/cpu uid-cpu n1");
    }

    @Test
    void aGpuPodWithoutAPlacementIsNotBoundEvenWhenLetThroughBefore() throws Exception {
        Pod unplaced = Kube.pod("g").namespace("ns").scheduler(SCHEDULER)
                .app(Kube.container("c", "nvidia.com/gpu", "1")).build();
        cache.put(unplaced).put(Kube.node("n1", Map.of()));
        api.node("n1");
        assertThat(binder().bind("ns", "g", "uid-g", "n1")).contains("was not filtered by this scheduler");
    }

    @Test
    void theFiltersReservationPlacesThePodWhileTheInformerHasNotBroughtItsAnnotation() throws Exception {
        Pod p = Kube.pod("p").namespace("ns").scheduler(SCHEDULER).app(Kube.container("c", "nvidia.com/gpu", "1"))
                .build();
        cache.put(p).put(Kube.node("n1", Map.of())).put(Kube.node("n2", Map.of()));
        api.node("n1").node("n2");
        reserve("p");
        assertThat(binder().bind("ns", "p", "uid-p", "n2")).contains("was placed on node n1 by the filter");
        assertThat(binder().bind("ns", "p", "uid-p", "n1")).isEmpty();
    }

    @Test
    void theLatestFiltersNodeCountsWhileTheInformerStillShowsTheEarlierFilters() throws Exception {
        // filtered onto n1, filtered again (kube-scheduler's /filter call timed out) onto n2; the informer lags
        cache.put(gpuPod("p", "n1")).put(Kube.node("n1", Map.of())).put(Kube.node("n2", Map.of()));
        api.node("n1").node("n2");
        state.reserve(new Reservation(new PodUsage("uid-p", "ns", "p", "n2",
                Map.of("nvidia", List.of(new DeviceUse("GPU-0", 1000, 10, 1))), false), Map.of("hami.io/vgpu-node", "n2")))
                .get(5, TimeUnit.SECONDS);

        assertThat(binder().bind("ns", "p", "uid-p", "n2")).isEmpty();
        assertThat(writes.calls).last().isEqualTo("bind ns/p uid-p n2");
    }

    @Test
    void podGroupMembership() {
        assertThat(Binder.isPodGroupMember(null)).isFalse();
        assertThat(Binder.isPodGroupMember(gpuPod("p"))).isFalse();
        assertThat(Binder.isPodGroupMember(groupMember("g"))).isTrue();
        Pod emptyLabel = new PodBuilder(gpuPod("e")).editMetadata().addToLabels(Binder.POD_GROUP, "").endMetadata()
                .build();
        assertThat(Binder.isPodGroupMember(emptyLabel)).isFalse();
        Pod spec = new PodBuilder(gpuPod("s")).editSpec().withNewSchedulingGroup().withPodGroupName("pg")
                .endSchedulingGroup().endSpec().build();
        assertThat(Binder.isPodGroupMember(spec)).isTrue();
    }
}
