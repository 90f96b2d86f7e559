package io.hami.deviceplugin.nvidia;

import static io.hami.deviceplugin.PluginFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.deviceplugin.kubelet.VirtualDevices;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import io.hami.testfixtures.nvml.NvmlProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XIDs of MIG devices under the static {@code mixed} strategy, end to end: the C mock raises the event on the GPU
 * in MIG mode, the plugin's health watch reads it, and kubelet's ListAndWatch stream of each MIG resource shows
 * which MIG device is unhealthy. The mock's {@code a100-40gb-mig-mixed}: GPU 0 in MIG mode with 3g.20gb (GPU
 * instance 1), 2g.10gb (2) and 1g.5gb (3), each with compute instance 0; GPU 1 with MIG off.
 */
@EnableKubernetesMockClient(crud = true)
class MigHealthTest {
    private static final String SMALL = "nvidia.com/mig-1g.5gb";
    private static final String MEDIUM = "nvidia.com/mig-2g.10gb";
    private static final String LARGE = "nvidia.com/mig-3g.20gb";
    private static final String GPU1 = "GPU-a1004001-7c1d-4e2b-8f3a-6d5e4c3b2a11";

    KubernetesClient client;

    @TempDir
    Path tmp;

    private PluginFixture node;

    @BeforeEach
    void start() throws Exception {
        var proc = tmp.resolve("proc");
        for (int gi = 1; gi <= 3; gi++) {
            capabilities(proc, gi);
        }
        node = PluginFixture.startMig(client, tmp, NvmlProfile.MIG_A100_40GB_MIXED, MigStrategy.MIXED, proc);
        for (var resource : new String[] {SMALL, MEDIUM, LARGE}) {
            node.kubelet.awaitDevices(resource, r -> r.getDevicesCount() == 1 && health(r).equals(VirtualDevices.HEALTHY), WAIT);
        }
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    /** The driver's capability files of GPU 0's instance (gi, 0). */
    private static void capabilities(Path proc, int gi) throws IOException {
        var giDir = Files.createDirectories(proc.resolve("driver/nvidia/capabilities/gpu0/mig/gi" + gi));
        Files.writeString(giDir.resolve("access"), "DeviceFileMinor: " + (100 + gi) + "\nDeviceFileMode: 292\n");
        var ciDir = Files.createDirectories(giDir.resolve("ci0"));
        Files.writeString(ciDir.resolve("access"), "DeviceFileMinor: " + (200 + 10 * gi) + "\nDeviceFileMode: 292\n");
    }

    private static String health(ListAndWatchResponse r) {
        return r.getDevicesList().stream().map(Device::getHealth).collect(Collectors.joining(","));
    }

    private Map<String, String> healthOfEachResource() throws InterruptedException {
        return Map.of(SMALL, health(node.kubelet.awaitDevices(SMALL, r -> true, WAIT)),
                MEDIUM, health(node.kubelet.awaitDevices(MEDIUM, r -> true, WAIT)),
                LARGE, health(node.kubelet.awaitDevices(LARGE, r -> true, WAIT)));
    }

    @Test
    void anXidOnOneMigDeviceMarksOnlyThatDeviceUnhealthy() throws Exception {
        assertThat(node.mock.injectMigXid(0, 94, 2, 0)).isZero();

        node.kubelet.awaitDevices(MEDIUM, r -> health(r).equals(VirtualDevices.UNHEALTHY), WAIT);
        assertThat(healthOfEachResource()).isEqualTo(Map.of(SMALL, VirtualDevices.HEALTHY, MEDIUM, VirtualDevices.UNHEALTHY,
                LARGE, VirtualDevices.HEALTHY));
        assertThat(node.plugin.inventory().isHealthy(GPU1)).as("the GPU with MIG off").isTrue();
    }

    @Test
    void anIgnoredXidOnAMigDeviceMarksNothing() throws Exception {
        assertThat(node.mock.injectMigXid(0, 31, 3, 0)).isZero();   // an application's page fault: ignored
        assertThat(node.mock.injectMigXid(0, 94, 1, 0)).isZero();   // then a critical one on another MIG device

        node.kubelet.awaitDevices(LARGE, r -> health(r).equals(VirtualDevices.UNHEALTHY), WAIT);
        assertThat(healthOfEachResource()).isEqualTo(Map.of(SMALL, VirtualDevices.HEALTHY, MEDIUM, VirtualDevices.HEALTHY,
                LARGE, VirtualDevices.UNHEALTHY));
    }

    @Test
    void anXidNamingNoInstanceMarksEveryMigDeviceOfItsGpu() throws Exception {
        assertThat(node.mock.injectXid(0, 79)).isZero();

        for (var resource : new String[] {SMALL, MEDIUM, LARGE}) {
            node.kubelet.awaitDevices(resource, r -> health(r).equals(VirtualDevices.UNHEALTHY), WAIT);
        }
        assertThat(healthOfEachResource()).isEqualTo(Map.of(SMALL, VirtualDevices.UNHEALTHY, MEDIUM, VirtualDevices.UNHEALTHY,
                LARGE, VirtualDevices.UNHEALTHY));
        assertThat(node.plugin.inventory().isHealthy(GPU1)).as("the other GPU").isTrue();
    }
}
