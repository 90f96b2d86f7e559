package io.hami.cli.deviceplugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.bindings.nvml.GpuPairLinks;
import io.hami.bindings.nvml.Nvml;
import io.hami.deviceplugin.devices.DeviceInventory;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.deviceplugin.register.TopologyScores;
import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.NodeScoreCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.testfixtures.kube.Kubeconfigs;
import io.hami.testfixtures.kubelet.FakeKubelet;
import io.hami.testfixtures.nvml.RealNvml;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node check on a real GPU ({@code scripts/gpu-check.sh}; tag {@code gpu}): the device plugin over the driver's
 * NVML with the kubelet stand-in, this machine's NVLink/topology scores, and the monitor's host metrics against
 * {@code nvidia-smi}. It only reads the GPUs; it changes none of their settings. Skipped where there is no driver
 * with a GPU. The scores it computed are written to {@code target/gpu-check/topology-score.json}.
 */
@Tag("gpu")
@EnableKubernetesMockClient(crud = true)
class RealGpuNodeTest {
    private static final String LIBRARY = RealNvml.LIBRARY;
    private static final String NODE = "gpu-check";
    private static final Duration WAIT = Duration.ofSeconds(60);

    KubernetesClient client;

    @TempDir
    Path tmp;

    @BeforeEach
    void driver() {
        var reason = RealNvml.skipReason();
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
    }

    private static List<String> uuids() {
        var nvml = Nvml.open(LIBRARY);
        try (var _ = nvml.start()) {
            var out = new ArrayList<String>();
            for (int i = 0; i < nvml.deviceCount(); i++) {
                out.add(nvml.uuid(nvml.device(i)));
            }
            return out;
        }
    }

    @Test
    void devicePluginRegistersTheRealGpusAndAllocateNamesTheirUuids() throws Exception {
        var gpus = uuids();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build()).create();
        var kubeconfig = Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret");
        var dir = Files.createDirectories(tmp.resolve("dp"));
        try (var kubelet = FakeKubelet.start(dir); var plugin = RunningPlugin.start(
                    "--node-name", NODE, "--kubeconfig",
                    kubeconfig.toString(), "--device-plugin-dir", dir.toString(), "--hook-path",
                    tmp.resolve("hook").toString(), "--vgpu-lock-dir", tmp.resolve("lock").toString(),
                    "--nvml-library", LIBRARY, "--device-split-count", "2", "--health-address", "none")) {
            try {
                assertThat(kubelet.awaitRegistrations(1, WAIT).getResourceName()).isEqualTo("nvidia.com/gpu");
                assertThat(kubelet.awaitDevices(r -> r.getDevicesCount() == 2 * gpus.size(), WAIT).getDevicesCount())
                        .isEqualTo(2 * gpus.size());

                String uuid = gpus.getFirst();
                bindPod(uuid);
                var response = kubelet.allocate(List.of(List.of(uuid + "-0"))).getContainerResponses(0);
                assertThat(response.getEnvsMap()).containsEntry("NVIDIA_VISIBLE_DEVICES", uuid)
                        .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "1000m");
            } finally {
                plugin.stop();
            }
        }
    }

    @Test
    void topologyScoresOfThisMachineAreSymmetricAndAtLeastHamisFloor() throws Exception {
        var nvml = Nvml.open(LIBRARY);
        List<GpuPairLinks> links;
        var devices = new ArrayList<DeviceInventory.DeviceState>();
        try (var _ = nvml.start()) {
            links = nvml.links();
            for (int i = 0; i < nvml.deviceCount(); i++) {
                devices.add(new DeviceInventory.DeviceState(new PhysicalDevice(i, nvml.uuid(nvml.device(i)), "NVIDIA",
                        OptionalLong.empty(), OptionalInt.empty(), true), true));
            }
        }
        var scores = TopologyScores.of(devices, links);
        var text = NodeScoreCodec.INSTANCE.encode(scores);
        var out = Files.createDirectories(Path.of("target", "gpu-check"));
        Files.writeString(out.resolve("topology-score.json"), text + "\n");
        Files.writeString(out.resolve("topology-links.txt"), String.join("\n", links.stream().map(l -> l.from() + " -> "
                + l.to() + ": " + l.ancestor().map(Enum::name).orElse("?") + ", " + l.nvlinks() + " NVLink(s)"
                + (l.viaSwitch() ? " via NVSwitch" : "")).toList()) + "\n");
        assertThat(links).hasSize(devices.size() * (devices.size() - 1));
        for (var pair : scores.pairs()) {
            for (var e : pair.scores().entrySet()) {
                int back = scores.pairs().stream().filter(p -> p.uuid().equals(e.getKey())).findFirst().orElseThrow()
                        .scores().get(pair.uuid());
                assertThat(back).as("%s <-> %s", pair.uuid(), e.getKey()).isEqualTo(e.getValue());
                assertThat(e.getValue()).as("%s <-> %s", pair.uuid(), e.getKey()).isGreaterThanOrEqualTo(10);
            }
        }
    }

    @Test
    void monitorHostMetricsMatchNvidiaSmi() throws Exception {
        var smi = nvidiaSmi("--query-gpu=uuid,memory.used", "--format=csv,noheader,nounits");
        assumeTrue(smi != null, "nvidia-smi is not installed");
        var monitor = new io.hami.cli.monitor.MonitorCommand();
        new picocli.CommandLine(monitor).parseArgs("--node-name", NODE, "--hook-path", tmp.toString(),
                "--metrics-bind-address", "127.0.0.1:0", "--nvml-library", LIBRARY, "--kubeconfig",
                Kubeconfigs.write(tmp, client.getMasterUrl().toString(), "secret").toString());
        try (var daemon = monitor.start(); var http = HttpClient.newHttpClient()) {
            String metrics = "";
            long end = System.nanoTime() + WAIT.toNanos();
            while (!metrics.contains("hami_host_gpu_memory_used_bytes{") && System.nanoTime() < end) {
                Thread.sleep(200); // the first pass runs at start; polling the endpoint until it has
                metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.port() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            for (String line : smi.strip().split("\n")) {
                String[] f = line.split(",\\s*");
                String sample = metrics.lines().filter(l -> l.startsWith("hami_host_gpu_memory_used_bytes{")
                        && l.contains("device_uuid=\"" + f[0] + "\"")).findFirst().orElseThrow(() ->
                        new AssertionError("no hami_host_gpu_memory_used_bytes for " + f[0]));
                double mib = Double.parseDouble(sample.substring(sample.lastIndexOf(' ') + 1)) / (1 << 20);
                // Both read NVML moments apart: what other processes allocate in between is the only difference.
                assertThat(mib).as(f[0]).isCloseTo(Double.parseDouble(f[1]), org.assertj.core.data.Offset.offset(256.0));
            }
        }
    }

    private void bindPod(String uuid) {
        var annotations = Map.of(HamiAnnotations.VGPU_NODE, NODE, HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire(),
                HamiAnnotations.BIND_TIME, Long.toString(System.currentTimeMillis() / 1000),
                "hami.io/vgpu-devices-to-allocate", uuid + ",NVIDIA,1000,0:;",
                "hami.io/vgpu-devices-allocated", uuid + ",NVIDIA,1000,0:;");
        var container = new ContainerBuilder().withName("cuda").withImage("cuda").withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity("1")).endResources().build();
        client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withNamespace("default")
                .withName("check").addToLabels(HamiAnnotations.VGPU_NODE, NODE).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(NODE).withContainers(container).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        var lock = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(ZoneOffset.UTC), new PodRef("default", "check")));
        var patch = new NodeBuilder().withNewMetadata().addToAnnotations(AnnotationKeys.HAMI_NODE_LOCK, lock).endMetadata().build();
        client.nodes().withName(NODE).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    private static String nvidiaSmi(String... args) throws Exception {
        var command = new ArrayList<>(List.of("nvidia-smi"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
    }
}
