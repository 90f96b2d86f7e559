package io.hami.deviceplugin.vendor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hami.deviceplugin.PluginFixture;
import io.hami.testfixtures.mock.VendorMock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a vendor's plugin keeps telling kubelet: the capacity-counted resources as slots, health as the library and
 * Ascend's fault events report it, and every resource registered again after a kubelet restart.
 */
@EnableKubernetesMockClient(crud = true)
class VendorHealthTest extends VendorNodeFixture {
    KubernetesClient client;

    @Override
    KubernetesClient client() {
        return client;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cambricon", "mthreads"})
    void theSchedulersCapacityResourcesAreOfferedAsSlotsWhoseAllocateAddsNothing(String vendorId) throws Exception {
        start(vendorId);
        var cores = type.resources().cores().orElseThrow();
        var memory = type.resources().memory().orElseThrow();
        long perCardMemory = devices.getFirst().memoryMiB().orElseThrow() / type.memoryUnit().mib();

        assertThat(kubelet.awaitDevices(cores, r -> true, PluginFixture.WAIT).getDevicesCount())
                .isEqualTo(devices.size() * type.coresPerDevice());
        assertThat(kubelet.awaitDevices(memory, r -> true, PluginFixture.WAIT).getDevicesCount())
                .isEqualTo((int) (devices.size() * perCardMemory));
        var response = kubelet.allocate(cores, List.of(List.of(devices.get(2).uuid() + "-0", devices.get(2).uuid() + "-1")));
        assertThat(response.getContainerResponsesList()).hasSize(1);
        assertThat(response.getContainerResponses(0).getEnvsCount() + response.getContainerResponses(0).getDevicesCount())
                .isZero();
        assertThatThrownBy(() -> kubelet.allocate(memory, List.of(List.of("MLU-elsewhere-0"))))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    private static long unhealthy(io.hami.kubelet.v1beta1.ListAndWatchResponse devices) {
        return devices.getDevicesList().stream().filter(d -> d.getHealth().equals("Unhealthy")).count();
    }

    @Test
    void anAscendFaultEventTakesTheChipOutAtOnce() throws Exception {
        start("ascend"); // the mock's machine queues a raised severity-2 fault on chip 2 for its first subscriber
        var chip2 = devices.get(2).uuid();

        var listed = kubelet.awaitDevices(type.resources().count(), r -> unhealthy(r) > 0, PluginFixture.WAIT);

        assertThat(listed.getDevicesList()).filteredOn(d -> d.getHealth().equals("Unhealthy"))
                .allMatch(d -> d.getID().startsWith(chip2 + "-")).hasSize(4);
        assertThat(plugin.inventory().isHealthy(chip2)).isFalse();
    }

    @Test
    void aLibraryThatStopsAnsweringMakesEveryDeviceUnhealthyUntilItAnswersAgain() throws Exception {
        start("mthreads", Duration.ofMillis(100));
        var resource = type.resources().count();
        var mock = mockOf("mthreads").library();

        mock.useProfile(VendorMock.FAULT_INIT);
        var lost = kubelet.awaitDevices(resource, r -> unhealthy(r) == r.getDevicesCount(), PluginFixture.WAIT);
        assertThat(lost.getDevicesCount()).isPositive();
        assertThat(kubelet.awaitDevices(type.resources().cores().orElseThrow(),
                r -> unhealthy(r) == r.getDevicesCount(), PluginFixture.WAIT).getDevicesCount()).isPositive();

        mock.useProfile(VendorMock.MACHINE);
        assertThat(unhealthy(kubelet.awaitDevices(resource, r -> unhealthy(r) == 0, PluginFixture.WAIT))).isZero();
    }

    @Test
    void afterAKubeletRestartEveryResourceRegistersAgain() throws Exception {
        start("cambricon");
        int before = kubelet.registrations().size();

        kubelet.restart();

        kubelet.awaitRegistrations(before + 3, PluginFixture.WAIT);
        assertThat(kubelet.registrations().subList(before, before + 3)).extracting(r -> r.getResourceName())
                .containsExactlyInAnyOrder("cambricon.com/vmlu", "cambricon.com/mlu.smlu.vcore",
                        "cambricon.com/mlu.smlu.vmemory");
        assertThat(kubelet.awaitDevices("cambricon.com/mlu.smlu.vcore", r -> r.getDevicesCount() == 400, PluginFixture.WAIT)
                .getDevicesCount()).isEqualTo(400);
    }
}
