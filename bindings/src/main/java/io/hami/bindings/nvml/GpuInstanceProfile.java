package io.hami.bindings.nvml;

/**
 * A GPU-instance profile of a MIG-capable GPU ({@code nvmlGpuInstanceProfileInfo_t}, or its v2 with a name).
 *
 * @param id                  the id the other MIG calls take (not the profile index asked with)
 * @param p2pSupported        whether peer-to-peer works from instances of it
 * @param sliceCount          compute slices
 * @param instanceCount       instances of it the GPU holds at most
 * @param multiprocessorCount SMs
 * @param copyEngineCount     copy engines
 * @param decoderCount        decoders
 * @param encoderCount        encoders
 * @param jpegCount           JPEG engines
 * @param ofaCount            optical-flow engines
 * @param memorySizeMiB       memory, in MiB (NVML's "MB")
 * @param name                the driver's name ({@code MIG 1g.5gb}); empty where only the v1 call exists
 */
public record GpuInstanceProfile(int id, boolean p2pSupported, int sliceCount, int instanceCount,
                                 int multiprocessorCount, int copyEngineCount, int decoderCount, int encoderCount,
                                 int jpegCount, int ofaCount, long memorySizeMiB, String name) {

    /**
     * The profile's short name as NVIDIA's device plugin names resources ({@code 1g.5gb}): the driver's name less
     * its {@code MIG } prefix, else the slices and the memory rounded up to whole GB.
     */
    public String shortName() {
        if (name.startsWith("MIG ")) {
            return name.substring(4);
        }
        return sliceCount + "g." + Math.ceilDiv(memorySizeMiB, 1024) + "gb";
    }
}
