package io.hami.bindings.mxsml;

/**
 * {@code mxSmlDeviceInfo_t}: a MetaX GPU's identity in one struct.
 *
 * @param deviceId the index
 * @param bdf      the PCI address, e.g. {@code 0000:3b:00.0}
 * @param gpuId    MetaX's GPU id
 * @param nodeId   the NUMA node (its meaning is not checked on hardware); 0xFFFFFFFF (-1) for none
 * @param uuid     the UUID
 * @param brand    1 N-class (inference), 2 C-class (training), 3 G-class
 * @param mode     0 bare metal, 1 PF, 2 VF
 * @param name     e.g. {@code MXC500}
 */
public record MxsmlDeviceInfo(int deviceId, String bdf, int gpuId, int nodeId, String uuid, int brand, int mode,
                              String name) {

    /** {@code brand} of an N-class (inference) part, whose compute IP is the DLA. */
    public static final int BRAND_N = 1;
}
