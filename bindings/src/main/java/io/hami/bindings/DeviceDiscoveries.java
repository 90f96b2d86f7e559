package io.hami.bindings;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.cndev.FfmCndev;
import io.hami.bindings.cnrt.Cnrt;
import io.hami.bindings.cnrt.FfmCnrt;
import io.hami.bindings.dcmi.Dcmi;
import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveryException;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.hygon.HygonSmi;
import io.hami.bindings.ixml.Ixml;
import io.hami.bindings.mtml.Mtml;
import io.hami.bindings.mxsml.Mxsml;
import io.hami.bindings.ffm.NativeLibraryException;
import io.hami.bindings.nvml.Nvml;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens the {@link DeviceDiscovery} of a vendor over its library: the one place that knows every vendor
 * binding, for the {@code hami devices} command and the device plugin's sources. A Cambricon library is CNDEV or
 * CNRT, told apart by what it exports.
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
                case CAMBRICON -> cambricon(library, sysfsRoot);
                case ASCEND -> Dcmi.open(library, sysfsRoot);
                case HYGON -> HygonSmi.open(library, sysfsRoot);
                case ILUVATAR -> Ixml.open(library, sysfsRoot);
                case METAX -> Mxsml.open(library, sysfsRoot);
                case MTHREADS -> Mtml.open(library, sysfsRoot);
            };
        } catch (NativeLibraryException e) {
            throw new DiscoveryException(vendor, vendor.apiNames(), library, e.getMessage(), e);
        }
    }

    /** CNDEV where the library exports its marker, else CNRT; a library that is neither is refused naming both. */
    private static DeviceDiscovery cambricon(String library, Path sysfsRoot) {
        var symbols = LibraryLookup.open(library, "a CNDEV or CNRT (5 or later) library", FfmCndev.MARKER, FfmCnrt.MARKER);
        return symbols.find(FfmCndev.MARKER).isPresent() ? Cndev.open(library, sysfsRoot) : Cnrt.open(library, sysfsRoot);
    }

    /**
     * The discovery over the first of the vendor's usual libraries ({@link DeviceVendor#libraries()}, its preferred
     * source's first) that opens; empty when none does. A library that opens but is not the vendor's is an error,
     * not a miss.
     */
    public static Optional<DeviceDiscovery> find(DeviceVendor vendor) {
        return find(vendor, vendor.libraries());
    }

    /** Like {@link #find(DeviceVendor)}, over the usual libraries of one of the vendor's sources only. */
    public static Optional<DeviceDiscovery> find(DeviceVendor vendor, DeviceVendor.Source source) {
        return find(vendor, source.libraries());
    }

    private static Optional<DeviceDiscovery> find(DeviceVendor vendor, List<String> libraries) {
        for (var library : libraries) {
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
