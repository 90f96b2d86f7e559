package io.hami.deviceplugin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.nvidia.DeviceListing;
import io.hami.deviceplugin.nvidia.MigStrategy;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One node for the plugin's tests: a Node in the mock API server, the C mock NVML with two V100s on NUMA
 * nodes 0 and 1, a fake kubelet in a temporary directory, and the NVIDIA plugin started against them (split
 * 4, NUMA topology on). Helpers create pods as HAMi's scheduler leaves them after a bind.
 */
public final class PluginFixture implements AutoCloseable {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    public static final String NODE = "gpu-node-1";
    public static final String GPU0 = "GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    public static final String GPU1 = "GPU-v1000001-2b3c-4d5e-8f90-a1b2c3d4e5f7";
    public static final int SPLIT = 4;
    public static final Duration WAIT = Duration.ofSeconds(10);
    public static final String TO_ALLOCATE = "hami.io/vgpu-devices-to-allocate";
    public static final VendorDescriptor NVIDIA = Vendors.defaults().byId("nvidia").orElseThrow();

    public final KubernetesClient client;
    public final NvmlMock mock;
    public final FakeKubelet kubelet;
    public final DevicePlugin plugin;
    public final Path hookPath;

    private PluginFixture(KubernetesClient client, NvmlMock mock, FakeKubelet kubelet, DevicePlugin plugin, Path hookPath) {
        this.client = client;
        this.mock = mock;
        this.kubelet = kubelet;
        this.plugin = plugin;
        this.hookPath = hookPath;
    }

    /** Timings for tests: quick polls and retries, the 30 s registration interval left to explicit rounds. */
    public static Timings fastTimings() {
        return new Timings(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(100));
    }

    public static PluginFixture start(KubernetesClient client, Path tmp) throws Exception {
        return start(client, tmp, false);
    }

    /** Starts kubelet and the plugin; {@code topologyScore} also writes the score annotation. */
    public static PluginFixture start(KubernetesClient client, Path tmp, boolean topologyScore) throws Exception {
        return start(client, tmp, topologyScore, DeviceListing.envvar());
    }

    /** Starts kubelet and the plugin, naming GPUs to containers as {@code listing} says. */
    public static PluginFixture start(KubernetesClient client, Path tmp, DeviceListing listing) throws Exception {
        return start(client, tmp, false, listing);
    }

    /** Starts kubelet and the plugin on the machine of an NVML profile, writing the topology score annotation. */
    public static PluginFixture startScoring(KubernetesClient client, Path tmp, String profile) throws Exception {
        return start(client, tmp, profile, true, DeviceListing.envvar());
    }

    /** Starts kubelet and the plugin in lockless mode (the allocation store kept, Allocate without the pod). */
    public static PluginFixture startLockless(KubernetesClient client, Path tmp) throws Exception {
        return start(client, tmp, NvmlProfile.TWO_V100_TWO_NUMA_NODES, false, DeviceListing.envvar(), true);
    }

    private static PluginFixture start(KubernetesClient client, Path tmp, boolean topologyScore, DeviceListing listing)
            throws Exception {
        return start(client, tmp, NvmlProfile.TWO_V100_TWO_NUMA_NODES, topologyScore, listing);
    }

    private static PluginFixture start(KubernetesClient client, Path tmp, String profile, boolean topologyScore,
                                       DeviceListing listing) throws Exception {
        return start(client, tmp, profile, topologyScore, listing, false);
    }

    /** A plugin whose HAMi-core options are {@code core} (HAMi's chart defaults elsewhere), lockless or not. */
    public static PluginFixture start(KubernetesClient client, Path tmp, io.hami.model.protocol.HamiCoreOptions core,
                                      boolean lockless) throws Exception {
        return start(client, tmp, NvmlProfile.TWO_V100_TWO_NUMA_NODES, false, DeviceListing.envvar(), lockless, core);
    }

    private static PluginFixture start(KubernetesClient client, Path tmp, String profile, boolean topologyScore,
                                       DeviceListing listing, boolean lockless) throws Exception {
        return start(client, tmp, profile, topologyScore, listing, lockless, HamiCoreSettings.chartDefaults().options());
    }

    private static PluginFixture start(KubernetesClient client, Path tmp, String profile, boolean topologyScore,
                                       DeviceListing listing, boolean lockless, io.hami.model.protocol.HamiCoreOptions core)
            throws Exception {
        return start(client, tmp, profile, topologyScore, listing, lockless, core, settings -> settings);
    }

    /**
     * Starts kubelet and the plugin on the machine of an NVML MIG profile under a static MIG strategy, the driver's
     * MIG capability files under {@code procRoot}.
     */
    public static PluginFixture startMig(KubernetesClient client, Path tmp, String profile, MigStrategy strategy,
                                         Path procRoot) throws Exception {
        return start(client, tmp, profile, false, DeviceListing.envvar(), false, HamiCoreSettings.chartDefaults().options(),
                settings -> settings.withMig(strategy, procRoot));
    }

    private static PluginFixture start(KubernetesClient client, Path tmp, String profile, boolean topologyScore,
                                       DeviceListing listing, boolean lockless, io.hami.model.protocol.HamiCoreOptions core,
                                       UnaryOperator<NvidiaPlugin.Settings> adjust) throws Exception {
        if (client.nodes().withName(NODE).get() == null) {
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        }
        var mock = NvmlMock.current().useProfile(profile);
        var pluginDir = Files.createDirectories(tmp.resolve("dp"));
        var kubelet = FakeKubelet.start(pluginDir);
        var hook = tmp.resolve("hook");
        var nvidia = new NvidiaConfig("nvidia.com/gpu", "nvidia.com/gpumem", "nvidia.com/gpumem-percentage",
                "nvidia.com/gpucores", "nvidia.com/priority", false, 0, 0, 1, 1, io.hami.model.config.GpuCorePolicy.DEFAULT, "",
                List.of(), false, SPLIT, 1.0, 1.0, 0, 1, true);
        var config = new DevicePluginConfig(NODE, pluginDir, "hami-nvidia.sock", Sharing.of(nvidia, "hami-core"),
                DeviceFilter.NONE, topologyScore, true, Optional.of(new InetSocketAddress("127.0.0.1", 0)), fastTimings());
        var settings = new NvidiaPlugin.Settings(new HamiCoreSettings(hook.toString(), hook + "/vgpu/libvgpu.so", core.oversubscribe(),
                core.libCudaLogLevel(), core.disableCoreLimit()), Optional.empty(), tmp.resolve("vgpulock"), XidPolicy.DEFAULT, listing, lockless);
        settings = adjust.apply(settings);
        DevicePlugin plugin;
        try {
            plugin = NvidiaPlugin.start(config, settings, NVIDIA, new Nvml(mock.api(), Path.of("/sys")), client,
                    Clock.systemUTC());
        } catch (Exception e) {
            kubelet.close();
            throw e;
        }
        return new PluginFixture(client, mock, kubelet, plugin, hook);
    }

    /** {@code pod} as the plugin reads it from the API server. */
    public static LeanPod lean(Pod pod) {
        return JSON.convertValue(pod, LeanPod.class);
    }

    /** A container asking for {@code gpus} of {@code nvidia.com/gpu} (none when 0). */
    public static Container container(String name, int gpus) {
        var c = new ContainerBuilder().withName(name).withImage("cuda");
        if (gpus > 0) {
            c.withNewResources().addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(gpus))).endResources();
        }
        return c.build();
    }

    /** A pod as the scheduler leaves it after bind: bound here, Pending, bind phase allocating, the annotation set. */
    public Pod boundPod(String name, List<Container> init, List<Container> app, String toAllocate) {
        var annotations = new HashMap<String, String>();
        annotations.put(HamiAnnotations.VGPU_NODE, NODE);
        annotations.put(HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire());
        annotations.put(HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000));
        annotations.put(TO_ALLOCATE, toAllocate);
        annotations.put("hami.io/vgpu-devices-allocated", toAllocate);
        var pod = new PodBuilder().withNewMetadata().withNamespace("default").withName(name)
                .addToLabels(HamiAnnotations.VGPU_NODE, NODE).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(NODE).withInitContainers(init).withContainers(app).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        return client.pods().inNamespace("default").resource(pod).create();
    }

    /** Locks the node for the pod, as the scheduler's bind does. */
    public void lockFor(String namespace, String name) {
        var value = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef(namespace, name)));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(AnnotationKeys.HAMI_NODE_LOCK, value).endMetadata().build();
        client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    /** The node lock's value; null when absent (the mock keeps a merge patch's null as a null value). */
    public String lock() {
        return annotations(() -> client.nodes().withName(NODE).get().getMetadata().getAnnotations()).get(AnnotationKeys.HAMI_NODE_LOCK);
    }

    /** The pod's annotations as the API has them now. */
    public Map<String, String> podAnnotations(String name) {
        return annotations(() -> client.pods().inNamespace("default").withName(name).get().getMetadata().getAnnotations());
    }

    private static Map<String, String> annotations(Supplier<Map<String, String>> read) {
        var a = read.get();
        return a == null ? Map.of() : a;
    }

    /** The slot IDs of {@code uuid}, as kubelet would pass {@code count} of them. */
    public static List<String> slots(String uuid, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(n -> uuid + "-" + n).toList();
    }

    @Override
    public void close() throws IOException {
        try {
            plugin.close();
        } finally {
            kubelet.close();
        }
    }
}
