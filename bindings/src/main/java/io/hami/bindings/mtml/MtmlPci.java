package io.hami.bindings.mtml;

import io.hami.bindings.discovery.PciAddress;

/**
 * {@code MtmlPciInfo}: a device's PCI identity and link.
 *
 * @param sbdf          the address as MTML writes it
 * @param pciDeviceId   device id in the high 16 bits, vendor id in the low
 * @param currentSpeed  link speed now, GT/s
 * @param currentWidth  link width now
 * @param currentGen    PCIe generation now
 */
public record MtmlPci(String sbdf, int pciDeviceId, float currentSpeed, int currentWidth, int currentGen) {

    /** The address, when {@link #sbdf()} is one. */
    public java.util.Optional<PciAddress> address() {
        return PciAddress.parse(sbdf);
    }
}
