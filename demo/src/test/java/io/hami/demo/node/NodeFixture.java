package io.hami.demo.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePlugin;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.monitor.MonitorDaemon;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One simulated node started in-process for the node tests: the C mock NVML with two V100s, the real NVIDIA
 * device plugin (split 4, a short Allocate timeout) and the real monitor against the mock API server, and the
 * region-writer runtime.
 */
final class NodeFixture {
    static final String NODE = "sim-node-1";
    static final String GPU0 = "GPU-v1000000-2b3c-4d5e-8f90-a1b2c3d4e5f6";
    static final String GPU1 = "GPU-v1000001-2b3c-4d5e-8f90-a1b2c3d4e5f7";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final VendorDescriptor NVIDIA = ScheduledPods.NVIDIA;

    private NodeFixture() {
    }

    static SimulatedNode start(KubernetesClient client, Path tmp, NodeLayout layout, double usedFraction) throws Exception {
        return start(client, tmp, layout, usedFraction, false, UnaryOperator.identity());
    }

    /** A node whose containers start through {@code wrap} of its region-writer runtime. */
    static SimulatedNode start(KubernetesClient client, Path tmp, NodeLayout layout, UnaryOperator<ContainerRuntime> wrap)
            throws Exception {
        return start(client, tmp, layout, 0.5, false, wrap);
    }

    /** A node whose plugin runs lockless, its containers given their limits from the allocation store. */
    static SimulatedNode startLockless(KubernetesClient client, Path tmp, NodeLayout layout) throws Exception {
        return start(client, tmp, layout, 0.5, true, UnaryOperator.identity());
    }

    private static SimulatedNode start(KubernetesClient client, Path tmp, NodeLayout layout, double usedFraction,
                                       boolean lockless, UnaryOperator<ContainerRuntime> wrap) throws Exception {
        var mock = NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var settings = new SimulatedNode.Settings(NODE, layout, Map.of("gpu", "on", "zone", "a"),
                NVIDIA.annotations().nodeRegister(), WAIT);
        var writer = NativeTools.find(NativeTools.REGION_WRITER).orElseThrow();
        var runtime = lockless ? RegionWriterRuntime.lockless(writer, layout.containersDir(), usedFraction, layout.hookPath())
                : new RegionWriterRuntime(writer, layout.containersDir(), usedFraction);
        return SimulatedNode.start(settings, client, wrap.apply(runtime),
                () -> MonitorDaemon.start(MonitorConfig.load(Map.of("node-name", NODE, "hook-path", layout.vgpuDir().toString(),
                        "metrics-bind-address", "127.0.0.1:0", "feedback-interval", "1s", "kubeconfig", kubeconfig.toString(),
                        "nvml-library", mock.library(), "mig-apply-lock", tmp.resolve("mig.lock").toString()), Map.of(), Optional.empty()),
                        BuildInfo.of("test", "test", "test")),
                () -> plugin(client, layout, mock, lockless));
    }

    private static DevicePlugin plugin(KubernetesClient client, NodeLayout layout, NvmlMock mock, boolean lockless) throws Exception {
        var nvidia = NvidiaConfig.defaults();
        var timings = new Timings(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(2), Duration.ofMillis(100));
        var sharing = new Sharing(4, 1.0, 1.0, nvidia.preConfiguredDeviceMemory(), "hami-core", false);
        var config = new DevicePluginConfig(NODE, layout.pluginDir(), "hami-nvidia.sock", sharing, DeviceFilter.NONE, false, false,
                Optional.empty(), timings);
        var hook = layout.hookPath().toString();
        var settings = new NvidiaPlugin.Settings(new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false, Optional.of(1), false),
                Optional.empty(), layout.lockDir(), XidPolicy.DEFAULT).withLockless(lockless);
        return NvidiaPlugin.start(config, settings, NVIDIA, new Nvml(mock.api(), Path.of("/sys")), client, Clock.systemUTC());
    }

    /** The node's /metrics text. */
    static String metrics(SimulatedNode node) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(node.metricsUrl())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
