package io.hami.deviceplugin.kubelet;

import static io.hami.deviceplugin.PluginFixture.GPU0;
import static io.hami.deviceplugin.PluginFixture.GPU1;
import static io.hami.deviceplugin.PluginFixture.SPLIT;
import static io.hami.deviceplugin.PluginFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.hami.deviceplugin.PluginFixture;
import io.hami.kubelet.v1beta1.Device;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin against a fake kubelet over real Unix sockets, the C mock NVML and the mock API server. */
@EnableKubernetesMockClient(crud = true)
class KubeletProtocolTest {
    KubernetesClient client;

    @TempDir
    Path tmp;

    private PluginFixture node;

    @BeforeEach
    void start() throws Exception {
        node = PluginFixture.start(client, tmp);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
    }

    private static List<String> ids(ListAndWatchResponse r) {
        return r.getDevicesList().stream().map(Device::getID).toList();
    }

    private static boolean allHealthy(ListAndWatchResponse r) {
        return r.getDevicesList().stream().allMatch(d -> d.getHealth().equals(VirtualDevices.HEALTHY));
    }

    @Test
    void registersWithKubeletAndOffersSplitCountSlotsPerGpuWithTheirNumaNode() throws Exception {
        var registration = node.kubelet.awaitRegistrations(1, WAIT);
        assertThat(registration.getVersion()).isEqualTo("v1beta1");
        assertThat(registration.getEndpoint()).isEqualTo("hami-nvidia.sock");
        assertThat(registration.getResourceName()).isEqualTo("nvidia.com/gpu");
        assertThat(registration.getOptions().getGetPreferredAllocationAvailable()).isTrue();
        assertThat(registration.getOptions().getPreStartRequired()).isFalse();

        var devices = node.kubelet.awaitDevices(r -> r.getDevicesCount() > 0, WAIT);
        assertThat(ids(devices)).containsExactlyElementsOf(
                java.util.stream.Stream.concat(PluginFixture.slots(GPU0, SPLIT).stream(), PluginFixture.slots(GPU1, SPLIT).stream()).toList());
        assertThat(allHealthy(devices)).isTrue();
        assertThat(devices.getDevicesList()).allSatisfy(d -> assertThat(d.getTopology().getNodesList()).hasSize(1));
        assertThat(devices.getDevices(0).getTopology().getNodes(0).getID()).isZero();
        assertThat(devices.getDevices(SPLIT).getTopology().getNodes(0).getID()).isEqualTo(1);
        assertThat(node.plugin.healthy()).isTrue();
    }

    @Test
    void reRegistersWithAFreshServerWithinFiveSecondsOfAKubeletRestart() throws Exception {
        node.kubelet.awaitRegistrations(1, WAIT);
        long before = System.nanoTime();
        node.kubelet.restart();
        assertThat(Files.exists(node.kubelet.dir().resolve("hami-nvidia.sock"))).isFalse();

        node.kubelet.awaitRegistrations(2, java.time.Duration.ofSeconds(5));
        assertThat(System.nanoTime() - before).isLessThan(5_000_000_000L);
        assertThat(Files.exists(node.kubelet.dir().resolve("hami-nvidia.sock"))).isTrue();
        // the new server streams devices again and answers calls
        int seen = node.kubelet.updates().size();
        var devices = node.kubelet.awaitDevices(r -> node.kubelet.updates().size() > seen || r.getDevicesCount() == 2 * SPLIT, WAIT);
        assertThat(devices.getDevicesCount()).isEqualTo(2 * SPLIT);
        assertThat(node.kubelet.options().getGetPreferredAllocationAvailable()).isTrue();
        assertThat(node.plugin.kubelet().registrations()).isEqualTo(2);
    }

    @Test
    void aCriticalXidMarksItsGpuUnhealthyInTheStreamAndAnIgnoredOneDoesNot() throws Exception {
        node.kubelet.awaitDevices(r -> r.getDevicesCount() == 2 * SPLIT && allHealthy(r), WAIT);
        assertThat(node.mock.injectXid(0, 31)).isZero();   // a page fault of an application: ignored
        assertThat(node.mock.injectXid(1, 79)).isZero();   // fallen off the bus: critical

        var devices = node.kubelet.awaitDevices(r -> !allHealthy(r), WAIT);
        for (var d : devices.getDevicesList()) {
            var expected = d.getID().startsWith(GPU1) ? VirtualDevices.UNHEALTHY : VirtualDevices.HEALTHY;
            assertThat(d.getHealth()).as(d.getID()).isEqualTo(expected);
        }
        assertThat(node.plugin.inventory().isHealthy(GPU0)).isTrue();
        assertThat(node.plugin.inventory().isHealthy(GPU1)).isFalse();
    }

    @Test
    void preferredAllocationPicksASlotOfTheGpuTheSchedulerChose() throws Exception {
        node.kubelet.awaitRegistrations(1, WAIT);
        node.boundPod("p", List.of(), List.of(PluginFixture.container("cuda", 1)), GPU1 + ",NVIDIA,1000,10:;");
        node.lockFor("default", "p");
        var available = java.util.stream.Stream.concat(PluginFixture.slots(GPU0, SPLIT).stream(),
                PluginFixture.slots(GPU1, SPLIT).stream()).toList();

        var response = node.kubelet.preferredAllocation(available, List.of(), 1);

        assertThat(response.getContainerResponses(0).getDeviceIDsList()).containsExactly(GPU1 + "-0");
        assertThat(node.podAnnotations("p").get(PluginFixture.TO_ALLOCATE)).isEqualTo(GPU1 + ",NVIDIA,1000,10:;");
    }

    @Test
    void healthEndpointAnswersOkOnceRegistered() throws Exception {
        node.kubelet.awaitRegistrations(1, WAIT);
        var address = node.plugin.healthEndpoint().orElseThrow().address();
        try (var http = HttpClient.newHttpClient()) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok\n");
        }
    }
}
