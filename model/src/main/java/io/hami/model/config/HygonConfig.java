package io.hami.model.config;

import java.util.Objects;

/**
 * The {@code hygon:} section: resource names of Hygon DCUs. Memory is MiB times {@code memoryFactor}; cores
 * are percent of a card (100 when a container asks none). A key left out takes {@link #defaults()}.
 *
 * @param resourceCountName  DCUs per container, {@code hygon.com/dcunum}
 * @param resourceMemoryName memory, {@code hygon.com/dcumem}
 * @param resourceCoreName   percent of a card, {@code hygon.com/dcucores}
 * @param memoryFactor       MiB per unit of the memory resource, at least 1
 */
public record HygonConfig(String resourceCountName, String resourceMemoryName, String resourceCoreName,
                          int memoryFactor) {

    public HygonConfig {
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
    }

    /** The chart's names and factor 1. */
    public static HygonConfig defaults() {
        return new HygonConfig("hygon.com/dcunum", "hygon.com/dcumem", "hygon.com/dcucores", 1);
    }
}
