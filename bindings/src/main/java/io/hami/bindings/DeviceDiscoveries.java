package io.hami.bindings;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.dcmi.Dcmi;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.bindings.hygon.HygonSmi;
import io.hami.bindings.ixml.Ixml;
import io.hami.bindings.mtml.Mtml;
import io.hami.bindings.mxsml.Mxsml;
import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.bindings.nvml.Nvml;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the {@link DeviceDiscovery} of a vendor over its library: the one place that knows every vendor
 * binding, for the {@code hami devices} command and the device plugin's sources.
 */
public final class DeviceDiscoveries {

    private static final Path SYSFS = Path.of("/sys");

    private DeviceDiscoveries() {
    }

    /**
     * The discovery of {@code vendor} over {@code library} (a name the dynamic linker searches for, or a path).
     *
     * @throws DiscoveryException naming the vendor and the library when it cannot be opened or is not the
     *                            vendor's library
     */
    public static DeviceDiscovery open(DeviceVendor vendor, String library) {
        return open(vendor, library, SYSFS);
    }

    /**
     * The discovery of {@code vendor} over {@code library}, reading sysfs (NUMA nodes, DRM nodes) under
     * {@code sysfsRoot} instead of {@code /sys}: for a simulated node.
     *
     * @throws DiscoveryException naming the vendor and the library when it cannot be opened or is not the
     *                            vendor's library
     */
    public static DeviceDiscovery open(DeviceVendor vendor, String library, Path sysfsRoot) {
        try {
            return switch (vendor) {
                case NVIDIA -> Nvml.open(library, sysfsRoot).discovery();
                case CAMBRICON -> Cndev.open(library, sysfsRoot);
                case ASCEND -> Dcmi.open(library, sysfsRoot);
                case HYGON -> HygonSmi.open(library, sysfsRoot);
                case ILUVATAR -> Ixml.open(library, sysfsRoot);
                case METAX -> Mxsml.open(library, sysfsRoot);
                case MTHREADS -> Mtml.open(library, sysfsRoot);
            };
        } catch (NativeLibraryException e) {
            throw new DiscoveryException(vendor, library, e.getMessage(), e);
        }
    }

    /**
     * The discovery over the first of the vendor's usual libraries ({@link DeviceVendor#libraries()}) that
     * opens; empty when none does. A library that opens but is not the vendor's is an error, not a miss.
     */
    public static Optional<DeviceDiscovery> find(DeviceVendor vendor) {
        for (var library : vendor.libraries()) {
            try {
                return Optional.of(open(vendor, library));
            } catch (DiscoveryException e) {
                if (!(e.getCause() instanceof NativeLibraryException) || !e.getMessage().endsWith(": cannot open shared object file")) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }
}
