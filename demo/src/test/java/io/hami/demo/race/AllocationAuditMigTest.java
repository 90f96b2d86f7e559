package io.hami.demo.race;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.demo.node.NodeLayout;
import io.hami.demo.node.StartedContainer;
import io.hami.demo.report.ClusterSnapshot;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigRuntime;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.HamiAnnotations;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AllocationAudit} on a GPU in MIG mode: MIG devices instead of HAMi-core's limits, placements apart. */
class AllocationAuditMigTest {

    static final String NODE = "gpu-a100-mig-1";
    static final String GPU = "GPU-a1004010-0001-4e2b-8f3a-6d5e4c3b2a30";
    static final String MIG_UUID = "MIG-a1004010-0001-4e2b-8f3a-6d5e00000001";

    @TempDir
    Path dir;

    private static ClusterSnapshot snapshot() {
        var gpu = new ClusterSnapshot.GpuView(GPU, 0, "NVIDIA A100-SXM4-40GB", 7, 40960, 100, List.of(), 0, 0, 0,
                "nvidia", "mig");
        return new ClusterSnapshot(List.of(new ClusterSnapshot.NodeView(NODE, List.of(gpu), List.of())), List.of(),
                List.of());
    }

    private static Pod pod(String name, String uid, long start, MigRuntime made) {
        return pod(name, uid, start, made, 14);
    }

    private static Pod pod(String name, String uid, long start, MigRuntime made, int cores) {
        var allocation = PodDevices.of(ContainerDevices.of(new ContainerDevice(GPU, "NVIDIA", 4864, cores)));
        var mig = new MigAllocations(List.of(new MigAllocation(0, 0, GPU, "1g.5gb", new MigPlacement(start, 1), made)));
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid(uid)
                .addToAnnotations(ClusterSnapshot.ALLOCATED, PodDevicesCodec.INSTANCE.encode(allocation))
                .addToAnnotations(HamiAnnotations.MIG_ALLOCATIONS, MigAllocationsCodec.INSTANCE.encode(mig))
                .endMetadata().withNewSpec().withNodeName(NODE).addNewContainer().withName("main").withNewResources()
                .addToLimits(ClusterSnapshot.GPU_RESOURCE, new Quantity("1")).endResources().endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build();
    }

    private void started(String uid, Map<String, String> env) throws Exception {
        var layout = new NodeLayout(dir).create();
        new StartedContainer("default", "p", uid, "main", List.of(GPU + "-0"), env, List.of(), List.of(),
                StartedContainer.Timeline.NONE)
                .write(layout.startedFile(uid, "main"));
    }

    @Test
    void aContainerGivenTheMigDeviceMadeForItPasses() throws Exception {
        started("u1", Map.of("NVIDIA_VISIBLE_DEVICES", MIG_UUID));

        var result = AllocationAudit.audit(snapshot(), List.of(pod("p", "u1", 6, new MigRuntime(MIG_UUID, 1, 0))),
                Map.of(NODE, dir));

        assertThat(result.violations()).isEmpty();
        assertThat(result.allocationsChecked()).isEqualTo(1);
    }

    @Test
    void anotherDeviceHamiCoreLimitsOrNoInstanceAreViolations() throws Exception {
        started("u1", Map.of("NVIDIA_VISIBLE_DEVICES", GPU, "CUDA_DEVICE_MEMORY_LIMIT_0", "4864m"));

        var result = AllocationAudit.audit(snapshot(), List.of(pod("p", "u1", 6, new MigRuntime(MIG_UUID, 1, 0))),
                Map.of(NODE, dir));

        assertThat(result.violations()).containsExactly(
                NODE + " default/p/main: Allocate gave HAMi-core limits to a container on MIG devices",
                NODE + " default/p/main: NVIDIA_VISIBLE_DEVICES=" + GPU + ", but the MIG devices made for it are ["
                        + MIG_UUID + "]");

        var unmade = AllocationAudit.audit(snapshot(), List.of(pod("p", "u1", 6, null)), Map.of(NODE, dir));
        assertThat(unmade.violations()).contains(NODE + " default/p/main: started, but no MIG instance is recorded for "
                + "its 1g.5gb reservation");
    }

    @Test
    void twoPodsReservingTheSameSliceAreAViolation() throws Exception {
        var result = AllocationAudit.audit(snapshot(), List.of(pod("a", "u1", 6, null), pod("b", "u2", 6, null)),
                Map.of());

        assertThat(result.violations()).singleElement().asString()
                .startsWith(NODE + " " + GPU + ": MIG placements overlap: default/")
                .contains("1g.5gb at 6+1");
    }

    @Test
    void sevenOneSliceInstancesBookingMoreThanTheGpusCoresAreNoViolation() throws Exception {
        // 1g.5gb registers 15 % (its SMs over the largest profile's, rounded up): seven book 105 of 100, yet fit
        var pods = java.util.stream.IntStream.range(0, 7).mapToObj(i -> pod("p" + i, "u" + i, i, null, 15)).toList();

        var result = AllocationAudit.audit(snapshot(), pods, Map.of());

        assertThat(result.violations()).isEmpty();
    }
}
