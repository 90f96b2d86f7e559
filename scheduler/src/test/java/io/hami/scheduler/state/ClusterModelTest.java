package io.hami.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.scheduler.Kube;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.support.MutableClock;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cluster model's accounting: HAMi's pod-cache, node-cache and reservation scenarios
 * (docs/scheduler.md, "Usage of scheduled pods").
 */
class ClusterModelTest {

    static final DeviceTypes TYPES = DeviceTypes.defaults();
    static final String ALLOCATED = "hami.io/vgpu-devices-allocated";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    final MapCache cache = new MapCache();
    final ClusterModel model = new ClusterModel(TYPES, clock, Map.of(), Duration.ofMinutes(5), cache);

    static Node gpuNode(String name, String allocatable) {
        return new NodeBuilder(Kube.nvidiaNode(name, Kube.gpu("GPU-0", 0, 10, 8000, 100, 0),
                Kube.gpu("GPU-1", 1, 10, 8000, 100, 0))).withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity(allocatable)).endStatus().build();
    }

    static Pod holding(String name, String node, String allocated) {
        return Kube.pod(name).annotate("hami.io/vgpu-node", node, ALLOCATED, allocated)
                .app(Kube.container("c", "nvidia.com/gpu", "1")).build();
    }

    NodeSnapshot node(String name) {
        return model.build().node(name).orElseThrow();
    }

    @Test
    void podsOnOneGpuAddUp() {
        model.putNode(gpuNode("n1", "20"));
        model.putPod(holding("p1", "n1", "GPU-0,NVIDIA,100,10:;"));
        model.putPod(holding("p2", "n1", "GPU-0,NVIDIA,100,10:;"));
        NodeSnapshot n = node("n1");
        assertThat(new int[] {n.used(0), n.usedMem(0), n.usedCores(0)}).containsExactly(2, 200, 20);
    }

    @Test
    void terminalPodsStopCountingTerminatingPodsStillCount() {
        model.putNode(gpuNode("n1", "20"));
        model.putPod(holding("p1", "n1", "GPU-0,NVIDIA,100,10:;"));
        Pod terminating = new PodBuilder(holding("p1", "n1", "GPU-0,NVIDIA,100,10:;")).editMetadata()
                .withDeletionTimestamp("2026-11-28T10:00:00Z").endMetadata().build();
        model.putPod(terminating);
        assertThat(node("n1").used(0)).isEqualTo(1);
        model.putPod(new PodBuilder(terminating).editStatus().withPhase("Succeeded").endStatus().build());
        assertThat(node("n1").used(0)).isZero();
    }

    @Test
    void deletedPodIsRemovedByUidEvenWhenTheDeleteEventLacksTheAnnotation() {
        model.putNode(gpuNode("n1", "20"));
        model.putPod(holding("p1", "n1", "GPU-0,NVIDIA,100,10:;"));
        model.removePod("uid-p1");
        assertThat(node("n1").used(0)).isZero();
    }

    @Test
    void initContainerPeakShrinksOnceInitContainersSucceed() {
        model.putNode(gpuNode("n1", "20"));
        var spec = Kube.pod("p").annotate("hami.io/vgpu-node", "n1", ALLOCATED,
                "GPU-0,NVIDIA,20000,10:;GPU-0,NVIDIA,10000,5:;").init(Kube.container("i")).app(Kube.container("c"));
        model.putNode(new NodeBuilder(Kube.nvidiaNode("n1", Kube.gpu("GPU-0", 0, 10, 40000, 100, 0))).withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("10")).endStatus().build());
        model.putPod(spec.build());
        assertThat(node("n1").usedMem(0)).isEqualTo(20000);
        model.putPod(Kube.pod("p").annotate("hami.io/vgpu-node", "n1", ALLOCATED,
                "GPU-0,NVIDIA,20000,10:;GPU-0,NVIDIA,10000,5:;").init(Kube.container("i")).app(Kube.container("c"))
                .initExited(0).build());
        assertThat(node("n1").usedMem(0)).isEqualTo(10000);
        model.putPod(spec.build());
        assertThat(node("n1").usedMem(0)).as("no re-inflation on a later event").isEqualTo(10000);
    }

    @Test
    void unreadableAllocationIsNotCountedForANewPodAndKeepsTheOldUsageOfACountedOne() {
        model.putNode(gpuNode("n1", "20"));
        model.putPod(holding("bad", "n1", "GPU-0,NVIDIA,100:;"));
        assertThat(node("n1").used(0)).isZero();
        model.putPod(holding("p", "n1", "GPU-0,NVIDIA,100,10:;"));
        model.putPod(holding("p", "n1", "GPU-0,NVIDIA,x,10:;"));
        assertThat(node("n1").usedMem(0)).isEqualTo(100);
    }

    PodUsage reservation(String pod, String node, String uuid) {
        return new PodUsage("uid-" + pod, "default", pod, node,
                Map.of("nvidia", List.of(new DeviceUse(uuid, 3000, 30, 1))), false);
    }

    @Test
    void reservationHoldsAgainstEventsOlderThanThePatchAndIsConfirmedByTheAnnotations() {
        model.putNode(gpuNode("n1", "20"));
        Pod unpatched = Kube.pod("p").app(Kube.container("c", "nvidia.com/gpu", "1")).build();
        model.reserve(new Reservation(reservation("p", "n1", "GPU-1"),
                Map.of("hami.io/vgpu-node", "n1", ALLOCATED, "GPU-1,NVIDIA,3000,30:;")));
        assertThat(node("n1").usedMem(1)).isEqualTo(3000);
        model.putPod(unpatched);
        assertThat(node("n1").usedMem(1)).as("an older event keeps the reservation").isEqualTo(3000);
        model.putPod(holding("p", "n1", "GPU-1,NVIDIA,3000,30:;"));
        assertThat(node("n1").usedMem(1)).isEqualTo(3000);
        model.putPod(new PodBuilder(holding("p", "n1", "GPU-1,NVIDIA,3000,30:;")).editStatus().withPhase("Failed")
                .endStatus().build());
        assertThat(node("n1").usedMem(1)).isZero();
    }

    @Test
    void supersededAllocationDoesNotCountUntilItChangesOrThePodIsBound() {
        model.putNode(gpuNode("n1", "20"));
        Pod stale = holding("p", "n1", "GPU-0,NVIDIA,100,10:;");
        model.putPod(stale);
        model.release("uid-p", "default", "p", Map.of("hami.io/vgpu-node", "n1", ALLOCATED, "GPU-0,NVIDIA,100,10:;"));
        assertThat(node("n1").used(0)).isZero();
        model.putPod(stale);
        assertThat(node("n1").used(0)).as("the same stale annotations").isZero();
        model.putPod(new PodBuilder(stale).editSpec().withNodeName("n1").endSpec().build());
        assertThat(node("n1").used(0)).as("bound after all").isEqualTo(1);
    }

    @Test
    void unconfirmedReservationExpiresToTheInformersView() {
        model.putNode(gpuNode("n1", "20"));
        model.reserve(new Reservation(reservation("p", "n1", "GPU-1"),
                Map.of("hami.io/vgpu-node", "n1", ALLOCATED, "GPU-1,NVIDIA,3000,30:;")));
        clock.advance(Duration.ofMinutes(5));
        model.tick();
        assertThat(node("n1").usedMem(1)).as("the pod is gone from the cache").isZero();

        model.reserve(new Reservation(reservation("q", "n1", "GPU-1"),
                Map.of("hami.io/vgpu-node", "n1", ALLOCATED, "GPU-1,NVIDIA,3000,30:;")));
        cache.put(holding("q", "n1", "GPU-0,NVIDIA,500,10:;"));
        clock.advance(Duration.ofMinutes(6));
        model.tick();
        assertThat(node("n1").usedMem(0)).isEqualTo(500);
        assertThat(node("n1").usedMem(1)).isZero();
    }

    @Test
    void staleNodeLosesItsDevicesAndGetsNoNewStamp() {
        Node stale = new NodeBuilder(gpuNode("n1", "0")).editMetadata()
                .addToAnnotations("hami.io/node-handshake", "Requesting_2026-11-28 09:58:00").endMetadata().build();
        model.putNode(stale);
        assertThat(node("n1").deviceCount()).isZero();
        assertThat(model.tick()).isEmpty();
    }

    @Test
    void freshNodeWithoutHandshakeIsSchedulableAndAsksForAStamp() {
        model.putNode(gpuNode("n1", "0"));
        assertThat(node("n1").deviceCount()).isEqualTo(2);
        assertThat(model.tick()).containsExactly(new ClusterState.Stamp("n1", "hami.io/node-handshake"));
    }

    @Test
    void handshakeExpiryIsJudgedAgainOnEveryTick() {
        model.putNode(new NodeBuilder(gpuNode("n1", "0")).editMetadata()
                .addToAnnotations("hami.io/node-handshake", "Requesting_2026-11-28 10:00:00").endMetadata().build());
        assertThat(node("n1").deviceCount()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        model.tick();
        assertThat(node("n1").deviceCount()).isZero();
    }

    @Test
    void unreadableRegistrationKeepsTheLastReadableDevices() {
        model.putNode(gpuNode("n1", "20"));
        model.putNode(new NodeBuilder(gpuNode("n1", "20")).editMetadata()
                .addToAnnotations("hami.io/node-nvidia-register", "{not json").endMetadata().build());
        assertThat(node("n1").deviceCount()).isEqualTo(2);
        assertThat(node("n1").inventory().problems()).containsKey("nvidia");
    }

    @Test
    void nodesOutsideTheLabelSelectorAreNotRegistered() {
        var selective = new ClusterModel(TYPES, clock, Map.of("gpu", "on"), Duration.ofMinutes(5), cache);
        selective.putNode(gpuNode("n1", "20"));
        selective.putNode(new NodeBuilder(gpuNode("n2", "20")).editMetadata().addToLabels("gpu", "on").endMetadata()
                .build());
        ClusterSnapshot s = selective.build();
        assertThat(s.node("n1")).isEmpty();
        assertThat(s.node("n2")).isPresent();
    }

    @Test
    void nodeDeleteRemovesItAndItsHealthMemory() {
        model.putNode(gpuNode("n1", "20"));
        model.removeNode("n1");
        assertThat(model.build().node("n1")).isEmpty();
    }

    @Test
    void quotasArePutAndRemoved() {
        model.putQuota(Kube.quota("team", "q", "limits.nvidia.com/gpumem", "2000"));
        assertThat(model.build().quotas().entry("team", "nvidia.com/gpumem").limitSet()).isTrue();
        model.removeQuota("team", "q");
        assertThat(model.build().quotas().entry("team", "nvidia.com/gpumem").limitSet()).isFalse();
    }

    @Test
    void eventsThatChangeNothingDoNotRebuild() {
        model.putNode(gpuNode("n1", "20"));
        model.putPod(holding("p", "n1", "GPU-0,NVIDIA,100,10:;"));
        model.build();
        model.putPod(holding("p", "n1", "GPU-0,NVIDIA,100,10:;"));
        model.putPod(Kube.pod("other").app(Kube.container("c")).build());
        model.putNode(gpuNode("n1", "20"));
        assertThat(model.dirty()).isFalse();
    }

    @Test
    void aBuildThatThrowsLeavesTheModelDirtySoTheNextBuildRetries() {
        var builds = new FailingBuilds();
        ClusterModel failing = builds.model(TYPES, clock, cache);
        failing.putNode(gpuNode("n1", "20"));
        builds.failWith(new IllegalStateException("injected build failure"));
        assertThatThrownBy(failing::build).hasMessage("injected build failure");
        assertThat(failing.dirty()).isTrue();
        builds.recover();
        assertThat(failing.build().node("n1")).isPresent();
        assertThat(failing.dirty()).isFalse();
    }

    static final String AMD_REGISTER = "hami.io/node-amd-register";
    static final String AMD = "[{\"id\":\"amd-0\",\"count\":10,\"devmem\":196608,\"devcore\":304,"
            + "\"type\":\"AMD-Instinct-MI300X\",\"health\":true}]";

    static Node amdNode(String name, String register, String heartbeat) {
        return Kube.node(name, Map.of(AMD_REGISTER, register, "example.com/heartbeat", heartbeat));
    }

    @Test
    void anUnreadableRegistrationRecordsOneEventOnTheNodePerValue() {
        var events = new ArrayList<String>();
        var sink = new EventSink() {
            @Override
            public void record(Pod pod, boolean warning, String reason, String message) {
                events.add("pod " + reason);
            }

            @Override
            public void recordOnNode(Node node, boolean warning, String reason, String message) {
                events.add(node.getMetadata().getName() + " " + (warning ? "Warning " : "Normal ") + reason + " "
                        + message);
            }
        };
        var recording = new ClusterModel(TYPES, clock, Map.of(), Duration.ofMinutes(5), cache, sink);

        recording.putNode(amdNode("n1", "not json", "1"));
        recording.putNode(amdNode("n1", "not json", "2")); // the same broken value, rewritten: no second event
        assertThat(events).singleElement().asString().startsWith(
                "n1 Warning DeviceRegistrationUnreadable amd devices left out: node-register: value: not valid JSON");
        recording.putNode(amdNode("n1", "[{", "3"));
        assertThat(events).hasSize(2).last().asString().contains("[{");
        recording.putNode(amdNode("n1", AMD, "4"));
        recording.putNode(amdNode("n1", "[{", "5")); // broken again after it was read
        recording.putNode(amdNode("n2", "[{", "1"));
        assertThat(events).hasSize(4).last().asString().startsWith("n2 ");
        recording.removeNode("n2");
        recording.putNode(amdNode("n2", "[{", "2"));
        assertThat(events).hasSize(5);
    }
}
