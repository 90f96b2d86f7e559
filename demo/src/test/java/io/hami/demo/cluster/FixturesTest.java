package io.hami.demo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.demo.node.VendorPluginStandIn;
import io.hami.testfixtures.mock.VendorMock;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The demo finds each vendor's mock and profiles where test-fixtures builds and keeps them. */
class FixturesTest {
    private static final Fixtures CHECKOUT = Fixtures.inCheckout(Path.of(".."));
    private static final ZonedDateTime NOW = ZonedDateTime.parse("2026-12-07T08:00:00Z");

    @ParameterizedTest
    @EnumSource(DeviceVendor.class)
    void eachVendorsMockAndProfilesAreTheOnesOfTestFixtures(DeviceVendor vendor) {
        var mock = VendorMock.of(vendor);

        assertThat(CHECKOUT.library(vendor)).isEqualTo(Path.of(mock.library().library()).toAbsolutePath().normalize());
        assertThat(Fixtures.profilesDirectory(vendor)).isEqualTo(mock.profiles());
        assertThat(Fixtures.profileVariable(vendor)).isEqualTo(mock.environment());
        assertThat(CHECKOUT.profile(vendor, VendorMock.MACHINE).getParent()).isDirectory();
    }

    @Test
    void everyMachineOfTheDemoHasItsProfileOrItsVendorPluginStandIn() {
        assertThat(NodeSpec.vendorMachines()).allSatisfy(spec -> {
            if (spec.vendorPlugin()) {
                // no library of ours runs there: the machine is what the vendor's own plugin would publish
                assertThat(VendorPluginStandIn.of(spec.vendor(), spec.name(), NOW)).as(spec.name()).isNotNull();
            } else {
                assertThat(CHECKOUT.profile(spec.libraryVendor(), spec.profile())).as(spec.name()).isRegularFile();
            }
        });
        assertThat(NodeSpec.defaults(3)).allSatisfy(spec -> assertThat(CHECKOUT.profile(spec.profile())).isRegularFile());
    }
}
