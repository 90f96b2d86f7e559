package io.hami.deviceplugin.nvidia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static MIG strategies over the NVML mock's MIG machines: what is shared, what is handed out whole, and how. */
class MigStrategiesTest {

    private static final String GPU = PluginFixture.NVIDIA.resources().count();

    @TempDir
    Path proc;

    private NvmlDeviceSource source(String profile) {
        var nvml = new Nvml(NvmlMock.current().useProfile(profile).api(), Path.of("/nonexistent-sysfs"));
        return new NvmlDeviceSource(nvml, PluginFixture.NVIDIA, XidPolicy.DEFAULT, Duration.ofMillis(100));
    }

    /** The driver's capability files for GPU {@code minor}'s instance (gi, ci): access minors 100+gi and 200+10gi+ci. */
    private void capabilities(int minor, int gi, int ci) throws IOException {
        var giDir = Files.createDirectories(proc.resolve("driver/nvidia/capabilities/gpu" + minor + "/mig/gi" + gi));
        Files.writeString(giDir.resolve("access"), "DeviceFileMinor: " + (100 + gi) + "\nDeviceFileMode: 292\n");
        var ciDir = Files.createDirectories(giDir.resolve("ci" + ci));
        Files.writeString(ciDir.resolve("access"), "DeviceFileMinor: " + (200 + 10 * gi + ci) + "\nDeviceFileMode: 292\n");
    }

    @Test
    void aGpuInMigModeIsNotRegisteredForHamiCoreSharing() {
        try (var source = source(NvmlProfile.MIG_A100_40GB_MIXED)) {
            assertThat(source.discover()).extracting(PhysicalDevice::uuid)
                    .containsExactly("GPU-a1004001-7c1d-4e2b-8f3a-6d5e4c3b2a11");
        }
    }

    @Test
    void mixedOffersOneResourcePerProfileAndAllocateHandsOutTheMigDeviceAndItsNodes() throws IOException {
        capabilities(0, 1, 0);
        capabilities(0, 2, 0);
        capabilities(0, 3, 0);
        try (var source = source(NvmlProfile.MIG_A100_40GB_MIXED)) {
            var plan = MigResources.plan(MigStrategy.MIXED, GPU, source.migGpus(new MigDeviceNodes(proc)));
            assertThat(plan.keySet()).containsExactly("nvidia.com/mig-1g.5gb", "nvidia.com/mig-2g.10gb", "nvidia.com/mig-3g.20gb");
            var resources = MigResources.resources(plan, GPU);
            var small = resources.getFirst();
            assertThat(small.endpoint("hami-nvidia.sock")).isEqualTo("hami-nvidia-mig-1g-5gb.sock");
            var uuid = plan.get("nvidia.com/mig-1g.5gb").getFirst().uuid();
            assertThat(small.ids()).containsExactly(uuid);

            var response = small.allocate().apply(List.of(uuid));
            assertThat(response.getEnvsMap()).isEqualTo(Map.of("NVIDIA_VISIBLE_DEVICES", uuid));
            assertThat(response.getDevicesList()).extracting(DeviceSpec::getHostPath)
                    .containsExactly("/dev/nvidia0", "/dev/nvidia-caps/nvidia-cap103", "/dev/nvidia-caps/nvidia-cap230");
            assertThat(response.getDevicesList()).allSatisfy(d -> {
                assertThat(d.getContainerPath()).isEqualTo(d.getHostPath());
                assertThat(d.getPermissions()).isEqualTo("rw");
            });
        }
    }

    @Test
    void singleCountsMigDevicesAsTheGpuResource() throws IOException {
        for (int minor = 0; minor < 2; minor++) {
            capabilities(minor, 1, 0);
            capabilities(minor, 2, 0);
        }
        try (var source = source(NvmlProfile.MIG_H100_SINGLE)) {
            var plan = MigResources.plan(MigStrategy.SINGLE, GPU, source.migGpus(new MigDeviceNodes(proc)));
            assertThat(plan).containsOnlyKeys(GPU);
            assertThat(plan.get(GPU)).hasSize(4).allSatisfy(u -> assertThat(u.device().profile()).isEqualTo("3g.40gb"));
            assertThat(MigResources.resources(plan, GPU).getFirst().endpoint("hami-nvidia.sock"))
                    .isEqualTo("hami-nvidia-mig.sock");
            assertThat(source.discover()).isEmpty();
        }
    }

    @Test
    void singleRefusesANodeWithGpusInAndOutOfMigMode() throws IOException {
        capabilities(0, 1, 0);
        capabilities(0, 2, 0);
        capabilities(0, 3, 0);
        try (var source = source(NvmlProfile.MIG_A100_40GB_MIXED)) {
            var gpus = source.migGpus(new MigDeviceNodes(proc));
            assertThatThrownBy(() -> MigResources.plan(MigStrategy.SINGLE, GPU, gpus))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mig-strategy single: GPU(s) [0] are in MIG mode and [1] are not; single needs every GPU "
                            + "in MIG mode (or use mixed)");
        }
    }

    @Test
    void noneOffersNoMigDevices() {
        try (var source = source(NvmlProfile.MIG_A100_40GB_MIXED)) {
            assertThat(MigResources.plan(MigStrategy.NONE, GPU, source.migGpus(new MigDeviceNodes(proc)))).isEmpty();
        }
    }

    @Test
    void aMigDeviceWithoutCapabilityFilesIsLeftOutNamingTheFile() {
        try (var source = source(NvmlProfile.MIG_A100_40GB_MIXED)) {
            var gpus = source.migGpus(new MigDeviceNodes(proc));
            assertThat(gpus.getFirst().units()).isEmpty();
            assertThat(gpus.getFirst().migEnabled()).isTrue();
        }
        var device = new io.hami.bindings.nvml.MigDevice("GPU-x", "MIG-x", 4, 0, "1g.5gb",
                new io.hami.bindings.nvml.MigPlacement(6, 1), 4864, java.util.Optional.empty());
        assertThatThrownBy(() -> new MigDeviceNodes(proc).of(device, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("MIG capability file " + proc.resolve("driver/nvidia/capabilities/gpu3/mig/gi4/access"));
    }

    @Test
    void aStrategyIsOneOfNvidiasThreeWords() {
        assertThat(MigStrategy.parse("mixed")).isEqualTo(MigStrategy.MIXED);
        assertThatThrownBy(() -> MigStrategy.parse("Mixed")).hasMessage("--mig-strategy: \"Mixed\" is not none, single or mixed");
    }
}
