package io.hami.deviceplugin.nvidia;

import static io.hami.deviceplugin.PluginFixture.NODE;
import static io.hami.deviceplugin.PluginFixture.NVIDIA;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static io.hami.deviceplugin.PluginFixture.container;
import static io.hami.deviceplugin.PluginFixture.slots;
import static io.hami.deviceplugin.nvidia.DynamicMigTest.GPU0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.nvml.MigDevice;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.kubelet.v1beta1.DeviceSpec;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigProfile;
import io.hami.model.device.MigRuntime;
import io.hami.model.device.NodeDevice;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.wait.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node in dynamic MIG mode against the C NVML mock, kubelet's real socket and the mock API server: what it
 * registers, the instance {@code Allocate} makes and records, the instances reconciled at start, and teardown when the
 * pod is deleted.
 */
@EnableKubernetesMockClient(crud = true)
class DynamicMigPluginTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private static final String REGISTER = NVIDIA.annotations().nodeRegister().orElseThrow();

    private Nvml nvml;
    private Nvml.Session session;
    private FakeKubelet kubelet;
    private DevicePlugin plugin;
    private Path lock;

    @BeforeEach
    void machine() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        nvml = new Nvml(NvmlMock.current().useProfileText(DynamicMigTest.MACHINE).api(), Path.of("/nonexistent-sysfs"));
        session = nvml.start(); // the test's own session keeps the mock's instances from one plugin to the next
        lock = tmp.resolve("hami/hami-mig-apply.lock");
    }

    @AfterEach
    void stop() throws Exception {
        if (plugin != null) {
            plugin.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        session.close();
    }

    private void startPlugin() throws Exception {
        var pluginDir = Files.createDirectories(tmp.resolve("dp"));
        kubelet = FakeKubelet.start(pluginDir);
        var config = new DevicePluginConfig(NODE, pluginDir, "hami-nvidia.sock",
                new Sharing(10, 1.0, 1.0, 0, Sharing.MIG, false), DeviceFilter.NONE, false, true, Optional.empty(),
                PluginFixture.fastTimings());
        var hook = tmp.resolve("hook").toString();
        var settings = new NvidiaPlugin.Settings(new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false, Optional.empty(), false),
                Optional.empty(), tmp.resolve("vgpulock"), XidPolicy.DEFAULT, DeviceListing.envvar(), false,
                MigStrategy.NONE, DynamicMigTest.capabilities(tmp.resolve("proc")), lock, List.of());
        plugin = NvidiaPlugin.start(config, settings, NVIDIA, nvml, client, Clock.systemUTC());
        kubelet.awaitRegistrations(1, WAIT);
    }

    private List<MigDevice> devices() {
        return nvml.mig().devices(nvml.deviceByUuid(GPU0));
    }

    private Pod pod(String name, String phase, String toAllocate, MigAllocation... reservations) {
        var annotations = new HashMap<String, String>();
        annotations.put(HamiAnnotations.VGPU_NODE, NODE);
        annotations.put(HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire());
        annotations.put(HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000));
        annotations.put(PluginFixture.TO_ALLOCATE, toAllocate);
        annotations.put("hami.io/vgpu-devices-allocated", toAllocate);
        annotations.put(HamiAnnotations.MIG_ALLOCATIONS,
                MigAllocationsCodec.INSTANCE.encode(new MigAllocations(List.of(reservations))));
        var pod = new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, NODE).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(NODE).withContainers(container("cuda", 1)).endSpec()
                .withNewStatus().withPhase(phase).endStatus().build();
        return client.pods().inNamespace("default").resource(pod).create();
    }

    private void lockFor(String name) {
        var value = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC),
                new PodRef("default", name)));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(AnnotationKeys.HAMI_NODE_LOCK, value)
                .endMetadata().build();
        client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(patch));
    }

    private static MigAllocation reservation(String profile, long start, long size) {
        return new MigAllocation(0, 0, GPU0, profile, new MigPlacement(start, size), null);
    }

    @Test
    void registersTheMigGpuWithModeMigAndNvmlsProfiles() throws Exception {
        startPlugin();

        Eventually.until(WAIT, "the node registers", () -> client.nodes().withName(NODE).get().getMetadata()
                .getAnnotations() != null && client.nodes().withName(NODE).get().getMetadata().getAnnotations()
                .containsKey(REGISTER));
        var registered = NodeRegisterCodec.INSTANCE.decode(client.nodes().withName(NODE).get().getMetadata()
                .getAnnotations().get(REGISTER)).devices();

        assertThat(registered).extracting(NodeDevice::id).containsExactly(GPU0);
        var gpu = registered.getFirst();
        assertThat(gpu.mode()).isEqualTo("mig");
        assertThat(gpu.count()).isEqualTo(7);
        assertThat(gpu.devmem()).isEqualTo(40960);
        assertThat(gpu.devcore()).isEqualTo(100);
        assertThat(gpu.migProfiles()).extracting(MigProfile::name)
                .containsExactly("1g.5gb", "2g.10gb", "3g.20gb", "4g.20gb", "7g.40gb");
    }

    @Test
    void allocateMakesTheReservedInstanceHandsItOutRecordsItAndItIsDestroyedWithThePod() throws Exception {
        startPlugin();
        pod("trainer", "Pending", GPU0 + ",NVIDIA,9984,29:;", reservation("2g.10gb", 4, 2));
        lockFor("trainer");

        var response = kubelet.allocate(List.of(slots(GPU0, 1))).getContainerResponses(0);

        var made = devices();
        assertThat(made).hasSize(1);
        var device = made.getFirst();
        assertThat(device.profile()).isEqualTo("2g.10gb");
        assertThat(response.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", device.uuid())
                .doesNotContainKey("CUDA_DEVICE_MEMORY_LIMIT_0").doesNotContainKey("CUDA_DEVICE_SM_LIMIT");
        assertThat(response.getMountsList()).isEmpty();
        int gi = device.gpuInstanceId();
        assertThat(response.getDevicesList()).extracting(DeviceSpec::getHostPath).containsExactly("/dev/nvidia0",
                "/dev/nvidia-caps/nvidia-cap" + (100 + gi),
                "/dev/nvidia-caps/nvidia-cap" + (200 + 10 * gi + device.computeInstanceId()));
        var annotations = client.pods().inNamespace("default").withName("trainer").get().getMetadata().getAnnotations();
        assertThat(annotations).containsEntry(HamiAnnotations.BIND_PHASE, BindPhase.SUCCESS.wire());
        assertThat(MigAllocationsCodec.INSTANCE.decode(annotations.get(HamiAnnotations.MIG_ALLOCATIONS)).allocations())
                .containsExactly(new MigAllocation(0, 0, GPU0, "2g.10gb", new MigPlacement(4, 2),
                        new MigRuntime(device.uuid(), gi, device.computeInstanceId())));
        assertThat(lock).doesNotExist();

        client.pods().inNamespace("default").withName("trainer").delete();

        Eventually.until(WAIT, "the instance of the deleted pod is destroyed", () -> devices().isEmpty());
        assertThat(lock).doesNotExist();
    }

    @Test
    void allocateOfAReservationTheGpuCannotHoldFailsNamingItAndMakesNothing() throws Exception {
        startPlugin();
        pod("odd", "Pending", GPU0 + ",NVIDIA,9984,29:;", reservation("2g.20gb", 4, 2));
        lockFor("odd");

        assertThatThrownBy(() -> kubelet.allocate(List.of(slots(GPU0, 1))))
                .hasMessageContaining("MIG reservation 2g.20gb at {start 4, size 2} on GPU " + GPU0
                        + ": the GPU has no such profile");
        assertThat(devices()).isEmpty();
        assertThat(client.pods().inNamespace("default").withName("odd").get().getMetadata().getAnnotations())
                .containsEntry(HamiAnnotations.BIND_PHASE, BindPhase.FAILED.wire());
    }

    @Test
    void atStartKeepsTheInstanceARunningPodOwnsAndDestroysTheOrphanAndTheHalfMadeOne() throws Exception {
        var mig = new DynamicMig(nvml, lock, new MigDeviceNodes(DynamicMigTest.capabilities(tmp.resolve("proc"))),
                List.of());
        var kept = mig.realize(reservation("1g.5gb", 6, 1)).unit();
        mig.realize(reservation("3g.20gb", 0, 4));
        var keeper = new MigAllocation(0, 0, GPU0, "1g.5gb", new MigPlacement(6, 1), new MigRuntime(kept.uuid(),
                kept.device().gpuInstanceId(), kept.device().computeInstanceId()));
        pod("keeper", "Running", GPU0 + ",NVIDIA,4864,15:;", keeper);
        pod("done", "Succeeded", GPU0 + ",NVIDIA,9984,29:;", reservation("3g.20gb", 0, 4));
        // a GPU instance whose compute instance was never made (the plugin died between the two calls)
        var api = NvmlMock.current().api();
        var gpu = nvml.deviceByUuid(GPU0);
        var oneSlice = nvml.mig().profiles(gpu).getFirst();
        api.deviceCreateGpuInstanceWithPlacement(gpu, oneSlice.id(), new io.hami.bindings.nvml.MigPlacement(5, 1)).orThrow();
        assertThat(nvml.mig().gpuInstances(gpu)).hasSize(3);

        startPlugin();

        assertThat(devices()).extracting(MigDevice::uuid).containsExactly(kept.uuid());
        assertThat(nvml.mig().gpuInstances(gpu)).extracting(i -> i.id()).containsExactly(kept.device().gpuInstanceId());
    }
}
