package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.device.NodeDevice;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import org.junit.jupiter.api.Test;

/** device_test.go: the NVIDIA Fit table, cordons, numa switching, mutex and MIG, through a one-node filter. */
class DeviceFitTest {

    private static Pod gpuPod(String... resources) {
        return pod("p").app(container("c", resources)).build();
    }

    private static String outcome(Scenario s, Pod pod) {
        FilterResult r = s.filter(pod);
        return switch (r.kind()) {
            case SCHEDULED -> Scenario.nvidia(r);
            case UNSCHEDULABLE -> r.failedNodes().get("n");
            default -> r.kind() + " " + r.error();
        };
    }

    private static Scenario node(NodeDevice... devices) {
        return Scenario.of(nvidiaNode("n", devices));
    }

    @Test
    void twoFreeDevicesPickTheLast() {
        assertThat(outcome(node(gpu("dev-0", 0, 100, 1024, 100, 0), gpu("dev-1", 1, 100, 1024, 100, 0)),
                gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "64", "nvidia.com/gpucores", "50")))
                .isEqualTo("dev-1,NVIDIA,64,50:;");
    }

    @Test
    void cardInsufficientMemory() {
        assertThat(outcome(node(gpu("dev-0", 0, 100, 128, 100, 0)), gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "512")))
                .isEqualTo("1/1 CardInsufficientMemory");
    }

    @Test
    void cardInsufficientCore() {
        var s = node(gpu("dev-0", 0, 100, 1280, 100, 0)).holding("n", "dev-0,NVIDIA,0,100:;");
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "64", "nvidia.com/gpucores", "50")))
                .isEqualTo("1/1 CardInsufficientCore");
    }

    @Test
    void cardTypeMismatch() {
        var s = Scenario.of(nvidiaNode("n", Kube.model("dev-0", 0, "NVIDIA A100-SXM4-40GB", 1024)));
        Pod p = pod("p").annotate("nvidia.com/nouse-gputype", "a100")
                .app(container("c", "nvidia.com/gpu", "1")).build();
        assertThat(outcome(s, p)).isEqualTo("1/1 CardTypeMismatch");
        Pod mode = pod("p").annotate("nvidia.com/vgpu-mode", "mps").app(container("c", "nvidia.com/gpu", "1")).build();
        assertThat(outcome(s, mode)).isEqualTo("1/1 CardTypeMismatch");
        Pod hamiCore = pod("p").annotate("nvidia.com/vgpu-mode", "hami-core")
                .app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "10")).build();
        assertThat(outcome(s, hamiCore)).isEqualTo("dev-0,NVIDIA,10,0:;");
    }

    @Test
    void cardUuidMismatch() {
        var s = node(gpu("dev-1", 0, 100, 1024, 100, 0));
        assertThat(outcome(s, pod("p").annotate("nvidia.com/use-gpuuuid", "dev-0")
                .app(container("c", "nvidia.com/gpu", "1")).build())).isEqualTo("1/1 CardUuidMismatch");
        assertThat(outcome(s, pod("p").annotate("nvidia.com/nouse-gpuuuid", "dev-1")
                .app(container("c", "nvidia.com/gpu", "1")).build())).isEqualTo("1/1 CardUuidMismatch");
        assertThat(outcome(s, pod("p").annotate("nvidia.com/use-gpuuuid", "  ")
                .app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "1")).build())).startsWith("dev-1");
    }

    @Test
    void cardTimeSlicingExhausted() {
        var s = node(gpu("dev-0", 0, 1, 1024, 100, 0)).holding("n", "dev-0,NVIDIA,10,10:;");
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "10", "nvidia.com/gpucores", "10")))
                .isEqualTo("1/1 CardTimeSlicingExhausted");
    }

    @Test
    void coresAbove100AreClamped() {
        assertThat(outcome(node(gpu("dev-0", 0, 100, 1024, 100, 0)),
                gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "64", "nvidia.com/gpucores", "120")))
                .isEqualTo("dev-0,NVIDIA,64,100:;");
    }

    @Test
    void exclusiveDeviceAllocateConflict() {
        var s = node(gpu("dev-0", 0, 100, 1024, 100, 0)).holding("n", "dev-0,NVIDIA,10,0:;");
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "64", "nvidia.com/gpucores", "100")))
                .isEqualTo("1/1 ExclusiveDeviceAllocateConflict");
    }

    @Test
    void cardComputeUnitsExhausted() {
        var s = node(gpu("dev-0", 0, 100, 1024, 100, 0)).holding("n", "dev-0,NVIDIA,10,100:;");
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "64")))
                .isEqualTo("1/1 CardComputeUnitsExhausted");
    }

    @Test
    void moreDevicesThanTheNodeHasIsNodeInsufficientDevice() {
        assertThat(outcome(node(gpu("dev-0", 0, 100, 1024, 100, 0)), gpuPod("nvidia.com/gpu", "2")))
                .isEqualTo("NodeInsufficientDevice");
    }

    @Test
    void allocatedCardsInsufficientRequest() {
        var s = node(gpu("dev-0", 0, 100, 1024, 100, 0), gpu("dev-1", 1, 100, 128, 100, 0));
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "2", "nvidia.com/gpumem", "512")))
                .isEqualTo("1/2 AllocatedCardsInsufficientRequest, 1/2 CardInsufficientMemory");
    }

    @Test
    void percentageResolvesAgainstTheDevice() {
        assertThat(outcome(node(gpu("dev-0", 0, 100, 1024, 100, 0)),
                gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "10"))).isEqualTo("dev-0,NVIDIA,102,0:;");
    }

    @Test
    void gpumemPercentageZeroBooksTheWholeCard() {
        var s = node(gpu("dev-0", 0, 10, 11264, 100, 0)).holding("n", "dev-0,NVIDIA,11260,0:;");
        assertThat(outcome(s, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "0")))
                .isEqualTo("1/1 CardInsufficientMemory");
        assertThat(outcome(node(gpu("dev-0", 0, 10, 11264, 100, 0)),
                gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "0"))).isEqualTo("dev-0,NVIDIA,11264,0:;");
    }

    @Test
    void cardNotHealth() {
        var sick = NodeDevice.of("dev-0", 0, 100, 1024, 100, "NVIDIA", 0, "hami-core", false);
        assertThat(outcome(node(sick), gpuPod("nvidia.com/gpu", "1"))).isEqualTo("1/1 CardNotHealth");
    }

    @Test
    void cordonedDevicesAreNeverChosenButTheirUsageStillCounts() {
        var devices = new NodeDevice[] {gpu("dev-0", 0, 10, 1024, 100, 0), gpu("dev-1", 1, 10, 1024, 100, 0)};
        var one = Scenario.of(Kube.node("n", Kube.map("hami.io/node-nvidia-register",
                io.hami.model.annotation.NodeRegisterCodec.INSTANCE.encode(
                        new io.hami.model.device.NodeRegistration(java.util.List.of(devices))),
                "hami.io/device-cordon", "dev-1, "))).holding("n", "dev-1,NVIDIA,500,0:;");
        assertThat(outcome(one, gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem", "10"))).isEqualTo("dev-0,NVIDIA,10,0:;");
        assertThat(one.snapshot().node("n").orElseThrow().usedMem(1)).isEqualTo(500);
        var both = Scenario.of(Kube.node("n", Kube.map("hami.io/node-nvidia-register",
                io.hami.model.annotation.NodeRegisterCodec.INSTANCE.encode(
                        new io.hami.model.device.NodeRegistration(java.util.List.of(devices))),
                "hami.io/device-cordon", "dev-0,dev-1")));
        assertThat(outcome(both, gpuPod("nvidia.com/gpu", "1"))).isEqualTo("2/2 CardCordoned");
    }

    @Test
    void numaSwitchingCollectsOnOneNumaNode() {
        var s = node(gpu("dev-0", 0, 10, 1024, 100, 1), gpu("dev-1", 1, 10, 1024, 100, 1),
                gpu("dev-2", 2, 10, 1024, 100, 0));
        Pod p = pod("p").annotate("nvidia.com/numa-bind", "true")
                .app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "10")).build();
        assertThat(outcome(s, p)).isEqualTo("dev-1,NVIDIA,10,0:dev-0,NVIDIA,10,0:;");
    }

    @Test
    void numaNotFitWhenNoNumaNodeHasEnough() {
        var s = node(gpu("dev-0", 0, 10, 1024, 100, 0), gpu("dev-1", 1, 10, 1024, 100, 1));
        Pod p = pod("p").annotate("nvidia.com/numa-bind", "true")
                .app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "10")).build();
        assertThat(outcome(s, p)).isEqualTo("1/2 AllocatedCardsInsufficientRequest, 1/2 NumaNotFit");
    }

    @Test
    void mutexPicksTheIdleDeviceAndNeverShares() {
        var s = node(gpu("dev-0", 0, 10, 1024, 100, 0), gpu("dev-1", 1, 10, 1024, 100, 0))
                .holding("n", "dev-1,NVIDIA,10,10:;");
        Pod one = pod("p").annotate("hami.io/gpu-scheduler-policy", "mutex")
                .app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "10")).build();
        assertThat(outcome(s, one)).isEqualTo("dev-0,NVIDIA,10,0:;");
        Pod two = pod("p").annotate("hami.io/gpu-scheduler-policy", "mutex")
                .app(container("c", "nvidia.com/gpu", "2", "nvidia.com/gpumem", "10")).build();
        assertThat(outcome(s, two)).isEqualTo("1/2 AllocatedCardsInsufficientRequest, 1/2 ExclusiveDeviceAllocateConflict");
    }

    @Test
    void migDeviceWithoutProfilesHasNoPlacement() {
        var mig = NodeDevice.of("mig-0", 0, 7, 8192, 100, "NVIDIA", 0, "mig", true);
        assertThat(outcome(node(mig), gpuPod("nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "50")))
                .isEqualTo("1/1 CardMigTopologyInfeasible");
    }
}
