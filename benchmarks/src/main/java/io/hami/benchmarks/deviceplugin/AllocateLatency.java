package io.hami.benchmarks.deviceplugin;

import io.hami.benchmarks.cluster.MockCluster;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.DevicePluginConfig;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.Timings;
import io.hami.deviceplugin.devices.DeviceFilter;
import io.hami.deviceplugin.devices.XidPolicy;
import io.hami.deviceplugin.nvidia.NvidiaPlugin;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.Vendors;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.NvmlMock;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Allocate latency as kubelet sees it: one {@code Allocate} call over the plugin's real Unix socket, for a pod
 * the "scheduler" (this harness) has just bound and locked the node for, with the fabric8 mock API server (CRUD,
 * HTTPS, in this JVM) behind the plugin. Each call reads the node and the pod, writes the pod once, and reads and
 * writes the node to release the lock. Only the call is timed; creating and locking the pod is not.
 *
 * <p>Run from the repository root after {@code ./mvnw -B -DskipTests package}:
 * {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * io.hami.benchmarks.deviceplugin.AllocateLatency [warm-up calls] [measured calls]}.
 */
public final class AllocateLatency {
    private static final String NODE = "bench-node";

    private AllocateLatency() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        MockCluster.defaultNativeDir();
        var tmp = Files.createTempDirectory("hami-bench");
        var mock = NvmlMock.current().useProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
        var gpu = NvmlProfile.load(NvmlProfile.TWO_V100_TWO_NUMA_NODES).devices().get(1).uuid();
        try (var cluster = new MockCluster(NODE); var kubelet = FakeKubelet.start(Files.createDirectories(tmp.resolve("dp")))) {
            var config = new DevicePluginConfig(NODE, kubelet.dir(), "hami-nvidia.sock",
                    Sharing.of(NvidiaConfig.defaults(), "hami-core"), DeviceFilter.NONE, false, false, Optional.empty(),
                    Timings.defaults());
            var hook = tmp.resolve("hook").toString();
            var settings = new NvidiaPlugin.Settings(new HamiCoreSettings(hook, hook + "/vgpu/libvgpu.so", false, Optional.of(1), false),
                    Optional.empty(), tmp.resolve("vgpulock"), XidPolicy.DEFAULT);
            try (var _ = NvidiaPlugin.start(config, settings, Vendors.defaults().byId("nvidia").orElseThrow(),
                    new Nvml(mock.api(), Path.of("/sys")), cluster.client, Clock.systemUTC())) {
                kubelet.awaitRegistrations(1, Duration.ofSeconds(30));
                var nanos = new long[measured];
                for (int i = 0; i < warmup + measured; i++) {
                    var name = "pod-" + i;
                    ScheduledPods.bind(cluster.client, NODE, "default", name, List.of(),
                            List.of(ScheduledPods.gpuContainer("cuda", 1)), PodDevicesCodec.INSTANCE.decode(gpu + ",NVIDIA,1000,30:;"));
                    long t0 = System.nanoTime();
                    kubelet.allocate(List.of(List.of(gpu + "-0")));
                    long t = System.nanoTime() - t0;
                    if (i >= warmup) {
                        nanos[i - warmup] = t;
                    }
                    cluster.client.pods().inNamespace("default").withName(name).delete();
                }
                report(nanos);
            }
        }
    }

    private static void report(long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("Allocate over UDS with the mock API server (HTTPS, CRUD), %d calls:%n", nanos.length);
        for (double q : new double[] {0.50, 0.90, 0.99}) {
            System.out.printf("  p%-3d %8.3f ms%n", (int) Math.round(q * 100), nanos[(int) Math.ceil(q * nanos.length) - 1] / 1e6);
        }
        System.out.printf("  max  %8.3f ms%n", nanos[nanos.length - 1] / 1e6);
    }
}
