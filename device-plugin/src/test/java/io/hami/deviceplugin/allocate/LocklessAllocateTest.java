package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.NODE;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static io.hami.deviceplugin.PluginFixture.container;
import static io.hami.deviceplugin.PluginFixture.slots;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.store.AllocationStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin in lockless mode, over kubelet's socket and the mock API server. */
@EnableKubernetesMockClient(crud = true)
class LocklessAllocateTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private PluginFixture node;
    private AllocationStore store;

    @BeforeEach
    void start() throws Exception {
        node = PluginFixture.startLockless(client, tmp);
        node.kubelet.awaitRegistrations(1, WAIT);
        store = AllocationStore.under(Path.of(node.hookPath + "/vgpu"));
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** Waits until {@code condition} holds, at most {@link PluginFixture#WAIT}; whether it did. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private Optional<?> record(String uid) {
        try {
            return store.read(uid);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void announcesLocklessBindsOnItsNode() throws Exception {
        var key = HamiAnnotations.locklessBinds("NVIDIA");
        assertThat(eventually(() -> "true".equals(annotations().get(key)))).as(key).isTrue();
    }

    private java.util.Map<String, String> annotations() {
        var a = client.nodes().withName(NODE).get().getMetadata().getAnnotations();
        return a == null ? java.util.Map.of() : a;
    }

    @Test
    void answersAllocateWithoutAnyPodAndLeavesTheContainerToTheShim() throws Exception {
        var response = node.kubelet.allocate(List.of(slots(GPU0, 1), slots(GPU1, 2)));

        assertThat(response.getContainerResponses(0).getEnvsMap()).containsExactly(java.util.Map.entry(AllocationStore.LOCKLESS_DEVICES_ENV, "1"));
        assertThat(response.getContainerResponses(1).getEnvsMap()).containsExactly(java.util.Map.entry(AllocationStore.LOCKLESS_DEVICES_ENV, "2"));
        assertThat(response.getContainerResponses(0).getMountsList()).isEmpty();
        assertThat(response.getContainerResponses(0).getDevicesList()).isEmpty();
    }

    @Test
    void registersWithoutPreferredAllocationSoKubeletsAdmissionMakesNoCallItDoesNotNeed() {
        // the fixture's plugin is configured with preferred allocation on; lockless, it has nothing to prefer
        assertThat(node.kubelet.options().getGetPreferredAllocationAvailable()).isFalse();
    }

    @Test
    void preferredAllocationTakesKubeletsOrderWithoutGuessingThePodFromTheApiServer() throws Exception {
        // the only pod waiting for devices: under the lock the plugin would steer kubelet to a slot of its GPU1; lockless,
        // no lock names the pod being admitted, so nothing is looked up and kubelet's first free slot is preferred
        node.boundPod("waiting", List.of(), List.of(container("cuda", 1)), GPU1 + ",NVIDIA,1000,30:;");
        var available = java.util.stream.Stream.concat(slots(GPU0, PluginFixture.SPLIT).stream(),
                slots(GPU1, PluginFixture.SPLIT).stream()).toList();

        var response = node.kubelet.preferredAllocation(available, List.of(), 1);

        assertThat(response.getContainerResponses(0).getDeviceIDsList()).containsExactly(GPU0 + "-0");
    }

    @Test
    void writesTheRecordOfABoundPodAndRemovesItWhenThePodIsDeleted() throws Exception {
        var pod = node.boundPod("two", List.of(container("init", 1)), List.of(container("sidecar", 0), container("cuda", 1)),
                GPU0 + ",NVIDIA,1000,30:;;" + GPU1 + ",NVIDIA,3000,30:;");
        var uid = pod.getMetadata().getUid();

        assertThat(eventually(() -> record(uid).isPresent())).isTrue();
        var record = store.read(uid).orElseThrow();
        assertThat(record.containers()).containsOnlyKeys("init", "cuda");
        assertThat(record.devicesOf("cuda").orElseThrow().devices().getFirst().uuid()).isEqualTo(GPU1);

        client.pods().inNamespace("default").withName("two").delete();
        assertThat(eventually(() -> record(uid).isEmpty())).isTrue();
    }

    @Test
    void aRestartedPluginKeepsTheRecordsOfLivePodsWritesThoseBoundMeanwhileAndDropsThoseDeletedMeanwhile() throws Exception {
        var kept = node.boundPod("kept", List.of(), List.of(container("cuda", 1)), GPU0 + ",NVIDIA,1000,30:;").getMetadata().getUid();
        var gone = node.boundPod("gone", List.of(), List.of(container("cuda", 1)), GPU1 + ",NVIDIA,1000,30:;").getMetadata().getUid();
        assertThat(eventually(() -> record(kept).isPresent() && record(gone).isPresent())).isTrue();

        node.close(); // the plugin is down between these binds and their containers' creation
        client.pods().inNamespace("default").withName("gone").delete();
        var late = node.boundPod("late", List.of(), List.of(container("cuda", 1)), GPU1 + ",NVIDIA,2000,30:;").getMetadata().getUid();
        assertThat(record(kept)).as("the store outlives the plugin").isPresent();

        node = PluginFixture.startLockless(client, tmp);
        assertThat(eventually(() -> record(late).isPresent() && record(gone).isEmpty())).isTrue();
        assertThat(record(kept)).isPresent();
    }

    @Test
    void releasesANodeLockThatHamisSchedulerTookForAPodOnceItsRecordIsWritten() throws Exception {
        node.lockFor("default", "locked");
        node.boundPod("locked", List.of(), List.of(container("cuda", 1)), GPU0 + ",NVIDIA,1000,30:;");
        assertThat(eventually(() -> node.lock() == null)).isTrue();
    }
}
