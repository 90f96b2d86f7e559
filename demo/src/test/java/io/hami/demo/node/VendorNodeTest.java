package io.hami.demo.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.vendor.VendorPlugins;
import io.hami.deviceplugin.vendor.VendorSelection;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.config.DeviceConfig;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.CapacityIds;
import io.hami.model.vendor.Vendor;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.monitor.MonitorDaemon;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.mock.MockLibrary;
import io.hami.testfixtures.mock.VendorMock;
import io.hami.testfixtures.wait.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated Cambricon node in-process against the mock API server: the real Cambricon plugin over the C mock CNDEV
 * (4 x MLU370-X8 of 48 GiB), whose count, cores and memory resources register with the kubelet stand-in, the real
 * monitor, and the region-writer runtime. The Node carries the capacity of every resource, and a pod asking for all
 * three gets one {@code Allocate} per resource, as from kubelet.
 */
class VendorNodeTest {
    private static final String NODE = "mlu-node-1";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final VendorDescriptor CAMBRICON = Vendors.defaults().byId("cambricon").orElseThrow();
    private static final String VCORE = CAMBRICON.resources().cores().orElseThrow();
    private static final String VMEMORY = CAMBRICON.resources().memory().orElseThrow();

    /** The demo's API server, which selects a node's pods by {@code spec.nodeName} as the kubelet asks. */
    EmbeddedApiServer api;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private NodeLayout layout;
    private SimulatedNode node;

    @BeforeEach
    void start() throws Exception {
        api = EmbeddedApiServer.start(tmp.resolve("api"), 0);
        client = api.client();
        layout = new NodeLayout(tmp.resolve("n"));
        MockLibrary mock = VendorMock.CAMBRICON.library().useProfile(VendorMock.MACHINE);
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var settings = new SimulatedNode.Settings(NODE, layout, Map.of("gpu", "on"), Optional.empty(), WAIT);
        var runtime = new RegionWriterRuntime(NativeTools.find(NativeTools.REGION_WRITER).orElseThrow(),
                layout.containersDir(), 0.5);
        node = SimulatedNode.start(settings, client, runtime,
                () -> MonitorDaemon.start(MonitorConfig.load(Map.of("node-name", NODE, "hook-path", layout.vgpuDir().toString(),
                        "metrics-bind-address", "127.0.0.1:0", "kubeconfig", kubeconfig.toString(), "vendor", "cambricon",
                        "library", mock.library(), "mig-apply-lock", tmp.resolve("mig.lock").toString()), Map.of(), Optional.empty()),
                        BuildInfo.of("test", "test", "test")),
                () -> plugin(mock));
    }

    private DevicePlugin plugin(MockLibrary mock) throws Exception {
        var discovery = DeviceDiscoveries.open(DeviceVendor.CAMBRICON, mock.library());
        var profile = VendorSelection.select("cambricon", DeviceConfig.defaults(), discovery.discover());
        var hygon = new VendorPlugins.HygonSettings(VendorPlugins.HygonSettings.DEFAULT_DTK, layout.root().resolve("vdcu"),
                layout.root().resolve("vdev"));
        var parts = VendorPlugins.parts(profile, discovery, new VendorPlugins.Settings(layout.hookPath(), Duration.ofHours(1), false,
                hygon));
        var timings = new Timings(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofMillis(100));
        var config = new DevicePluginConfig(NODE, layout.pluginDir(), "hami-cambricon.sock", new Sharing(10, 1.0, 1.0, 0, "hami-core",
                false), DeviceFilter.NONE, false, false, Optional.empty(), timings);
        return DevicePlugin.start(config, parts, client, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        node.close();
        api.close();
    }

    @Test
    void publishesTheCapacityOfEveryResourceThePluginRegisters() throws Exception {
        var status = client.nodes().withName(NODE).get().getStatus();
        // 4 cards: 10 slots each, 100 cores each, 48 GiB each in 256 MiB units
        assertThat(status.getCapacity()).containsEntry(CAMBRICON.resources().count(), new Quantity("40"))
                .containsEntry(VCORE, new Quantity("400")).containsEntry(VMEMORY, new Quantity("768"));
        assertThat(status.getAllocatable()).containsEntry(VCORE, new Quantity("400")).containsEntry(VMEMORY, new Quantity("768"));
        assertThat(node.resource()).isEqualTo(CAMBRICON.resources().count());
        var served = ServedDevices.read(layout.devicesFile()).devices();
        assertThat(served).hasSize(4);
        assertThat(served.get(1).nodes()).contains("/dev/cambricon_dev1", "/dev/cambricon_ctl");
    }

    @Test
    void allocatesEachResourceAContainerAsksForAndStartsItWithTheMergedAnswers() throws Exception {
        var uid = bind("mlu-share", List.of(1), 20, 10).getMetadata().getUid();

        awaitPhase("mlu-share", "Running");
        var started = StartedContainer.read(layout.startedFile(uid, "main"));
        assertThat(started.deviceIds()).hasSize(1);
        assertThat(started.envs()).containsEntry("CAMBRICON_VISIBLE_DEVICES", "1");
        assertThat(started.devices()).extracting(StartedContainer.DeviceEntry::hostPath)
                .contains("/dev/cambricon_dev1", "/dev/cambricon_ctl").doesNotContain("/dev/cambricon_dev0");
    }

    @Test
    void failsAPodWhenTooFewSlotsOfAnotherResourceAreFree() throws Exception {
        bind("first", List.of(1, 2), 380, 20);
        awaitPhase("first", "Running");
        // 768 memory slots: 380 held by the two cards of the first, 388 free
        bind("second", List.of(0, 3), 389, 20);

        var failed = awaitPhase("second", "Failed");
        assertThat(failed.getStatus().getReason()).isEqualTo(KubeletPods.ADMISSION_ERROR);
        assertThat(failed.getStatus().getMessage()).isEqualTo("Allocate failed due to requested number of devices "
                + "unavailable for " + VMEMORY + ". Requested: 389, Available: 388, which is unexpected");
    }

    /**
     * A pod bound here as the scheduler leaves a Cambricon pod: one container asking for {@code cards.size()} cards,
     * {@code memoryUnits} memory slots and {@code cores} core slots, its allocation on {@code cards}.
     */
    private Pod bind(String name, List<Integer> cards, int memoryUnits, int cores) {
        var devices = PodDevicesCodec.INSTANCE.encode(PodDevices.of(new ContainerDevices(cards.stream().map(card ->
                new ContainerDevice(CapacityIds.id(NODE, Vendor.CAMBRICON, card), CAMBRICON.commonWord(),
                        memoryUnits * 256 / cards.size(), cores / cards.size())).toList())));
        var container = new ContainerBuilder().withName("main").withImage("busybox").withNewResources()
                .addToLimits(CAMBRICON.resources().count(), new Quantity(Integer.toString(cards.size())))
                .addToLimits(VMEMORY, new Quantity(Integer.toString(memoryUnits)))
                .addToLimits(VCORE, new Quantity(Integer.toString(cores))).endResources().build();
        var pod = new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, NODE)
                .withAnnotations(Map.of(HamiAnnotations.VGPU_NODE, NODE, HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire(),
                        HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000),
                        CAMBRICON.annotations().devicesToAllocate(), devices, CAMBRICON.annotations().devicesAllocated(), devices))
                .endMetadata().withNewSpec().withNodeName(NODE).withContainers(container).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        return client.pods().inNamespace("default").resource(pod).create();
    }

    private Pod awaitPhase(String name, String phase) {
        Eventually.within(WAIT, () -> assertThat(client.pods().inNamespace("default").withName(name).get().getStatus().getPhase())
                .isEqualTo(phase));
        return client.pods().inNamespace("default").withName(name).get();
    }
}
