package io.hami.bindings.nvml;

import java.util.Locale;

/**
 * A device's PCI identity ({@code nvmlPciInfo_t} from {@code nvmlDeviceGetPciInfo_v3}).
 *
 * @param busId {@code "%08X:%02X:%02X.0"}, e.g. {@code 00000000:3B:00.0}
 * @param busIdLegacy {@code "%04X:%02X:%02X.0"}
 * @param domain PCI domain
 * @param bus PCI bus
 * @param device PCI device
 * @param pciDeviceId device id in the high 16 bits, vendor id (0x10DE) in the low ones
 * @param pciSubSystemId subsystem id
 */
public record PciInfo(String busId, String busIdLegacy, int domain, int bus, int device, int pciDeviceId,
                      int pciSubSystemId) {

    /** The PCI vendor id, 0x10DE for NVIDIA. */
    public int vendorId() {
        return pciDeviceId & 0xFFFF;
    }

    /** The PCI device id. */
    public int deviceId() {
        return pciDeviceId >>> 16;
    }

    /**
     * The device's directory name under {@code /sys/bus/pci/devices}, as HAMi derives it: the bus id in lower
     * case, with the leading {@code 0000} of an 8-digit domain stripped ({@code 0000:3b:00.0}).
     */
    public String sysfsName() {
        return sysfsName(busId);
    }

    static String sysfsName(String busId) {
        var lower = busId.toLowerCase(Locale.ROOT);
        int colon = lower.indexOf(':');
        return colon == 8 && lower.startsWith("0000") ? lower.substring(4) : lower;
    }
}
