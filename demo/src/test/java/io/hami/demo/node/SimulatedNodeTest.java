package io.hami.demo.node;

import static io.hami.demo.node.NodeFixture.GPU0;
import static io.hami.demo.node.NodeFixture.GPU1;
import static io.hami.demo.node.NodeFixture.NODE;
import static io.hami.demo.node.NodeFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.api.EmbeddedApiServer;
import io.hami.model.device.ContainerDevice;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.wait.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated node in-process against the mock API server: the real device plugin and monitor over the C
 * mock NVML, the kubelet stand-in's pod handling and the region-writer runtime.
 */
class SimulatedNodeTest {
    private static final long MIB = 1L << 20;

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
        node = NodeFixture.start(client, tmp, layout, 0.5);
    }

    @AfterEach
    void stop() {
        node.close();
        api.close();
    }

    @Test
    void registersTheNodeWithLabelsCapacityAndTheRegisterAnnotation() {
        var n = client.nodes().withName(NODE).get();
        assertThat(n.getMetadata().getLabels()).containsEntry("gpu", "on").containsEntry("zone", "a");
        assertThat(n.getMetadata().getAnnotations()).containsKey("hami.io/node-nvidia-register");
        Eventually.within(WAIT, () -> {
            var status = client.nodes().withName(NODE).get().getStatus();
            assertThat(status.getCapacity().get("nvidia.com/gpu").getAmount()).isEqualTo("8");
            assertThat(status.getAllocatable().get("nvidia.com/gpu").getAmount()).isEqualTo("8");
            assertThat(status.getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("Ready");
                assertThat(c.getStatus()).isEqualTo("True");
            });
        });
        assertThat(node.resource()).isEqualTo("nvidia.com/gpu");
        assertThat(node.readyLine()).matches(Pattern.quote("READY {\"node\":\"" + NODE + "\",\"metrics\":\"http://127.0.0.1:")
                + "\\d+/metrics\"}");
    }

    @Test
    void allocatesStartsAndStopsAGpuPodAsKubeletWould() throws Exception {
        var devices = PodDevices.of(ContainerDevices.NONE, ContainerDevices.of(new ContainerDevice(GPU1, "NVIDIA", 3000, 30)));
        var pod = ScheduledPods.bind(client, NODE, "default", "trainer", List.of(ScheduledPods.gpuContainer("init", 0)), List.of(ScheduledPods.gpuContainer("cuda", 1)), devices);
        var uid = pod.getMetadata().getUid();

        var running = awaitPhase("trainer", "Running");
        assertThat(running.getStatus().getContainerStatuses()).singleElement()
                .satisfies(s -> assertThat(s.getState().getRunning()).isNotNull());
        assertThat(running.getMetadata().getAnnotations()).containsEntry("hami.io/bind-phase", "success");

        var started = StartedContainer.read(layout.startedFile(uid, "cuda"));
        // kubelet passes any free slot IDs; HAMi's plugin answers from the pod's annotation, not from the IDs
        assertThat(started.deviceIds()).hasSize(1);
        assertThat(started.envs()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU1).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m")
                .containsEntry("CUDA_DEVICE_SM_LIMIT", "30");
        assertThat(started.mounts()).anySatisfy(m -> assertThat(m.hostPath()).isEqualTo(layout.containersDir().resolve(uid + "_cuda").toString()));
        var init = StartedContainer.read(layout.startedFile(uid, "init"));
        assertThat(init.envs()).isEmpty();
        assertThat(init.deviceIds()).isEmpty();

        var cache = Path.of(started.envs().get("CUDA_DEVICE_MEMORY_SHARED_CACHE")).getFileName();
        assertThat(layout.containersDir().resolve(uid + "_cuda").resolve(cache)).isRegularFile();
        long used = 3000 * MIB / 2;
        var series = Pattern.compile("hami_vgpu_memory_used_bytes\\{container=\"cuda\",device_uuid=\"" + Pattern.quote(GPU1)
                + "\",namespace=\"default\",pod=\"trainer\",vdevice_index=\"0\",zone=\"vGPU\"} ([0-9.E]+)");
        Eventually.within(WAIT, () -> {
            var m = series.matcher(NodeFixture.metrics(node));
            assertThat(m.find()).as("the monitor's series of the container").isTrue();
            assertThat(Double.parseDouble(m.group(1))).isEqualTo((double) used);
        });

        client.pods().inNamespace("default").withName("trainer").delete();
        Eventually.within(WAIT, () -> {
            assertThat(layout.startedFile(uid, "cuda")).doesNotExist();
            assertThat(layout.startedFile(uid, "init")).doesNotExist();
            assertThat(layout.containersDir().resolve(uid + "_cuda")).doesNotExist();
        });
    }

    @Test
    void freesTheDeviceIdsOfADeletedPodForTheNextOne() throws Exception {
        // 2 GPUs split 4 are 8 slot IDs: four containers of two GPUs each hold all of them
        var pair = ContainerDevices.of(new ContainerDevice(GPU0, "NVIDIA", 1000, 0), new ContainerDevice(GPU1, "NVIDIA", 1000, 0));
        var names = List.of("a", "b", "c", "d");
        ScheduledPods.bind(client, NODE, "default", "first", List.of(), names.stream().map(n -> ScheduledPods.gpuContainer(n, 2)).toList(),
                new PodDevices(names.stream().map(n -> pair).toList()));
        awaitPhase("first", "Running");
        client.pods().inNamespace("default").withName("first").delete();
        Eventually.within(WAIT, () -> assertThat(Files.list(layout.startedDir()).toList()).isEmpty());

        var second = ScheduledPods.bind(client, NODE, "default", "second", List.of(), List.of(ScheduledPods.gpuContainer("e", 2)), PodDevices.of(pair));
        awaitPhase("second", "Running");
        assertThat(StartedContainer.read(layout.startedFile(second.getMetadata().getUid(), "e")).deviceIds()).hasSize(2);
    }

    @Test
    void failsAPodWhenTooFewDeviceIdsAreFree() throws Exception {
        var pair = ContainerDevices.of(new ContainerDevice(GPU0, "NVIDIA", 1000, 0), new ContainerDevice(GPU1, "NVIDIA", 1000, 0));
        var names = List.of("a", "b", "c", "d", "e");
        ScheduledPods.bind(client, NODE, "default", "greedy", List.of(), names.stream().map(n -> ScheduledPods.gpuContainer(n, 2)).toList(),
                new PodDevices(names.stream().map(n -> pair).toList()));

        var failed = awaitPhase("greedy", "Failed");
        assertThat(failed.getStatus().getReason()).isEqualTo("UnexpectedAdmissionError");
        assertThat(failed.getStatus().getMessage()).contains("Requested: 2, Available: 0");
        Eventually.within(WAIT, () -> assertThat(Files.list(layout.startedDir()).toList()).isEmpty());
        assertThat(Files.list(layout.containersDir()).toList()).isEmpty();
    }

    @Test
    void failsAPodWhoseAllocateFailsWithKubeletsReason() throws Exception {
        // bound without HAMi's annotations: the plugin finds no pod to allocate for and refuses
        ScheduledPods.bindPlain(client, NODE, "default", "stray", List.of(ScheduledPods.gpuContainer("cuda", 1)));

        var failed = awaitPhase("stray", "Failed");
        assertThat(failed.getStatus().getReason()).isEqualTo("UnexpectedAdmissionError");
        assertThat(failed.getStatus().getMessage()).startsWith("Allocate failed due to rpc error").endsWith(", which is unexpected");
        assertThat(Files.list(layout.startedDir()).toList()).isEmpty();
        assertThat(Files.list(layout.containersDir()).toList()).isEmpty();
    }

    @Test
    void startsAPodWithoutGpuRequestsWithoutAllocate() throws Exception {
        var uid = ScheduledPods.bindPlain(client, NODE, "default", "web", List.of(ScheduledPods.gpuContainer("nginx", 0)))
                .getMetadata().getUid();
        awaitPhase("web", "Running");
        assertThat(StartedContainer.read(layout.startedFile(uid, "nginx")).envs()).isEmpty();
    }

    private Pod awaitPhase(String name, String phase) {
        Eventually.within(WAIT, () -> assertThat(client.pods().inNamespace("default").withName(name).get().getStatus().getPhase())
                .isEqualTo(phase));
        return client.pods().inNamespace("default").withName(name).get();
    }
}
