package io.hami.scheduler.filter;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/** score_test.go: node scores, device choice and positional container entries (devices typed NVIDIA). */
class ScoreTest {

    private static Container gpu1000x30(String name) {
        return container(name, "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000", "nvidia.com/gpucores", "30");
    }

    private static Scenario oneDevice() {
        return Scenario.of(nvidiaNode("node1", gpu("uuid1", 0, 10, 8000, 100, 0))).allNodes();
    }

    private static Scenario twoDevices() {
        return Scenario.of(nvidiaNode("node1", gpu("uuid1", 0, 10, 8000, 100, 0), gpu("uuid2", 1, 10, 8000, 100, 0)))
                .allNodes();
    }

    /** Five pods worth of usage on one device: 5 slots, 4000 MiB, 50 % cores. */
    private static Scenario halfUsed(Scenario s, String uuid, String node) {
        return s.holding(node, (uuid + ",NVIDIA,800,10:;").repeat(5));
    }

    private static Pod pod1(Container... app) {
        return pod("p").app(app).build();
    }

    @Test
    void oneIdleDevice() {
        var r = oneDevice().filter(pod1(gpu1000x30("c")));
        assertThat(Scenario.nvidia(r)).isEqualTo("uuid1,NVIDIA,1000,30:;");
        assertThat(r.score()).isZero();
    }

    @Test
    void preUsedDeviceScores15() {
        var r = halfUsed(oneDevice(), "uuid1", "node1").filter(pod1(gpu1000x30("c")));
        assertThat(Scenario.nvidia(r)).isEqualTo("uuid1,NVIDIA,1000,30:;");
        assertThat(r.score()).isEqualTo(15f);
    }

    @Test
    void spreadTakesTheLastOfTwoIdleDevices() {
        assertThat(Scenario.nvidia(twoDevices().filter(pod1(gpu1000x30("c"))))).isEqualTo("uuid2,NVIDIA,1000,30:;");
    }

    @Test
    void spreadAvoidsTheHalfUsedDevice() {
        var r = halfUsed(twoDevices(), "uuid2", "node1").filter(pod1(gpu1000x30("c")));
        assertThat(Scenario.nvidia(r)).isEqualTo("uuid1,NVIDIA,1000,30:;");
        assertThat(r.score()).isEqualTo(7.5f);
    }

    @Test
    void twoGpusComeInPreferenceOrder() {
        var c = container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "1000", "nvidia.com/gpucores", "30");
        assertThat(Scenario.nvidia(twoDevices().filter(pod1(c))))
                .isEqualTo("uuid2,NVIDIA,1000,30:uuid1,NVIDIA,1000,30:;");
        var r = halfUsed(halfUsed(twoDevices(), "uuid1", "node1"), "uuid2", "node1").filter(pod1(c));
        assertThat(Scenario.nvidia(r)).isEqualTo("uuid2,NVIDIA,1000,30:uuid1,NVIDIA,1000,30:;");
        assertThat(r.score()).isEqualTo(15f);
    }

    @Test
    void twoNodesEachFitWithTheirOwnScores() {
        var s = halfUsed(Scenario.of(nvidiaNode("node1", gpu("uuid1", 0, 10, 8000, 100, 0)),
                nvidiaNode("node2", gpu("uuid2", 0, 10, 8000, 100, 0))).allNodes(), "uuid1", "node1");
        var r = s.filter(pod1(gpu1000x30("c")));
        assertThat(r.fittingNodes()).containsExactly(new FilterResult.ScoredNode("node1", 15f),
                new FilterResult.ScoredNode("node2", 0f));
        assertThat(r.node()).contains("node1");
    }

    @Test
    void containerEntriesArePositional() {
        assertThat(Scenario.nvidia(oneDevice().filter(pod1(gpu1000x30("a"), container("b")))))
                .isEqualTo("uuid1,NVIDIA,1000,30:;;");
        assertThat(Scenario.nvidia(oneDevice().filter(pod1(container("a"), gpu1000x30("b")))))
                .isEqualTo(";uuid1,NVIDIA,1000,30:;");
        assertThat(Scenario.nvidia(oneDevice().filter(pod1(container("a"), gpu1000x30("b"), container("c")))))
                .isEqualTo(";uuid1,NVIDIA,1000,30:;;");
    }

    @Test
    void spreadPlacesTwoContainersOnTwoDevices() {
        var r = twoDevices().filter(pod1(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "8000"),
                container("b", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")));
        assertThat(Scenario.nvidia(r)).isEqualTo("uuid2,NVIDIA,8000,0:;uuid1,NVIDIA,1000,0:;");
    }

    @Test
    void insufficientMemoryOnEveryNodeIsListedPerNode() {
        var tiny = Scenario.of(nvidiaNode("node1", gpu("uuid1", 0, 10, 50, 100, 0)),
                nvidiaNode("node2", gpu("uuid2", 0, 10, 50, 100, 0)));
        var r = tiny.filter(pod1(gpu1000x30("c")));
        assertThat(r.kind()).isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
        assertThat(r.failedNodes()).containsEntry("node1", "1/1 CardInsufficientMemory")
                .containsEntry("node2", "1/1 CardInsufficientMemory");
    }

    @Test
    void initContainersThatDoNotFit() {
        var s = twoDevices().holding("node1", "uuid1,NVIDIA,7500,80:;uuid2,NVIDIA,7500,80:;");
        var mem = pod("p").init(container("i", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "4000"))
                .app(container("a")).build();
        assertThat(s.filter(mem).failedNodes()).containsEntry("node1", "2/2 CardInsufficientMemory");
        var cores = pod("p").init(container("i", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "100",
                "nvidia.com/gpucores", "30")).app(container("a")).build();
        assertThat(s.filter(cores).failedNodes()).containsEntry("node1", "2/2 CardInsufficientCore");
    }

    @Test
    void issue1667InitContainerWithoutRequestKeepsItsEntry() {
        var p = pod("p").init(container("i0"), gpu1000x30("i1")).app(gpu1000x30("a")).build();
        assertThat(Scenario.nvidia(oneDevice().filter(p)))
                .isEqualTo(";uuid1,NVIDIA,1000,30:;uuid1,NVIDIA,1000,30:;");
    }

    @Test
    void initCapacityIsResetForAppContainers() {
        var s = twoDevices().gpuPolicy("binpack");
        var p = pod("p").init(container("i", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000"))
                .app(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")).build();
        assertThat(Scenario.nvidia(s.filter(p))).isEqualTo("uuid2,NVIDIA,1000,0:;uuid2,NVIDIA,1000,0:;");
        var two = pod("p").init(container("i", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "1000"))
                .app(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1000")).build();
        assertThat(Scenario.nvidia(s.filter(two)))
                .isEqualTo("uuid2,NVIDIA,1000,0:uuid1,NVIDIA,1000,0:;uuid2,NVIDIA,1000,0:;");
    }

    @Test
    void twoSharingContainersStayOnEachNodesOnlyDevice() {
        var s = Scenario.of(nvidiaNode("node1", gpu("g1", 0, 10, 8000, 100, 0)),
                nvidiaNode("node2", gpu("g2", 0, 10, 8000, 100, 0)));
        var p = pod1(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "30"),
                container("b", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "40"));
        var r = s.filter(p);
        String g = r.node().orElseThrow().equals("node1") ? "g1" : "g2";
        assertThat(Scenario.nvidia(r)).isEqualTo(g + ",NVIDIA,2400,0:;" + g + ",NVIDIA,3200,0:;");
    }

    @Test
    void invalidWeightsFailTheWholeFilter() {
        var p = pod("p").annotate("hami.io/device-scoring-weights", "slot=1,core=-1,memory=1")
                .app(gpu1000x30("c")).build();
        var r = oneDevice().filter(p);
        assertThat(r.kind()).isEqualTo(FilterResult.Kind.ERROR);
        assertThat(r.error()).contains("\"core\" weight must not be negative");
    }

    /** gpu-a: 1 slot, 90 % cores, 10 MiB used; gpu-b: 7 slots, 10 %, 20 MiB (of 10 slots, 100 MiB). */
    private static Scenario weighted(String gpuPolicy) {
        return Scenario.of(nvidiaNode("node1", gpu("gpu-a", 0, 10, 100, 100, 0), gpu("gpu-b", 1, 10, 100, 100, 0)))
                .holding("node1", "gpu-a,NVIDIA,10,90:;")
                .holding("node1", "gpu-b,NVIDIA,20,10:;" + "gpu-b,NVIDIA,0,0:;".repeat(6))
                .gpuPolicy(gpuPolicy);
    }

    private static Pod weightedPod(String weights, boolean init) {
        var c = container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "40");
        var b = pod("p");
        if (weights != null) {
            b.annotate("hami.io/device-scoring-weights", weights);
        }
        return init ? b.init(c).app(container("a")).build() : b.app(c).build();
    }

    @Test
    void weightsChangeTheBinpackChoice() {
        assertThat(Scenario.nvidia(weighted("binpack").filter(weightedPod(null, false)))).startsWith("gpu-a");
        assertThat(Scenario.nvidia(weighted("binpack").filter(weightedPod("slot=1,core=1,memory=3", false))))
                .startsWith("gpu-b");
        assertThat(Scenario.nvidia(weighted("binpack").filter(weightedPod("slot=1,core=1,memory=3", true))))
                .isEqualTo("gpu-b,NVIDIA,40,0:;;");
    }

    @Test
    void topologyAwareWithEqualLinksFollowsTheUtilisationOrder() {
        assertThat(Scenario.nvidia(weighted("topology-aware").filter(weightedPod(null, false)))).startsWith("gpu-b");
        assertThat(Scenario.nvidia(weighted("topology-aware").filter(weightedPod("slot=1,core=1,memory=3", false))))
                .startsWith("gpu-a");
    }

    @Test
    void twoDeviceTypesInOneContainerGetTheirOwnEntries() {
        var node = io.hami.scheduler.Kube.node("node1", io.hami.scheduler.Kube.map(
                "hami.io/node-nvidia-register", "[{\"id\":\"G\",\"count\":10,\"devmem\":8000,\"devcore\":100,"
                        + "\"type\":\"NVIDIA\",\"health\":true}]",
                "hami.io/node-dcu-register", "DCU-1,4,16384,100,DCU-Z100,0,true,0,hami:"));
        var r = Scenario.of(node).filter(pod1(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "10",
                "hygon.com/dcunum", "1", "hygon.com/dcumem", "20")));
        assertThat(Scenario.nvidia(r)).isEqualTo("G,NVIDIA,10,0:;");
        assertThat(Scenario.allocation(r, "hygon")).isEqualTo("DCU-1,DCU,20,100:;");
        assertThat(r.annotations(java.time.Instant.ofEpochSecond(1700000000))).containsEntry("hami.io/vgpu-node", "node1")
                .containsEntry("hami.io/vgpu-time", "1700000000")
                .containsEntry("hami.io/vgpu-devices-to-allocate", "G,NVIDIA,10,0:;")
                .containsEntry("hami.io/vgpu-devices-allocated", "G,NVIDIA,10,0:;")
                .containsEntry("hami.io/dcu-devices-to-allocate", "DCU-1,DCU,20,100:;")
                .containsEntry("hami.io/dcu-devices-allocated", "DCU-1,DCU,20,100:;");
        assertThat(r.labels()).containsExactlyEntriesOf(java.util.Map.of("hami.io/vgpu-node", "node1"));
        assertThat(r.reservation().orElseThrow().devices().keySet()).containsExactlyInAnyOrder("nvidia", "hygon");
    }

    @Test
    void podsWithoutDeviceRequestsPassThroughAndUnknownNodesAreUnregistered() {
        assertThat(oneDevice().filter(pod1(container("c"))).kind()).isEqualTo(FilterResult.Kind.PASS_THROUGH);
        var r = Filter.decide(pod1(gpu1000x30("c")), List.of("ghost", "node1"), oneDevice().snapshot(),
                oneDevice().config());
        assertThat(r.node()).contains("node1");
        assertThat(r.failedNodes()).containsEntry("ghost", "node unregistered");
        var none = Filter.decide(pod1(gpu1000x30("c")), List.of(), oneDevice().snapshot(), oneDevice().config());
        assertThat(none.kind()).isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
        assertThat(none.failedNodes()).isEmpty();
    }

    @Test
    void aPodFilteredAgainDoesNotCountItsOwnReservation() {
        var s = oneDevice();
        var p = pod1(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "8000"));
        var first = s.filter(p);
        var reserved = s.snapshot().toBuilder().putPod(first.reservation().orElseThrow()).build();
        var again = Filter.decide(p, List.of("node1"), reserved, s.config());
        assertThat(again.node()).contains("node1");
        var other = pod("q").app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "8000")).build();
        assertThat(Filter.decide(other, List.of("node1"), reserved, s.config()).failedNodes())
                .containsEntry("node1", "1/1 CardInsufficientMemory");
    }
}
