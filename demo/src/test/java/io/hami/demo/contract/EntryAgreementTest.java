package io.hami.demo.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.allocate.AllocationPlanner;
import io.hami.deviceplugin.nvidia.HamiCoreEnvironment;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.vendor.Vendors;
import io.hami.monitor.Monitor;
import io.hami.monitor.config.MonitorConfig;
import io.hami.monitor.metrics.BuildInfo;
import io.hami.monitor.metrics.HostGpus;
import io.hami.monitor.pods.InformerPodSource;
import io.hami.monitor.pods.PodSource;
import io.hami.testfixtures.nvml.FakeNvml;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.config.EscapingScheme;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The device plugin and the monitor attribute every entry of an allocation to the same container, in both of HAMi's
 * encodings (docs/protocol.md, "Allocation entries and containers"): the plugin's {@code Allocate} gives a container
 * its limits, and the monitor shows those limits under that container's name until its region exists.
 */
class EntryAgreementTest {
    private static final String GPU = "nvidia.com/gpu";
    private static final String UID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final Pattern LIMIT = Pattern.compile("hami_vgpu_memory_limit_bytes\\{.*container=\"([^\"]+)\".*} (\\S+)");

    @TempDir
    Path hook;

    private static Container container(String name, boolean gpu, String resource) {
        var c = new ContainerBuilder().withName(name).withImage("cuda");
        if (gpu) {
            c.withNewResources().addToLimits(resource, new Quantity("1")).endResources();
        }
        return c.build();
    }

    private static Pod pod(String allocation) {
        return pod(allocation, GPU);
    }

    /** Init {@code setup} (no GPU) and {@code warm} (GPU); app {@code sidecar} (no GPU), {@code train} and {@code serve} (GPU). */
    private static Pod pod(String allocation, String resource) {
        var devices = Vendors.defaults().byId("nvidia").orElseThrow().annotations();
        return new PodBuilder().withNewMetadata().withNamespace("ml").withName("job").withUid(UID)
                .addToAnnotations(devices.devicesAllocated(), allocation).addToAnnotations(devices.devicesToAllocate(), allocation)
                .endMetadata().withNewSpec()
                .withInitContainers(container("setup", false, resource), container("warm", true, resource))
                .withContainers(container("sidecar", false, resource), container("train", true, resource),
                        container("serve", true, resource))
                .endSpec().build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            positional, every container has its entry | ;GPU-a,NVIDIA,1000,10:;;GPU-a,NVIDIA,3000,30:;GPU-b,NVIDIA,5000,50:;
            HAMi v2.10 shifted, empty entries left out | GPU-a,NVIDIA,1000,10:;GPU-a,NVIDIA,3000,30:;GPU-b,NVIDIA,5000,50:;
            """)
    void pluginAndMonitorGiveEveryEntryToTheSameContainer(String encoding, String allocation) throws Exception {
        var pod = pod(allocation);
        var plugin = pluginLimitsMiB(pod);
        var monitor = monitorLimitsMiB(pod, Map.of());
        assertThat(plugin).as(encoding).isEqualTo(Map.of("warm", 1000L, "train", 3000L, "serve", 5000L));
        assertThat(monitor).as(encoding).isEqualTo(plugin);
    }

    @Test
    void aMonitorToldTheChartsResourceNameFindsTheContainersAskingForIt() throws Exception {
        var pod = pod("GPU-a,NVIDIA,1000,10:;GPU-a,NVIDIA,3000,30:;GPU-b,NVIDIA,5000,50:;", "example.com/vgpu");
        assertThat(monitorLimitsMiB(pod, Map.of("resource-name", "example.com/vgpu")))
                .isEqualTo(Map.of("warm", 1000L, "train", 3000L, "serve", 5000L));
    }

    /** {@code pod} as the node daemons read it from the API server. */
    private static LeanPod lean(Pod pod) {
        return new KubernetesSerialization().convertValue(pod, LeanPod.class);
    }

    private Map<String, Long> pluginLimitsMiB(Pod pod) throws Exception {
        var settings = new HamiCoreSettings(hook.toString(), hook + "/vgpu/libvgpu.so", false, Optional.empty(), false);
        var planner = new AllocationPlanner(Vendors.defaults().byId("nvidia").orElseThrow(), new HamiCoreEnvironment(settings));
        var plan = planner.plan(lean(pod), List.of(1, 1, 1), () -> "9b1c0d2e-3f4a-4b5c-8d6e-7f8091a2b3c4");
        var limits = new TreeMap<String, Long>();
        for (var c : plan.containers()) {
            var env = c.spec().env().get("CUDA_DEVICE_MEMORY_LIMIT_0");
            limits.put(c.id().containerName(), Long.parseLong(env.substring(0, env.length() - 1)));
        }
        return limits;
    }

    private Map<String, Long> monitorLimitsMiB(Pod pod, Map<String, String> extraFlags) throws Exception {
        Files.createDirectories(hook.resolve("containers"));
        var flags = new java.util.HashMap<>(Map.of("node-name", "gpu-node", "hook-path", hook.toString(),
                "metrics-bind-address", "127.0.0.1:0", "mig-apply-lock", hook.resolve("mig.lock").toString()));
        flags.putAll(extraFlags);
        var config = MonitorConfig.load(flags, Map.of(), Optional.empty());
        var host = new HostGpus(() -> new Nvml(FakeNvml.twoV100OnTwoNumaNodes(), Path.of("/sys")));
        var limits = new TreeMap<String, Long>();
        try (var monitor = new Monitor(config, PodSource.of(List.of(InformerPodSource.view(lean(pod)))), host, Clock.systemUTC(),
                new BuildInfo("test", "abc", "2026-01-01", "java25", "linux/amd64"))) {
            monitor.runPass();
            var out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, monitor.registry().scrape(), EscapingScheme.ALLOW_UTF8);
            for (var line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                var m = LIMIT.matcher(line);
                if (m.matches()) {
                    limits.put(m.group(1), (long) Double.parseDouble(m.group(2)) >> 20);
                }
            }
        }
        return limits;
    }
}
