package io.hami.bindings.dcmi;

/**
 * A vNPU {@code dcmi_create_vdevice} made ({@code dcmi_create_vdev_out}): its host node is
 * {@code /dev/vdavinci<vdevId>}.
 *
 * @param vdevId   the vNPU's id
 * @param vfgId    its virtual function group
 * @param pciBus   PCI bus of the virtual function
 * @param pciDevice PCI device
 * @param pciFunction PCI function
 */
public record DcmiVnpu(int vdevId, int vfgId, int pciBus, int pciDevice, int pciFunction) {

    /** The host's node of this vNPU. */
    public String hostNode() {
        return "/dev/vdavinci" + Integer.toUnsignedString(vdevId);
    }
}
