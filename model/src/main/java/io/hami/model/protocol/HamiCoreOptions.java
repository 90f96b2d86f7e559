package io.hami.model.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional HAMi-core variables the device plugin adds to every container of its node, from its own settings
 * (docs/protocol.md, "HAMi-core container view"): the part of {@link HamiCoreSettings} that is not a path. The plugin
 * writes them into each allocation store record, so a lockless container gets the same as {@code Allocate} gives.
 *
 * @param oversubscribe    {@code CUDA_OVERSUBSCRIBE=true}
 * @param libCudaLogLevel  {@code LIBCUDA_LOG_LEVEL} (0..4), when configured
 * @param disableCoreLimit {@code GPU_CORE_UTILIZATION_POLICY=disable}
 */
public record HamiCoreOptions(boolean oversubscribe, Optional<Integer> libCudaLogLevel, boolean disableCoreLimit) {

    public HamiCoreOptions {
        if (Objects.requireNonNull(libCudaLogLevel, "libCudaLogLevel").isPresent()) {
            int level = libCudaLogLevel.get();
            if (level < 0 || level > 4) {
                throw new IllegalArgumentException("libCudaLogLevel: must lie in 0..4: " + level);
            }
        }
    }
}
