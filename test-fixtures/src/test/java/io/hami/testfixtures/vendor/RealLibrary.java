package io.hami.testfixtures.vendor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vendor's real management library, where this machine has one with a device: the library named by the
 * system property {@code hami.<vendor>.library}, else the first of the vendor's usual places that opens. Tests
 * on it are skipped, with the reason, where there is none, where it lists no device, or where the name
 * resolves to one of our mocks already loaded in this JVM (mocks carry the real sonames).
 */
final class RealLibrary {

    private static final Map<DeviceVendor, Optional<String>> SKIP = new ConcurrentHashMap<>();

    private RealLibrary() {
    }

    /** The vendor's discovery over its real library; the test is skipped when there is nothing to test. */
    static DeviceDiscovery discoveryOrSkip(DeviceVendor vendor) {
        var reason = SKIP.computeIfAbsent(vendor, RealLibrary::skipReason);
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        return open(vendor).orElseThrow();
    }

    private static Optional<DeviceDiscovery> open(DeviceVendor vendor) {
        var named = System.getProperty("hami." + vendor.id() + ".library");
        return named != null ? Optional.of(DeviceDiscoveries.open(vendor, named)) : DeviceDiscoveries.find(vendor);
    }

    @SuppressWarnings("restricted")
    private static Optional<String> skipReason(DeviceVendor vendor) {
        try {
            var discovery = open(vendor);
            if (discovery.isEmpty()) {
                return Optional.of("no " + vendor.api() + " library here (looked for " + String.join(", ", vendor.libraries()) + ")");
            }
            var library = discovery.get().library();
            if (SymbolLookup.libraryLookup(library, Arena.global()).find(VendorMock.of(vendor).controlPrefix() + "UseProfile").isPresent()) {
                return Optional.of(library + " resolves to the hami mock already loaded in this JVM, not to " + vendor.displayName() + "'s library");
            }
            return discovery.get().discover().isEmpty() ? Optional.of(vendor.api() + " lists no device") : Optional.empty();
        } catch (DiscoveryException e) {
            return Optional.of(e.getMessage());
        }
    }
}
