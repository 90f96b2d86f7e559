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
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.store.AllocationStore;
import io.hami.testfixtures.kube.ScheduledPods;
import io.hami.testfixtures.wait.Eventually;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lockless node end to end, in-process against the mock API server: the plugin keeps the allocation store and
 * answers {@code Allocate} without the pod; each container gets its own entry's limits from the store, as the runtime
 * shim gives them.
 */
class LocklessNodeTest {
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
        node = NodeFixture.startLockless(client, tmp, layout);
    }

    @AfterEach
    void stop() {
        node.close();
        api.close();
    }

    @Test
    void announcesItselfLocklessAndGivesEachContainerOfAPodItsOwnEntryInitContainersToo() throws Exception {
        assertThat(client.nodes().withName(NODE).get().getMetadata().getAnnotations())
                .containsEntry(HamiAnnotations.locklessBinds("NVIDIA"), "true");
        var devices = PodDevices.of(ContainerDevices.of(new ContainerDevice(GPU0, "NVIDIA", 1000, 10)),
                ContainerDevices.of(new ContainerDevice(GPU1, "NVIDIA", 3000, 30)),
                ContainerDevices.of(new ContainerDevice(GPU1, "NVIDIA", 2000, 20)));
        // bound as HAMi's scheduler binds: with the node lock, which the lockless plugin gives back
        var pod = ScheduledPods.bind(client, NODE, "default", "trainer", List.of(ScheduledPods.gpuContainer("init", 1)),
                List.of(ScheduledPods.gpuContainer("a", 1), ScheduledPods.gpuContainer("b", 1)), devices);
        var uid = pod.getMetadata().getUid();

        awaitPhase("trainer", "Running");
        assertThat(StartedContainer.read(layout.startedFile(uid, "init")).envs()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU0)
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "1000m").doesNotContainKey(AllocationStore.LOCKLESS_DEVICES_ENV);
        assertThat(StartedContainer.read(layout.startedFile(uid, "a")).envs()).containsEntry("NVIDIA_VISIBLE_DEVICES", GPU1)
                .containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "3000m").containsEntry("CUDA_DEVICE_SM_LIMIT", "30");
        var b = StartedContainer.read(layout.startedFile(uid, "b"));
        assertThat(b.envs()).containsEntry("CUDA_DEVICE_MEMORY_LIMIT_0", "2000m").containsEntry("CUDA_DEVICE_SM_LIMIT", "20");
        assertThat(b.mounts()).anySatisfy(m -> assertThat(m.hostPath()).isEqualTo(layout.containersDir().resolve(uid + "_b").toString()));
        // (the mock API server keeps a merge patch's null as a null value)
        Eventually.within(WAIT, () -> assertThat(client.nodes().withName(NODE).get().getMetadata().getAnnotations()
                .get(HamiAnnotations.NODE_LOCK)).isNull());

        var store = AllocationStore.under(layout.vgpuDir());
        assertThat(store.read(uid)).isPresent();
        client.pods().inNamespace("default").withName("trainer").delete();
        Eventually.within(WAIT, () -> assertThat(store.read(uid)).isEmpty());
    }

    private Pod awaitPhase(String name, String phase) {
        Eventually.within(WAIT, () -> assertThat(client.pods().inNamespace("default").withName(name).get().getStatus().getPhase())
                .isEqualTo(phase));
        return client.pods().inNamespace("default").withName(name).get();
    }
}
