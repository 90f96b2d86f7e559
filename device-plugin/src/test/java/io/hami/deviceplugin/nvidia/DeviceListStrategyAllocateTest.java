package io.hami.deviceplugin.nvidia;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static io.hami.deviceplugin.PluginFixture.container;
import static io.hami.deviceplugin.PluginFixture.slots;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.nvidia.DeviceListing.Strategy;
import io.hami.kubelet.v1beta1.CDIDevice;
import io.hami.kubelet.v1beta1.ContainerAllocateResponse;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.kubelet.v1beta1.Mount;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubelet's Allocate over the real socket, once per device-list strategy: how a container with both V100s of the mock
 * gets them named (docs/vendors.md, "NVIDIA — device lists"). HAMi-core's limits come with every strategy.
 */
@EnableKubernetesMockClient(crud = true)
class DeviceListStrategyAllocateTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private PluginFixture node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private ContainerAllocateResponse allocateBoth(Set<Strategy> strategies, boolean passDeviceSpecs) throws Exception {
        node = PluginFixture.start(client, tmp, new DeviceListing(strategies, passDeviceSpecs, "hami.io/gpu",
                DeviceListing.DEFAULT_CDI_ANNOTATION_PREFIX));
        node.kubelet.awaitRegistrations(1, WAIT);
        node.boundPod("train", List.of(), List.of(container("cuda", 2)),
                GPU0 + ",NVIDIA,1000,50:" + GPU1 + ",NVIDIA,2000,50:;");
        node.lockFor("default", "train");
        var both = new java.util.ArrayList<>(slots(GPU0, 1));
        both.addAll(slots(GPU1, 1));
        return node.kubelet.allocate(List.of(both)).getContainerResponses(0);
    }

    @Test
    void envvarListsTheUuidsInTheVariable() throws Exception {
        var r = allocateBoth(EnumSet.of(Strategy.ENVVAR), false);
        assertThat(r.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU0 + "," + GPU1)
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_1", "2000m");
        assertThat(r.getAnnotationsMap()).isEmpty();
        assertThat(r.getCdiDevicesList()).isEmpty();
        assertThat(r.getDevicesList()).isEmpty();
    }

    @Test
    void volumeMountsPointTheVariableAtOneDevNullMountPerGpu() throws Exception {
        var r = allocateBoth(EnumSet.of(Strategy.VOLUME_MOUNTS), false);
        assertThat(r.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", "/var/run/nvidia-container-devices")
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "1000m");
        assertThat(r.getMountsList()).contains(
                Mount.newBuilder().setContainerPath("/var/run/nvidia-container-devices/" + GPU0).setHostPath("/dev/null").build(),
                Mount.newBuilder().setContainerPath("/var/run/nvidia-container-devices/" + GPU1).setHostPath("/dev/null").build());
    }

    @Test
    void cdiAnnotationsNameTheGpusInOneAnnotationForTheRuntimeAndSetNoDeviceVariable() throws Exception {
        var r = allocateBoth(EnumSet.of(Strategy.CDI_ANNOTATIONS), false);
        assertThat(r.getAnnotationsMap()).hasSize(1);
        var entry = r.getAnnotationsMap().entrySet().iterator().next();
        assertThat(entry.getKey()).matches("cdi\\.k8s\\.io/nvidia-device-plugin_[0-9a-f-]{36}");
        assertThat(entry.getValue()).isEqualTo("hami.io/gpu=" + GPU0 + ",hami.io/gpu=" + GPU1);
        assertThat(r.getEnvsMap()).doesNotContainKey("NVIDIA_VISIBLE_DEVICES")
                .containsEntry("CUDA_DEVICE_SM_LIMIT", "50");
        assertThat(r.getCdiDevicesList()).isEmpty();
    }

    @Test
    void cdiCriHandsKubeletTheQualifiedNames() throws Exception {
        var r = allocateBoth(EnumSet.of(Strategy.CDI_CRI), false);
        assertThat(r.getCdiDevicesList()).extracting(CDIDevice::getName)
                .containsExactly("hami.io/gpu=" + GPU0, "hami.io/gpu=" + GPU1);
        assertThat(r.getAnnotationsMap()).isEmpty();
        assertThat(r.getEnvsMap()).doesNotContainKey("NVIDIA_VISIBLE_DEVICES");
    }

    @Test
    void passDeviceSpecsHandsOutEachGpusNodeBesideTheVariableButNotWithCdiAlone() throws Exception {
        var r = allocateBoth(EnumSet.of(Strategy.ENVVAR, Strategy.CDI_CRI), true);
        assertThat(r.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU0 + "," + GPU1);
        assertThat(r.getCdiDevicesList()).hasSize(2);
        assertThat(r.getDevicesList()).extracting(DeviceSpec::getContainerPath)
                .endsWith("/dev/nvidia0", "/dev/nvidia1");
        assertThat(r.getDevicesList()).allSatisfy(d -> {
            assertThat(d.getHostPath()).isEqualTo(d.getContainerPath());
            assertThat(d.getPermissions()).isEqualTo("rw");
        });
    }
}
