package io.hami.testfixtures.vendor;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The discovery contract against each vendor's real library, where this machine has one with a device; every
 * vendor without one is skipped with the reason. Run with {@code -Dgroups=gpu} (or {@code scripts/gpu-check.sh}
 * for NVIDIA) in a JVM that has loaded no mock, and name a library with {@code -Dhami.<vendor>.library=PATH}.
 */
@Tag("gpu")
@ParameterizedClass(name = "{0}")
@EnumSource(DeviceVendor.class)
class RealDiscoveryTest extends DiscoveryContract {

    @Parameter
    DeviceVendor vendor;

    @Override
    protected DeviceDiscovery discovery() {
        return RealLibrary.discoveryOrSkip(vendor);
    }
}
