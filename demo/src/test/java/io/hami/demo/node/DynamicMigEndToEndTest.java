package io.hami.demo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.nvml.MigDevice;
import io.hami.bindings.nvml.Nvml;
import io.hami.demo.scheduling.ExtenderClient;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.nvidia.DeviceListing;
import io.hami.deviceplugin.nvidia.MigStrategy;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigPlacement;
import io.hami.model.device.MigRuntime;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.scheduler.SchedulerConfig;
import io.hami.scheduler.daemon.DaemonConfig;
import io.hami.scheduler.daemon.SchedulerDaemon;
import io.hami.scheduler.vendor.DeviceTypes;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.wait.Eventually;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic MIG end to end, in-process against fabric8's mock API server in CRUD mode and the C NVML mock: the device
 * plugin registers an A100-SXM4-40GB in MIG mode with its profiles, the real scheduler's webhook, filter and bind place
 * a pod on a profile and placement, kubelet's {@code Allocate} makes that instance, and deleting the pod destroys it.
 */
@EnableKubernetesMockClient(crud = true)
class DynamicMigEndToEndTest {
    static final String NODE = "mig-node-1";
    static final String GPU = "GPU-e1004000-7c1d-4e2b-8f3a-6d5e4c3b2a10";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String MACHINE = """
            {"driverVersion": "550.54.15", "nvmlVersion": "12.550.54.15", "cudaDriverVersion": 12040, "devices": [
              {"uuid": "%s", "name": "NVIDIA A100-SXM4-40GB", "minor": 0, "memoryTotalMiB": 40960,
               "memoryReservedMiB": 512, "memoryUsedMiB": 0, "pciBusId": "00000000:07:00.0", "pciDeviceId": "0x20B010DE",
               "numaNode": 0, "migMode": {"current": 1, "pending": 1}, "architecture": 7,
               "computeCapability": {"major": 8, "minor": 0}, "migProfiles": "A100-SXM4-40GB"}]}
            """.formatted(GPU);

    KubernetesClient client;

    @TempDir
    Path tmp;

    private Nvml nvml;
    private Nvml.Session session;
    private FakeKubelet kubelet;
    private DevicePlugin plugin;
    private SchedulerDaemon daemon;
    private ExtenderClient extender;

    @BeforeEach
    void start() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().withNewStatus()
                .addToAllocatable("nvidia.com/gpu", new Quantity("10"))
                .addToCapacity("nvidia.com/gpu", new Quantity("10")).endStatus().build())
                .createOr(NonDeletingOperation::update); // a create retried after a slow first answer finds it made
        nvml = new Nvml(NvmlMock.current().useProfileText(MACHINE).api(), Path.of("/nonexistent-sysfs"));
        session = nvml.start();
        var pluginDir = Files.createDirectories(tmp.resolve("dp"));
        kubelet = FakeKubelet.start(pluginDir);
        var timings = new Timings(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(100));
        var config = new DevicePluginConfig(NODE, pluginDir, "hami-nvidia.sock",
                new Sharing(10, 1.0, 1.0, 0, Sharing.MIG, false), DeviceFilter.NONE, false, false, Optional.empty(),
                timings);
        var hook = tmp.resolve("hook").toString();
        var settings = new NvidiaPlugin.Settings(new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false,
                Optional.empty(), false), Optional.empty(), tmp.resolve("vgpulock"), XidPolicy.DEFAULT,
                DeviceListing.envvar(), false, MigStrategy.NONE, capabilities(tmp.resolve("proc")),
                tmp.resolve("mig.lock"), List.of());
        plugin = NvidiaPlugin.start(config, settings, ScheduledPods.NVIDIA, nvml, client, Clock.systemUTC());
        kubelet.awaitRegistrations(1, WAIT);

        var daemonConfig = new DaemonConfig(SchedulerConfig.defaults(DeviceTypes.defaults()), Optional.empty(),
                new DaemonConfig.Endpoint("127.0.0.1", 0), new DaemonConfig.Endpoint("127.0.0.1", 0),
                Optional.empty(), "hami-scheduler", true,
                new DaemonConfig.Endpoint("127.0.0.1", 0), false, Map.of(), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ZERO, DaemonConfig.Leader.none(), new DaemonConfig.Self("", ""),
                DaemonConfig.Timing.defaults(), Map.of("version", "test"));
        daemon = SchedulerDaemon.start(daemonConfig, client, Clock.systemUTC());
        daemon.synced().get(30, TimeUnit.SECONDS);
        Eventually.until(WAIT, "the scheduler sees the MIG GPU", () -> daemon.state().snapshot().node(NODE).isPresent());
        extender = new ExtenderClient(URI.create("http://127.0.0.1:" + daemon.httpPort()),
                URI.create("http://127.0.0.1:" + daemon.webhookPort()));
    }

    @AfterEach
    void stop() throws Exception {
        if (extender != null) {
            extender.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (plugin != null) {
            plugin.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (session != null) {
            session.close();
        }
    }

    /** The driver's capability files for every instance the mock can number on GPU 0. */
    private static Path capabilities(Path proc) throws java.io.IOException {
        for (int gi = 0; gi < 16; gi++) {
            var giDir = Files.createDirectories(proc.resolve("driver/nvidia/capabilities/gpu0/mig/gi" + gi));
            Files.writeString(giDir.resolve("access"), "DeviceFileMinor: " + (100 + gi) + "\n");
            for (int ci = 0; ci < 8; ci++) {
                var ciDir = Files.createDirectories(giDir.resolve("ci" + ci));
                Files.writeString(ciDir.resolve("access"), "DeviceFileMinor: " + (200 + 10 * gi + ci) + "\n");
            }
        }
        return proc;
    }

    private List<MigDevice> instances() {
        return nvml.mig().devices(nvml.deviceByUuid(GPU));
    }

    @Test
    void registerFilterBindAllocateMakesTheInstanceAndDeletingThePodDestroysIt() throws Exception {
        var pod = new PodBuilder().withNewMetadata().withName("trainer").endMetadata().withNewSpec().addNewContainer()
                .withName("cuda").withImage("cuda").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).addToLimits("nvidia.com/gpumem", new Quantity("4000"))
                .endResources().endContainer().endSpec().build();
        var admitted = extender.admit(pod, "default").admitted().orElseThrow();
        var created = client.pods().inNamespace("default").resource(admitted).create();

        var filtered = extender.filter(created, List.of(NODE));
        assertThat(filtered.fits()).as(filtered.toString()).isTrue();
        var reserved = MigAllocationsCodec.INSTANCE.decode(client.pods().inNamespace("default").withName("trainer")
                .get().getMetadata().getAnnotations().get(HamiAnnotations.MIG_ALLOCATIONS)).allocations();
        // the smallest profile that holds 4000 MiB, at the highest placement (docs/scheduler.md, "MIG")
        assertThat(reserved).containsExactly(new MigAllocation(0, 0, GPU, "1g.5gb", new MigPlacement(6, 1), null));
        assertThat(extender.bind("default", "trainer", created.getMetadata().getUid(), NODE)).isEmpty();

        var response = kubelet.allocate(List.of(List.of(GPU + "-0"))).getContainerResponses(0);

        assertThat(instances()).hasSize(1);
        var made = instances().getFirst();
        assertThat(made.profile()).isEqualTo("1g.5gb");
        assertThat(made.placement()).isEqualTo(new io.hami.bindings.nvml.MigPlacement(6, 1));
        assertThat(response.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", made.uuid());
        var annotations = client.pods().inNamespace("default").withName("trainer").get().getMetadata().getAnnotations();
        assertThat(MigAllocationsCodec.INSTANCE.decode(annotations.get(HamiAnnotations.MIG_ALLOCATIONS)).allocations())
                .containsExactly(new MigAllocation(0, 0, GPU, "1g.5gb", new MigPlacement(6, 1),
                        new MigRuntime(made.uuid(), made.gpuInstanceId(), made.computeInstanceId())));

        client.pods().inNamespace("default").withName("trainer").delete();

        Eventually.until(WAIT, "the deleted pod's instance is destroyed", () -> instances().isEmpty());
    }
}
