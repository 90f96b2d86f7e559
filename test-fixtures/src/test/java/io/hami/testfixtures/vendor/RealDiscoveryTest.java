package io.hami.testfixtures.vendor;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discovery contract against each vendor's real libraries, one run per source (Cambricon's CNDEV and CNRT each),
 * where this machine has the library with a device; every source without one is skipped with the reason. Run with
 * {@code -Dgroups=gpu} (or {@code scripts/gpu-check.sh} for NVIDIA) in a JVM that has loaded no mock, and name a
 * library with {@code -Dhami.<vendor>.library=PATH} ({@code -Dhami.<vendor>.<api>.library=PATH} for a vendor's
 * other sources, e.g. {@code hami.cambricon.cnrt.library}).
 */
@Tag("gpu")
@ParameterizedClass(name = "{0} {1}")
@MethodSource("sources")
class RealDiscoveryTest extends DiscoveryContract {

    @Parameter(0)
    DeviceVendor vendor;

    @Parameter(1)
    String api;

    static Stream<Arguments> sources() {
        return Arrays.stream(DeviceVendor.values()).flatMap(v -> v.sources().stream().map(s -> Arguments.of(v, s.api())));
    }

    @Override
    protected DeviceDiscovery discovery() {
        return RealLibrary.discoveryOrSkip(vendor, api);
    }
}
