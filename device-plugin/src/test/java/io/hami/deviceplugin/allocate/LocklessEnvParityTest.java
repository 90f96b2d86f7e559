package io.hami.deviceplugin.allocate;

import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static io.hami.deviceplugin.PluginFixture.container;
import static io.hami.deviceplugin.PluginFixture.slots;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.model.protocol.HamiCoreOptions;
import io.hami.model.protocol.HamiCoreSettings;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.store.AllocationStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lockless container gets the variables lock-mode {@code Allocate} gives for the same allocation: the plugin's
 * optional HAMi-core variables travel in its record, and the shim's function ({@link HamiCoreView#env}, with the
 * shim's own settings, which know only where HAMi-core lives) turns the record into the same environment.
 */
@EnableKubernetesMockClient(crud = true)
class LocklessEnvParityTest {
    private static final String ENTRY = GPU1 + ",NVIDIA,3000,30:;";

    KubernetesClient client;

    @TempDir
    Path tmp;

    @Test
    void aLocklessRecordGivesTheEnvOfTheLockModeAllocateResponseForTheSameAllocation() throws Exception {
        var core = new HamiCoreOptions(true, Optional.of(3), true);
        java.util.Map<String, String> lockMode;
        try (var node = PluginFixture.start(client, tmp, core, false)) {
            node.kubelet.awaitRegistrations(1, WAIT);
            node.boundPod("locked", List.of(), List.of(container("cuda", 1)), ENTRY);
            node.lockFor("default", "locked");
            lockMode = node.kubelet.allocate(List.of(slots(GPU1, 1))).getContainerResponses(0).getEnvsMap();
        }
        assertThat(lockMode).containsEntry("CUDA_OVERSUBSCRIBE", "true").containsEntry("LIBCUDA_LOG_LEVEL", "3")
                .containsEntry("GPU_CORE_UTILIZATION_POLICY", "disable");

        try (var node = PluginFixture.start(client, tmp, core, true)) {
            node.kubelet.awaitRegistrations(1, WAIT);
            var uid = node.boundPod("lockless", List.of(), List.of(container("cuda", 1)), ENTRY).getMetadata().getUid();
            var store = AllocationStore.under(Path.of(node.hookPath + "/vgpu"));
            long end = System.nanoTime() + WAIT.toNanos();
            while (store.read(uid).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            var record = store.read(uid).orElseThrow();

            // the shim's settings: runtime.conf's hookPath, no optional variable of its own
            var shim = new HamiCoreSettings(node.hookPath.toString(), node.hookPath + "/vgpu/libvgpu.so", false,
                    Optional.empty(), false);
            var lockless = HamiCoreView.env(record.devicesOf("cuda").orElseThrow(), shim.withOptions(record.hamiCore()),
                    lockMode.get(HamiCoreView.SHARED_CACHE));
            assertThat(lockless).containsExactlyInAnyOrderEntriesOf(lockMode);
        }
    }
}
