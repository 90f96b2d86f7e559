package io.hami.scheduler.fit;

import static io.hami.scheduler.Kube.container;
import static io.hami.scheduler.Kube.gpu;
import static io.hami.scheduler.Kube.nvidiaNode;
import static io.hami.scheduler.Kube.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.model.device.NodeDevice;
import io.hami.scheduler.Kube;
import io.hami.scheduler.Scenario;
import io.hami.scheduler.filter.FilterResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fitting onto GPUs in {@code mode: mig} (mig_allocation_test.go and the MIG cases of device_test.go): the profile and
 * placement chosen, several instances of one GPU, the reservation annotation, and the usage of scheduled MIG pods with
 * its fail-closed rules.
 */
class MigFitTest {

    private static final String MIG_KEY = "hami.io/vgpu-mig-allocations";
    private static final String ALLOCATED = "hami.io/vgpu-devices-allocated";

    /** A MIG GPU of 40960 MiB offering {@code 1g.5gb} (5120 MiB, 14 cores) at these slices. */
    private static NodeDevice migGpu(String id, int index, long... starts) {
        var placements = new ArrayList<MigPlacement>();
        for (long s : starts) {
            placements.add(new MigPlacement(s, 1));
        }
        return new NodeDevice(id, index, 7, 40960, 100, "NVIDIA", 0, "mig", true,
                List.of(new MigProfile("1g.5gb", 5120, 14, 1, placements)), null);
    }

    /** An A100-40GB in MIG mode. */
    private static NodeDevice a100(String id) {
        return new NodeDevice(id, 0, 7, 40960, 100, "NVIDIA", 0, "mig", true, MigPlacerTest.A100, null);
    }

    private static Pod gpus(String count, String mem, String... annotations) {
        return pod("p").annotate(annotations).app(container("c", "nvidia.com/gpu", count, "nvidia.com/gpumem", mem))
                .build();
    }

    private static String failure(Scenario s, Pod pod) {
        FilterResult r = s.filter(pod);
        assertThat(r.kind()).as("%s", r).isEqualTo(FilterResult.Kind.UNSCHEDULABLE);
        return r.failedNodes().get("n");
    }

    private static String reservations(FilterResult r) {
        assertThat(r.kind()).as("%s", r).isEqualTo(FilterResult.Kind.SCHEDULED);
        return r.annotations(Instant.EPOCH).get(MIG_KEY);
    }

    private static String entry(int container, int device, String gpu, String profile, long start, long size) {
        return "{\"containerIndex\":" + container + ",\"deviceIndex\":" + device + ",\"gpuUUID\":\"" + gpu
                + "\",\"profile\":\"" + profile + "\",\"placement\":{\"start\":" + start + ",\"size\":" + size + "}}";
    }

    @Test
    void requestGetsTheSmallestProfileThatHoldsItAndBooksTheProfile() {
        var s = Scenario.of(nvidiaNode("n", a100("GPU-a")));
        FilterResult r = s.filter(gpus("1", "6000"));
        assertThat(Scenario.nvidia(r)).isEqualTo("GPU-a,NVIDIA,9856,29:;");
        assertThat(reservations(r)).isEqualTo("[" + entry(0, 0, "GPU-a", "2g.10gb", 0, 2) + "]");
        assertThat(r.reservation().orElseThrow().mig()).hasSize(1);
    }

    @Test
    void oneContainerTakesTwoInstancesOfOneGpu() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 0, 1, 2, 3, 4, 5, 6)));
        FilterResult r = s.filter(gpus("2", "4000", "nvidia.com/vgpu-mode", "mig"));
        assertThat(Scenario.nvidia(r)).isEqualTo("GPU-a,NVIDIA,5120,14:GPU-a,NVIDIA,5120,14:;");
        assertThat(reservations(r)).isEqualTo("[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1) + ","
                + entry(0, 1, "GPU-a", "1g.5gb", 5, 1) + "]");
    }

    @Test
    void quotaCountsTheContainersEarlierInstancesWithWhatWasAsked() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6)))
                .quota(Kube.quota("default", "q", "limits.nvidia.com/gpumem", "9000"));
        assertThat(Scenario.nvidia(s.filter(gpus("2", "4000"))))
                .isEqualTo("GPU-a,NVIDIA,5120,14:GPU-a,NVIDIA,5120,14:;");
        var scheduled = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 4, 5, 6)))
                .quota(Kube.quota("default", "q", "limits.nvidia.com/gpumem", "9000"))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,5120,14:;",
                        MIG_KEY, "[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1) + "]");
        assertThat(failure(scheduled, gpus("1", "4000"))).isEqualTo("1/1 ResourceQuotaNotFit");
    }

    @Test
    void twoInstancesOnAGpuWithOnePlacementFailAsTheFitDoes() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 6)));
        String reason = failure(s, gpus("2", "4000", "nvidia.com/vgpu-mode", "mig"));
        assertThat(reason).contains("1/1 CardMigTopologyInfeasible").contains("1/1 AllocatedCardsInsufficientRequest");
    }

    @Test
    void moreGpusThanTheNodeHasStillFailsWithoutMig() {
        assertThat(failure(Scenario.of(nvidiaNode("n", gpu("GPU-a", 0, 7, 40960, 100, 0))), gpus("2", "4000")))
                .isEqualTo("NodeInsufficientDevice");
        var mig = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6)));
        assertThat(failure(mig, gpus("2", "4000", "nvidia.com/vgpu-mode", "hami-core")))
                .isEqualTo("NodeInsufficientDevice");
        assertThat(Scenario.nvidia(mig.filter(gpus("2", "4000")))).startsWith("GPU-a,NVIDIA,5120,14:GPU-a");
    }

    @Test
    void anInstanceOnAnotherGpuLeavesThisGpusPlacementFree() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 6), migGpu("GPU-b", 1, 6)));
        FilterResult r = s.filter(gpus("2", "4000"));
        assertThat(reservations(r)).isEqualTo("[" + entry(0, 0, "GPU-b", "1g.5gb", 6, 1) + ","
                + entry(0, 1, "GPU-a", "1g.5gb", 6, 1) + "]");
    }

    @Test
    void percentageRequestNeedsAProfileOfThatShareOfTheGpu() {
        var s = Scenario.of(nvidiaNode("n", a100("GPU-a")))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,9856,29:GPU-a,NVIDIA,9856,29:GPU-a,NVIDIA,9856,29:;",
                        MIG_KEY, "[" + entry(0, 0, "GPU-a", "2g.10gb", 0, 2) + "," + entry(0, 1, "GPU-a", "2g.10gb", 2, 2)
                                + "," + entry(0, 2, "GPU-a", "2g.10gb", 4, 2) + "]");
        Pod quarter = pod("p").app(container("c", "nvidia.com/gpu", "1", "nvidia.com/gpumem-percentage", "25")).build();
        assertThat(failure(s, quarter)).isEqualTo("1/1 CardMigTopologyInfeasible");
        assertThat(reservations(s.filter(gpus("1", "4000")))).isEqualTo("[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1) + "]");
    }

    @Test
    void profileRegisteringNegativeCoresIsNotChosen() {
        var broken = new NodeDevice("GPU-a", 0, 7, 40960, 100, "NVIDIA", 0, "mig", true,
                List.of(new MigProfile("1g.5gb", 5120, -14, 1, List.of(new MigPlacement(6, 1)))), null);
        assertThat(failure(Scenario.of(nvidiaNode("n", broken)), gpus("1", "10")))
                .isEqualTo("1/1 CardMigTopologyInfeasible");
    }

    @Test
    void requestLargerThanEveryProfileIsInfeasible() {
        assertThat(failure(Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 6))), gpus("1", "6000")))
                .isEqualTo("1/1 CardMigTopologyInfeasible");
    }

    @Test
    void laterContainerSeesTheInstanceOfAnEarlierOne() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6)));
        Pod p = pod("p").app(container("a", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "10"),
                container("b", "nvidia.com/gpu", "1", "nvidia.com/gpumem", "10")).build();
        assertThat(reservations(s.filter(p))).isEqualTo("[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1) + ","
                + entry(1, 0, "GPU-a", "1g.5gb", 5, 1) + "]");
    }

    @Test
    void scheduledReservationsOccupyTheirPlacements() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 4, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,5120,14:;",
                        MIG_KEY, "[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1).replace("}}",
                                "},\"migUUID\":\"MIG-a\",\"gpuInstanceID\":7,\"computeInstanceID\":0}") + "]");
        assertThat(reservations(s.filter(gpus("1", "10")))).isEqualTo("[" + entry(0, 0, "GPU-a", "1g.5gb", 5, 1) + "]");
    }

    @Test
    void reservationsBeyondThePodsDeviceEntriesStillOccupyTheirPlacements() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 4, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,5120,14:;", MIG_KEY,
                        "[" + entry(0, 0, "GPU-a", "1g.5gb", 6, 1) + "," + entry(0, 1, "GPU-a", "1g.5gb", 5, 1) + "]");
        assertThat(reservations(s.filter(gpus("1", "10")))).isEqualTo("[" + entry(0, 0, "GPU-a", "1g.5gb", 4, 1) + "]");
    }

    @Test
    void migGpuHeldWithoutAReservationIsNotChosen() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,5120,14:;");
        assertThat(failure(s, gpus("1", "10"))).isEqualTo("1/1 CardNotHealth");
    }

    @Test
    void migGpuHeldWithAnUnreadableReservationIsNotChosen() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-a,NVIDIA,5120,14:;", MIG_KEY, "[{\"containerIndex\":0");
        assertThat(failure(s, gpus("1", "10"))).isEqualTo("1/1 CardNotHealth");
    }

    @Test
    void migGpuHeldInHamisFormBeforeV210IsNotChosen() {
        var s = Scenario.of(nvidiaNode("n", migGpu("GPU-a", 0, 5, 6), migGpu("GPU-b", 1, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-a[0-1],NVIDIA,5120,14:;");
        assertThat(failure(s, gpus("1", "10", "nvidia.com/use-gpuuuid", "GPU-a")))
                .isEqualTo("1/2 CardNotHealth, 1/2 CardUuidMismatch");
        assertThat(Scenario.nvidia(s.filter(gpus("1", "10")))).startsWith("GPU-b,");
    }

    @Test
    void reservationOnAGpuOfAnotherModeMarksThatGpu() {
        var s = Scenario.of(nvidiaNode("n", gpu("GPU-h", 0, 10, 40960, 100, 0), migGpu("GPU-a", 1, 5, 6)))
                .holdingAnnotated("n", ALLOCATED, "GPU-h,NVIDIA,5120,14:;",
                        MIG_KEY, "[" + entry(0, 0, "GPU-h", "1g.5gb", 6, 1) + "]");
        assertThat(failure(s, gpus("1", "10", "nvidia.com/vgpu-mode", "hami-core")))
                .isEqualTo("1/2 CardNotHealth, 1/2 CardTypeMismatch");
        assertThat(Scenario.nvidia(s.filter(gpus("1", "10")))).startsWith("GPU-a,");
    }

    @Test
    void reservationOnAnUnknownGpuMarksEveryMigGpuOfTheNode() {
        var s = Scenario.of(nvidiaNode("n", gpu("GPU-h", 0, 10, 40960, 100, 0), migGpu("GPU-a", 1, 5, 6)))
                .holdingAnnotated("n", MIG_KEY, "[" + entry(0, 0, "GPU-gone", "1g.5gb", 6, 1) + "]");
        assertThat(failure(s, gpus("1", "10", "nvidia.com/vgpu-mode", "mig")))
                .isEqualTo("1/2 CardNotHealth, 1/2 CardTypeMismatch");
        assertThat(Scenario.nvidia(s.filter(gpus("1", "10")))).startsWith("GPU-h,");
    }
}
