package io.hami.testfixtures.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DiscoveredDevice;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What any vendor's discovery must do on any machine, written once for the six vendor libraries: run against
 * each C mock ({@link MockDiscoveryContract}) and, tagged {@code gpu}, against a real library where one is
 * installed. Only facts every machine shares are asserted here.
 */
abstract class DiscoveryContract {

    /** The discovery to test, its library ready (a profile chosen, or the real driver found). */
    protected abstract DeviceDiscovery discovery();

    protected DeviceDiscovery discovery;
    protected List<DiscoveredDevice> devices;

    @BeforeEach
    void list() {
        discovery = discovery();
        devices = discovery.discover();
    }

    @Test
    void everyDeviceIsListedOnceInIndexOrder() {
        assertThat(devices).extracting(DiscoveredDevice::index)
                .containsExactlyElementsOf(IntStream.range(0, devices.size()).boxed().toList());
        assertThat(devices).allSatisfy(d -> assertThat(d.vendor()).isEqualTo(discovery.vendor()));
    }

    @Test
    void idsAreDistinctTokensAsHamiRegistersThem() {
        var seen = new HashSet<String>();
        for (var d : devices) {
            d.uuid().ifPresent(u -> {
                assertThat(u).isNotBlank().doesNotContain(",", ":", ";", " ");
                assertThat(seen.add(u)).as("uuid %s listed twice", u).isTrue();
            });
        }
    }

    @Test
    void memoryInUseNeverExceedsWhatIsInstalled() {
        for (var d : devices) {
            d.memoryTotalMiB().ifPresent(total -> {
                assertThat(total).isPositive();
                d.memoryUsedMiB().ifPresent(used -> assertThat(used).isBetween(0L, total));
            });
        }
    }

    @Test
    void utilizationIsAPercentAndNumaNodesAreNotNegative() {
        for (var d : devices) {
            d.utilization().ifPresent(u -> assertThat(u).isBetween(0, 100));
            d.numa().ifPresent(n -> assertThat(n).isNotNegative());
        }
    }

    @Test
    void deviceNodesAreCharacterDevicesUnderDev() {
        for (var d : devices) {
            assertThat(d.deviceNodes()).isNotEmpty().allSatisfy(n -> assertThat(n).startsWith("/dev/").doesNotContain(".."));
        }
    }

    @Test
    void anUnhealthyDeviceSaysWhy() {
        devices.stream().filter(d -> !d.healthy()).forEach(d -> assertThat(d.problems()).isNotEmpty());
        devices.forEach(d -> assertThat(d.problems()).allSatisfy(p -> assertThat(p).startsWith("device " + d.index())));
    }
}
