package io.hami.scheduler.snapshot;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.Kube;
import io.hami.scheduler.vendor.DeviceTypes;
import org.junit.jupiter.api.Test;

/** scheduler_test.go getNodesUsage / getPodUsage / pod events, as snapshot building. */
class SnapshotBuilderTest {

    private static final DeviceTypes TYPES = DeviceTypes.defaults();

    private static Pod holding(String name, String node, String allocated) {
        return pod(name).annotate("hami.io/vgpu-node", node, "hami.io/vgpu-devices-allocated", allocated)
                .app(container("c")).build();
    }

    private static SnapshotBuilder twoGpuNode() {
        return ClusterSnapshot.builder(TYPES).putNode(nvidiaNode("node1", gpu("GPU0", 0, 10, 1000, 100, 0),
                gpu("GPU1", 1, 10, 1000, 100, 0)));
    }

    @Test
    void getNodesUsageAddsEveryPodOnADevice() throws Exception {
        var node = twoGpuNode().putPod(holding("a", "node1", "GPU0,NVIDIA,100,10:;"), false)
                .putPod(holding("b", "node1", "GPU0,NVIDIA,100,10:;"), false).build().node("node1").orElseThrow();
        int gpu0 = node.indexOf("GPU0");
        assertThat(node.used(gpu0)).isEqualTo(2);
        assertThat(node.usedMem(gpu0)).isEqualTo(200);
        assertThat(node.usedCores(gpu0)).isEqualTo(20);
        assertThat(node.used(node.indexOf("GPU1"))).isZero();
    }

    @Test
    void staleUuidsAreIgnoredAndNeverPoisonHealth() throws Exception {
        var node = twoGpuNode().putPod(holding("a", "node1", "GPU-A,NVIDIA,100,10:;"), false)
                .putPod(holding("b", "node1", "GPU-A,NVIDIA,100,10:GPU1,NVIDIA,50,5:;"), false)
                .build().node("node1").orElseThrow();
        assertThat(node.used(node.indexOf("GPU0"))).isZero();
        assertThat(node.usedMem(node.indexOf("GPU1"))).isEqualTo(50);
        assertThat(node.device(0).healthy()).isTrue();
        assertThat(node.device(1).healthy()).isTrue();
    }

    @Test
    void runningAndTerminatingPodsCountTerminalOnesDoNot() throws Exception {
        var b = twoGpuNode();
        b.putPod(pod("run").phase("Running").annotate("hami.io/vgpu-node", "node1", "hami.io/vgpu-devices-allocated",
                "GPU0,NVIDIA,100,10:;").app(container("c")).build(), false);
        b.putPod(pod("bye").terminating().annotate("hami.io/vgpu-node", "node1", "hami.io/vgpu-devices-allocated",
                "GPU0,NVIDIA,100,10:;").app(container("c")).build(), false);
        assertThat(b.build().node("node1").orElseThrow().used(0)).isEqualTo(2);
        b.putPod(pod("bye").phase("Succeeded").annotate("hami.io/vgpu-node", "node1",
                "hami.io/vgpu-devices-allocated", "GPU0,NVIDIA,100,10:;").app(container("c")).build(), false);
        b.putPod(pod("run").phase("Failed").annotate("hami.io/vgpu-node", "node1",
                "hami.io/vgpu-devices-allocated", "GPU0,NVIDIA,100,10:;").app(container("c")).build(), false);
        var snapshot = b.build();
        assertThat(snapshot.node("node1").orElseThrow().used(0)).isZero();
        assertThat(snapshot.pods()).isEmpty();
    }

    @Test
    void podsWithoutAnAssignedNodeAreNotCounted() throws Exception {
        var snapshot = twoGpuNode().putPod(pod("x").annotate("hami.io/vgpu-devices-allocated", "GPU0,NVIDIA,1,1:;")
                .app(container("c")).build(), false).build();
        assertThat(snapshot.pods()).isEmpty();
    }

    @Test
    void badDeviceAnnotationOnAddLeavesThePodUncounted() {
        var b = twoGpuNode();
        assertThatThrownBy(() -> b.putPod(holding("a", "node1", "uuid,type,100:;"), false))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("hami.io/vgpu-devices-allocated")
                .hasMessageContaining("missing fields");
        assertThat(b.build().pods()).isEmpty();
    }

    @Test
    void badDeviceAnnotationOnUpdateKeepsThePreviousUsage() throws Exception {
        var b = twoGpuNode().putPod(holding("a", "node1", "GPU0,NVIDIA,100,10:;"), false);
        assertThatThrownBy(() -> b.putPod(holding("a", "node1", "GPU0,NVIDIA,x,1:;"), false))
                .isInstanceOf(WireFormatException.class);
        assertThat(b.build().node("node1").orElseThrow().used(0)).isEqualTo(1);
    }

    @Test
    void initContainerPeakUntilInitCompletesThenAppOnly() throws Exception {
        var pending = pod("p").annotate("hami.io/vgpu-node", "node1", "hami.io/vgpu-devices-allocated",
                        "GPU0,NVIDIA,20000,10:;GPU0,NVIDIA,10000,5:;")
                .init(container("i")).app(container("a")).namespace("team").build();
        var nodeBig = nvidiaNode("node1", gpu("GPU0", 0, 10, 40000, 100, 0));
        var b = ClusterSnapshot.builder(TYPES).putNode(nodeBig).putPod(pending, false);
        var node = b.build().node("node1").orElseThrow();
        assertThat(node.used(0)).isEqualTo(1);
        assertThat(node.usedMem(0)).isEqualTo(20000);
        assertThat(node.usedCores(0)).isEqualTo(10);

        var started = pod("p").annotate("hami.io/vgpu-node", "node1", "hami.io/vgpu-devices-allocated",
                        "GPU0,NVIDIA,20000,10:;GPU0,NVIDIA,10000,5:;")
                .init(container("i")).app(container("a")).namespace("team").initExited(0).build();
        var snapshot = b.putPod(started, false).build();
        assertThat(snapshot.node("node1").orElseThrow().usedMem(0)).isEqualTo(10000);
        assertThat(snapshot.node("node1").orElseThrow().usedCores(0)).isEqualTo(5);
        assertThat(snapshot.quotas().entry("team", "nvidia.com/gpumem").used()).isEqualTo(10000);
        assertThat(snapshot.quotas().entry("team", "nvidia.com/gpucores").used()).isEqualTo(5);
        assertThat(snapshot.pod("uid-p").orElseThrow().appOnly()).isTrue();

        // a later status that shows the init containers again does not re-inflate a pod seen app-only
        assertThat(b.putPod(pending, true).build().node("node1").orElseThrow().usedMem(0)).isEqualTo(10000);
    }

    @Test
    void aFailedInitContainerKeepsThePeak() throws Exception {
        var p = pod("p").annotate("hami.io/vgpu-node", "node1", "hami.io/vgpu-devices-allocated",
                "GPU0,NVIDIA,20000,10:;GPU0,NVIDIA,10000,5:;").init(container("i")).app(container("a"))
                .initExited(1).build();
        var snapshot = ClusterSnapshot.builder(TYPES).putNode(nvidiaNode("node1", gpu("GPU0", 0, 10, 40000, 100, 0)))
                .putPod(p, false).build();
        assertThat(snapshot.node("node1").orElseThrow().usedMem(0)).isEqualTo(20000);
    }

    @Test
    void twoAppContainersOnOneDeviceTakeTwoSlots() throws Exception {
        var node = twoGpuNode().putPod(holding("a", "node1", "GPU0,NVIDIA,1,1:;GPU0,NVIDIA,1,1:;"), false).build()
                .node("node1").orElseThrow();
        assertThat(node.used(node.indexOf("GPU0"))).isEqualTo(2);
    }

    @Test
    void aViewReadsAsABuiltSnapshotOfTheSameState() throws Exception {
        var b = twoGpuNode().putNode(nvidiaNode("node2", gpu("X", 0, 10, 1000, 100, 0)));
        b.putPod(holding("a", "node2", "X,NVIDIA,10,1:;"), false).putPod(holding("b", "node1", "GPU1,NVIDIA,300,20:;"),
                false);
        ClusterSnapshot view = b.view();
        ClusterSnapshot built = b.build();
        for (String node : new String[] {"node1", "node2"}) {
            NodeSnapshot v = view.node(node).orElseThrow();
            NodeSnapshot f = built.node(node).orElseThrow();
            for (int i = 0; i < f.deviceCount(); i++) {
                assertThat(new int[] {v.used(i), v.usedMem(i), v.usedCores(i)}).as(node + " device " + i)
                        .containsExactly(f.used(i), f.usedMem(i), f.usedCores(i));
            }
            assertThat(v.baseScore()).isEqualTo(f.baseScore());
        }
        assertThat(view.pods()).containsExactlyInAnyOrderElementsOf(built.pods());
        assertThat(view.pod("uid-b")).isEqualTo(built.pod("uid-b"));
        assertThat(view.quotas()).isEqualTo(built.quotas());

        ClusterSnapshot after = b.removePod("uid-b").view();
        assertThat(after.node("node1").orElseThrow().usedMem(1)).isZero();
        assertThat(after.pod("uid-b")).isEmpty();
        assertThat(built.pod("uid-b")).as("a built snapshot stays as it was").isPresent();
    }

    @Test
    void nodesAndPodsComeAndGoAndUnchangedNodesAreReused() throws Exception {
        var b = twoGpuNode().putNode(nvidiaNode("node2", gpu("X", 0, 10, 1000, 100, 0)));
        var first = b.build();
        var second = b.putPod(holding("a", "node2", "X,NVIDIA,10,1:;"), false).build();
        assertThat(second.node("node1").orElseThrow()).isSameAs(first.node("node1").orElseThrow());
        assertThat(second.node("node2").orElseThrow().used(0)).isEqualTo(1);
        var third = b.removeNode("node2").build();
        assertThat(third.node("node2")).isEmpty();
        assertThat(third.pod("uid-a")).isPresent();
        assertThat(third.toBuilder().removePod("uid-a").removePod("unknown").build().pods()).isEmpty();
        assertThat(second.withoutPod("uid-a").node("node2").orElseThrow().used(0)).isZero();
        assertThat(second.withoutPod("unknown")).isSameAs(second);
    }

    @Test
    void quotaLimitsComeFromLimitsKeysOfManagedResources() {
        var snapshot = ClusterSnapshot.builder(TYPES)
                .putQuota(Kube.quota("ns", "q", "limits.nvidia.com/gpumem", "2000", "limits.nvidia.com/gpucores", "300",
                        "requests.nvidia.com/gpumem", "5", "limits.nvidia.com/gpu", "4", "limits.cpu", "8",
                        "limits.hygon.com/dcumem", "1.5"))
                .build();
        var q = snapshot.quotas();
        assertThat(q.entry("ns", "nvidia.com/gpumem").limit()).isEqualTo(2000);
        assertThat(q.entry("ns", "nvidia.com/gpucores").limit()).isEqualTo(300);
        assertThat(q.entry("ns", "nvidia.com/gpu").limitSet()).isFalse();
        assertThat(q.entry("ns", "cpu").limitSet()).isFalse();
        assertThat(q.entry("ns", "hygon.com/dcumem").limitSet()).isFalse();
    }

    @Test
    void quotaDeleteClearsTheLimitAndAnotherQuotaStillApplies() {
        var b = ClusterSnapshot.builder(TYPES)
                .putQuota(Kube.quota("ns", "a", "limits.nvidia.com/gpumem", "1000"))
                .putQuota(Kube.quota("ns", "b", "limits.nvidia.com/gpumem", "3000"));
        assertThat(b.build().quotas().entry("ns", "nvidia.com/gpumem").limit()).isEqualTo(3000);
        assertThat(b.removeQuota("ns", "b").build().quotas().entry("ns", "nvidia.com/gpumem").limit()).isEqualTo(1000);
        assertThat(b.removeQuota("ns", "a").build().quotas().entry("ns", "nvidia.com/gpumem").limitSet()).isFalse();
    }
}
