package io.hami.testfixtures.vendor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hami.bindings.DeviceDiscoveries;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.testfixtures.mock.VendorMock;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A vendor's real library of one source, where this machine has one with a device: the library named by the
 * system property {@code hami.<vendor>.library} ({@code hami.<vendor>.<api>.library} for a source other than the
 * vendor's preferred one), else the first of the source's usual places that opens. Tests on it are skipped, with
 * the reason, where there is none, where it is another source's library, where it lists no device, or where the
 * name resolves to one of our mocks already loaded in this JVM (mocks carry the real sonames).
 */
final class RealLibrary {

    private static final Map<List<Object>, Optional<String>> SKIP = new ConcurrentHashMap<>();

    private RealLibrary() {
    }

    /** The discovery over the real library of the vendor's source {@code api}; the test is skipped when there is nothing to test. */
    static DeviceDiscovery discoveryOrSkip(DeviceVendor vendor, String api) {
        var source = vendor.sources().stream().filter(s -> s.api().equals(api)).findFirst().orElseThrow();
        var reason = SKIP.computeIfAbsent(List.of(vendor, api), k -> skipReason(vendor, source));
        assumeTrue(reason.isEmpty(), () -> reason.orElseThrow());
        return open(vendor, source).orElseThrow();
    }

    private static String property(DeviceVendor vendor, DeviceVendor.Source source) {
        var preferred = source.equals(vendor.sources().getFirst());
        return "hami." + vendor.id() + (preferred ? "" : "." + source.api().toLowerCase(Locale.ROOT)) + ".library";
    }

    private static Optional<DeviceDiscovery> open(DeviceVendor vendor, DeviceVendor.Source source) {
        var named = System.getProperty(property(vendor, source));
        return named != null ? Optional.of(DeviceDiscoveries.open(vendor, named)) : DeviceDiscoveries.find(vendor, source);
    }

    @SuppressWarnings("restricted")
    private static Optional<String> skipReason(DeviceVendor vendor, DeviceVendor.Source source) {
        try {
            var discovery = open(vendor, source);
            if (discovery.isEmpty()) {
                return Optional.of("no " + source.api() + " library here (looked for " + String.join(", ", source.libraries()) + ")");
            }
            var library = discovery.get().library();
            if (!discovery.get().apiName().equals(source.api())) {
                return Optional.of(library + " is " + discovery.get().apiName() + ", not " + source.api());
            }
            var mock = VendorMock.of(vendor, source.api()).controlPrefix() + "UseProfile";
            if (SymbolLookup.libraryLookup(library, Arena.global()).find(mock).isPresent()) {
                return Optional.of(library + " resolves to the hami mock already loaded in this JVM, not to " + vendor.displayName() + "'s library");
            }
            return discovery.get().discover().isEmpty() ? Optional.of(source.api() + " lists no device") : Optional.empty();
        } catch (DiscoveryException e) {
            return Optional.of(e.getMessage());
        }
    }
}
