package io.hami.bindings.ixml;

import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.nvml.FfmNvml;
import io.hami.bindings.nvml.Nvml;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlDiscovery;
import io.hami.bindings.nvml.PciInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * Iluvatar's {@link io.hami.bindings.discovery.DeviceDiscovery}: NVML's survey over {@code libixml.so} (IXML
 * has no NUMA call, so NUMA comes from sysfs by the PCI address), with {@code ixmlDeviceGetHealth} as the health
 * check, the sysfs form of the PCI address, and Iluvatar's nodes {@code /dev/iluvatar<minor>} and
 * {@code /dev/itrctl}. Thread-safe.
 */
public final class Ixml extends NvmlDiscovery {

    private final IxmlApi ixml;

    /** A discovery through {@code nvml} (NVML's names) and {@code ixml} (IXML's own), both opened as {@code library}. */
    public Ixml(Nvml nvml, IxmlApi ixml, String library) {
        super(nvml, DeviceVendor.ILUVATAR, library);
        this.ixml = ixml;
    }

    /** The discovery over the FFM bindings of {@code library}, with {@code /sys}. */
    public static Ixml open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The discovery over {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Ixml open(String library, Path sysfsRoot) {
        var own = FfmIxml.open(library);
        return new Ixml(new Nvml(FfmNvml.open(library), sysfsRoot), own, library);
    }

    /** IXML's own calls. */
    public IxmlApi ixml() {
        return ixml;
    }

    @Override
    protected String pciBusId(PciInfo pci) {
        return PciAddress.parse(pci.busId()).map(PciAddress::toString).orElse(pci.busId());
    }

    @Override
    protected String healthProblem(NvmlDevice d) {
        long mask = ixml.health(d).orThrow();
        return mask == 0 ? null : "ixmlDeviceGetHealth reports 0x" + Long.toHexString(mask) + " " + IxmlHealth.problems(mask);
    }

    @Override
    protected List<String> perDeviceNodes() {
        return List.of("/dev/iluvatar{n}");
    }

    @Override
    protected List<String> controlNodes() {
        return List.of("/dev/itrctl");
    }
}
