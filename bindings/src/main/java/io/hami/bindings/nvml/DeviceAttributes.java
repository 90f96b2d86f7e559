package io.hami.bindings.nvml;

/**
 * What a MIG device offers ({@code nvmlDeviceGetAttributes_v2}).
 *
 * @param multiprocessorCount       SMs
 * @param sharedCopyEngineCount     copy engines
 * @param sharedDecoderCount        decoders
 * @param sharedEncoderCount        encoders
 * @param sharedJpegCount           JPEG engines
 * @param sharedOfaCount            optical-flow engines
 * @param gpuInstanceSliceCount     compute slices of its GPU instance
 * @param computeInstanceSliceCount compute slices of its compute instance
 * @param memorySizeMiB             memory, in MiB (NVML's "MB")
 */
public record DeviceAttributes(int multiprocessorCount, int sharedCopyEngineCount, int sharedDecoderCount,
                               int sharedEncoderCount, int sharedJpegCount, int sharedOfaCount,
                               int gpuInstanceSliceCount, int computeInstanceSliceCount, long memorySizeMiB) {
}
