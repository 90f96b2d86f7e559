package io.hami.bindings.nvml;

/**
 * A compute-instance profile within a GPU instance ({@code nvmlComputeInstanceProfileInfo_t}, or its v2 with a
 * name); engines are shared with the GPU instance.
 *
 * @param id                    the id {@code nvmlGpuInstanceCreateComputeInstance} takes
 * @param sliceCount            compute slices
 * @param instanceCount         instances of it the GPU instance holds at most
 * @param multiprocessorCount   SMs
 * @param sharedCopyEngineCount copy engines
 * @param sharedDecoderCount    decoders
 * @param sharedEncoderCount    encoders
 * @param sharedJpegCount       JPEG engines
 * @param sharedOfaCount        optical-flow engines
 * @param name                  the driver's name; empty where only the v1 call exists
 */
public record ComputeInstanceProfile(int id, int sliceCount, int instanceCount, int multiprocessorCount,
                                     int sharedCopyEngineCount, int sharedDecoderCount, int sharedEncoderCount,
                                     int sharedJpegCount, int sharedOfaCount, String name) {
}
