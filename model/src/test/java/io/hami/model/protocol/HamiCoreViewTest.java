package io.hami.model.protocol;

import static io.hami.model.protocol.Mount.Kind.DIRECTORY;
import static io.hami.model.protocol.Mount.Kind.FILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.wire.WireFormatException;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HamiCoreViewTest {
    private static final ContainerIdentity ID = new ContainerIdentity("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "cuda");
    private static final String CACHE = "9b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";

    @Test
    void writesHamisEnvironmentAndMountsForATwoGpuContainer() {
        var devices = ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 3000, 30),
                new ContainerDevice("GPU-b", "NVIDIA", 5000, 0));
        var spec = HamiCoreView.spec(devices, ID, HamiCoreSettings.chartDefaults(), CACHE, false);
        assertThat(spec.env()).containsExactly(
                entry("NVIDIA_VISIBLE_DEVICES", "GPU-a,GPU-b"),
                entry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m"),
                entry("CUDA_DEVICE_MEMORY_LIMIT_1", "5000m"),
                entry("CUDA_DEVICE_SM_LIMIT", "30"),
                entry("CUDA_DEVICE_MEMORY_SHARED_CACHE", "/usr/local/vgpu/" + CACHE + ".cache"),
                entry("LIBCUDA_LOG_LEVEL", "1"));
        assertThat(spec.mounts()).containsExactly(
                new Mount("/usr/local/vgpu", "/usr/local/vgpu/containers/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0_cuda", DIRECTORY, false),
                new Mount("/usr/local/vgpu/libvgpu.so", "/usr/local/vgpu/libvgpu.so", FILE, true),
                new Mount("/tmp/vgpulock", "/tmp/vgpulock", DIRECTORY, false),
                new Mount("/etc/ld.so.preload", "/usr/local/vgpu/ld.so.preload", FILE, true));
    }

    @Test
    void sharingOneGpuTwiceListsItOnceAndKeepsBothLimits() {
        var devices = ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 1000, 10),
                new ContainerDevice("GPU-a", "NVIDIA", 2000, 10));
        var settings = new HamiCoreSettings("/opt/hami/", "/opt/hami/vgpu/libvgpu.so.2.10", true, Optional.empty(), true);
        var spec = HamiCoreView.spec(devices, ID, settings, CACHE, true);
        assertThat(spec.env()).containsEntry("NVIDIA_VISIBLE_DEVICES", "GPU-a")
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_1", "2000m")
                .containsEntry("CUDA_OVERSUBSCRIBE", "true")
                .containsEntry("GPU_CORE_UTILIZATION_POLICY", "disable")
                .doesNotContainKey("LIBCUDA_LOG_LEVEL");
        assertThat(spec.mounts()).extracting(Mount::containerPath)
                .containsExactly("/opt/hami/vgpu", "/opt/hami/vgpu/libvgpu.so", "/tmp/vgpulock");
        assertThat(spec.mounts().get(1).hostPath()).isEqualTo("/opt/hami/vgpu/libvgpu.so.2.10");
    }

    @Test
    void refusesWhatHamiCoreCannotCarry() {
        assertThatThrownBy(() -> HamiCoreView.spec(ContainerDevices.NONE, ID, HamiCoreSettings.chartDefaults(), CACHE, false))
                .hasMessageContaining("at least one device");
        var seventeen = ContainerDevices.of(java.util.stream.IntStream.range(0, 17)
                .mapToObj(i -> new ContainerDevice("GPU-" + i, "NVIDIA", 1, 1)).toArray(ContainerDevice[]::new));
        assertThatThrownBy(() -> HamiCoreView.spec(seventeen, ID, HamiCoreSettings.chartDefaults(), CACHE, false))
                .hasMessageContaining("at most 16 devices, got 17");
        var one = ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 1, 1));
        assertThatThrownBy(() -> HamiCoreView.spec(one, ID, HamiCoreSettings.chartDefaults(), "../../etc/x", false))
                .hasMessageContaining("cacheId: not a lower-case UUID");
    }

    @Test
    void mountsDependOnTheContainerAndTheNodeButNotOnItsDevices() {
        var settings = HamiCoreSettings.chartDefaults().withLockHostDir("/run/hami/vgpulock");
        var mounts = HamiCoreView.mounts(ID, settings, false);
        var one = HamiCoreView.spec(ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 1, 1)), ID, settings, CACHE, false);
        assertThat(one.mounts()).isEqualTo(mounts);
        assertThat(mounts).contains(new Mount("/tmp/vgpulock", "/run/hami/vgpulock", DIRECTORY, false));
        assertThat(mounts.subList(1, mounts.size())).isEqualTo(HamiCoreView.nodeMounts(settings, false));
        assertThat(HamiCoreView.nodeMounts(settings, true)).extracting(Mount::containerPath)
                .containsExactly("/usr/local/vgpu/libvgpu.so", "/tmp/vgpulock");
    }

    @Test
    void namesTheRegionFileInTheVgpuDirectoryAndRecognisesOnlySuchNames() {
        var settings = HamiCoreSettings.chartDefaults();
        assertThat(HamiCoreView.sharedCachePath(settings, CACHE)).isEqualTo("/usr/local/vgpu/" + CACHE + ".cache");
        assertThat(HamiCoreView.isSharedCachePath(settings, "/usr/local/vgpu/" + CACHE + ".cache")).isTrue();
        assertThat(HamiCoreView.isSharedCachePath(settings, "/usr/local/vgpu/hami_1.cache")).isTrue();
        for (var bad : new String[] {"/usr/local/vgpu/x.txt", "/usr/local/vgpu/../etc/x.cache", "/usr/local/vgpu/sub/x.cache",
            "/tmp/x.cache", "x.cache", "/usr/local/vgpu/.cache", ""}) {
            assertThat(HamiCoreView.isSharedCachePath(settings, bad)).as(bad).isFalse();
        }
        assertThat(HamiCoreView.isSharedCachePath(settings, null)).isFalse();
        assertThatThrownBy(() -> HamiCoreView.env(ContainerDevices.of(new ContainerDevice("GPU-a", "NVIDIA", 1, 1)), settings,
                "/etc/passwd")).hasMessageContaining("sharedCache");
    }

    @Test
    void readsCudaDisableControlAsGoParseBool() {
        for (var on : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
            assertThat(HamiCoreView.disablesControl(on)).as(on).isTrue();
        }
        for (var off : new String[] {"0", "false", "yes", "TrUe", " true", ""}) {
            assertThat(HamiCoreView.disablesControl(off)).as(off).isFalse();
        }
        assertThat(HamiCoreView.disablesControl(null)).isFalse();
    }

    @Test
    void identityRejectsNamesThatCouldEscapeTheContainersDirectory() {
        assertThatThrownBy(() -> new ContainerIdentity("../..", "cuda")).hasMessageContaining("podUid");
        assertThatThrownBy(() -> new ContainerIdentity(ID.podUid(), "a/../b")).hasMessageContaining("containerName");
        assertThatThrownBy(() -> new ContainerIdentity(ID.podUid(), "under_score")).hasMessageContaining("containerName");
        assertThatThrownBy(() -> new Mount("/a/../b", "/x", FILE, true)).hasMessageContaining("containerPath");
    }

    @Test
    void limitsReadBackWhatSpecWrote() {
        qt().withExamples(500)
                .forAll(lists().of(integers().between(0, 3)).ofSizeBetween(1, 16), integers().between(0, 100),
                        lists().of(integers().between(0, 1_000_000)).ofSize(16))
                .checkAssert((gpus, cores, mem) -> {
                    var devices = new java.util.ArrayList<ContainerDevice>();
                    for (int i = 0; i < gpus.size(); i++) {
                        devices.add(new ContainerDevice("GPU-" + gpus.get(i), "NVIDIA", mem.get(i), i == 0 ? cores : 0));
                    }
                    var env = HamiCoreView.spec(new ContainerDevices(devices), ID, HamiCoreSettings.chartDefaults(), CACHE, false).env();
                    HamiCoreLimits limits;
                    try {
                        limits = HamiCoreLimits.fromEnv(env).orElseThrow();
                    } catch (WireFormatException e) {
                        throw new AssertionError(e);
                    }
                    assertThat(limits.visibleUuids()).containsExactlyElementsOf(
                            new LinkedHashSet<>(devices.stream().map(ContainerDevice::uuid).toList()));
                    assertThat(limits.memoryMiB()).containsExactlyElementsOf(
                            devices.stream().map(d -> (long) d.usedMem()).toList());
                    assertThat(limits.smLimit()).contains(cores);
                    assertThat(limits.sharedCache()).contains("/usr/local/vgpu/" + CACHE + ".cache");
                });
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
