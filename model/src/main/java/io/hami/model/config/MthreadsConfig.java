package io.hami.model.config;

import java.util.Objects;

/**
 * The {@code mthreads:} section: resource names of Moore Threads sGPUs. One unit of the memory resource is
 * 512 MiB; a card has 16 core units. A key left out takes {@link #defaults()}.
 *
 * @param resourceCountName  vGPUs per container, {@code mthreads.com/vgpu}
 * @param resourceMemoryName memory in 512 MiB units, {@code mthreads.com/sgpu-memory}
 * @param resourceCoreName   core units (16 per card), {@code mthreads.com/sgpu-core}
 */
public record MthreadsConfig(String resourceCountName, String resourceMemoryName, String resourceCoreName) {

    public MthreadsConfig {
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
    }

    /** The chart's names. */
    public static MthreadsConfig defaults() {
        return new MthreadsConfig("mthreads.com/vgpu", "mthreads.com/sgpu-memory", "mthreads.com/sgpu-core");
    }
}
