package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hami.deviceplugin.PluginFixture;
import io.hami.kubelet.v1beta1.AllocateResponse;
import io.hami.model.protocol.HamiAnnotations;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Hygon container that takes part of a DCU gets its vDCU configuration (docs/vendors.md, "Hygon vDCUs"): the files,
 * their mounts, all-or-nothing on failure, and what survives a restart of the plugin.
 */
@EnableKubernetesMockClient(crud = true)
class HygonVdcuAllocateTest extends VendorNodeFixture {
    KubernetesClient client;

    @Override
    KubernetesClient client() {
        return client;
    }

    /** The names under the vDCU directory and the exporter's directory, relative to the test's directory, sorted. */
    private List<String> vdcuFiles() throws IOException {
        var out = new ArrayList<String>();
        for (var dir : List.of(hygon().vdcuDirectory(), hygon().vdevDirectory())) {
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    files.map(f -> tmp.relativize(f).toString()).forEach(out::add);
                }
            }
        }
        return out.stream().sorted().toList();
    }

    /** Allocates a pod bound here with one container taking {@code mib} MiB and {@code cores} % of the node's 2nd card. */
    private AllocateResponse allocateHygon(String pod, int mib, int cores) throws Exception {
        boundPod(pod, ";" + allocationId(1) + ",DCU," + mib + "," + cores + ":;");
        return kubelet.allocate(type.resources().count(), List.of(List.of(devices.get(0).uuid() + "-0")));
    }

    @Test
    void aHygonContainerTakingPartOfACardGetsItsVdcuConfigurationInTwoFiles() throws Exception {
        start("hygon");

        allocateHygon("job", 16384, 25);

        var name = uid("job") + "_work_1_0_0_0000000000007fff_0000000000000000";
        assertThat(Files.readString(hygon().vdcuDirectory().resolve(name).resolve("vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:16:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 0
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
        assertThat(Files.readString(hygon().vdevDirectory().resolve("vdev0.conf"))).isEqualTo("""
                PciBusId: 0000:16:00.0
                cu_mask: 0x0000000000007fff
                cu_mask: 0x0000000000000000
                cu_count: 15
                mem: 16384 MiB
                device_id: 1
                vdev_id: 0
                pipe_id: 0
                enable: 1
                """);
    }

    @Test
    void aHygonContainerWithTheWholeCardsMemoryGetsTheWholeCard() throws Exception {
        start("hygon");

        var response = allocateHygon("job", (int) devices.get(1).memoryMiB().orElseThrow(), 50);

        assertThat(response.getContainerResponses(0).getMountsList()).extracting(m -> m.getContainerPath())
                .containsExactly("/opt/hyhal");
        assertThat(vdcuFiles()).isEmpty();
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "success");
    }

    @Test
    void aHygonAllocateThatFailsAfterWritingLeavesNoFileBehindAndFreesTheIds() throws Exception {
        start("hygon");
        Files.writeString(hygon().vdevDirectory(), "a file where the exporter's directory should be");

        assertThatThrownBy(() -> allocateHygon("job", 16384, 25))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                    assertThat(e.getStatus().getDescription()).startsWith("pod default/job: container work: ");
                });
        assertThat(podAnnotations("job")).containsEntry(HamiAnnotations.BIND_PHASE, "failed");
        assertThat(vdcuFiles()).isEmpty();

        Files.delete(hygon().vdevDirectory());
        allocateHygon("next", 16384, 25);
        assertThat(vdcuFiles()).containsExactly("etc-vdev/vdev0.conf",
                "vgpu/dcu/" + uid("next") + "_work_1_0_0_0000000000007fff_0000000000000000");
    }

    @Test
    void aRestartedHygonPluginKeepsTheVdcusOfPodsThatExistAndReleasesThoseOfPodsThatAreGone() throws Exception {
        start("hygon");
        allocateHygon("kept", 8192, 25);
        allocateHygon("gone", 8192, 25);
        var kept = uid("kept") + "_work_1_0_0_0000000000007fff_0000000000000000";
        assertThat(vdcuFiles()).containsExactlyInAnyOrder("etc-vdev/vdev0.conf", "etc-vdev/vdev1.conf",
                "vgpu/dcu/" + uid("gone") + "_work_1_1_1_000000003fff8000_0000000000000000", "vgpu/dcu/" + kept);
        client.pods().inNamespace("default").withName("gone").delete();
        stop();

        start("hygon"); // its first sweep runs at once
        awaitVdcuFiles(files -> files.size() == 2);
        allocateHygon("after", 8192, 50);

        assertThat(vdcuFiles()).containsExactlyInAnyOrder("etc-vdev/vdev0.conf", "etc-vdev/vdev1.conf",
                "vgpu/dcu/" + uid("after") + "_work_1_1_1_00001fffffff8000_0000000000000000", "vgpu/dcu/" + kept);
    }

    private void awaitVdcuFiles(java.util.function.Predicate<List<String>> done) throws Exception {
        var deadline = System.nanoTime() + PluginFixture.WAIT.toNanos();
        while (!done.test(vdcuFiles())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the vDCU files never matched: " + vdcuFiles());
            }
            Thread.sleep(20);
        }
    }
}
