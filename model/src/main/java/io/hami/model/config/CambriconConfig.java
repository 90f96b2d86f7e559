package io.hami.model.config;

import java.util.Objects;

/**
 * The {@code cambricon:} section: resource names of Cambricon MLUs shared through dynamic sMLU. One unit of
 * the memory resource is 256 MiB; cores are percent of a card. A key left out takes {@link #defaults()}.
 *
 * @param resourceCountName  MLUs per container, chart default {@code cambricon.com/vmlu}
 * @param resourceMemoryName memory in 256 MiB units, {@code cambricon.com/mlu.smlu.vmemory}
 * @param resourceCoreName   percent of a card, {@code cambricon.com/mlu.smlu.vcore}
 */
public record CambriconConfig(String resourceCountName, String resourceMemoryName, String resourceCoreName) {

    public CambriconConfig {
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
    }

    /** The chart's names. */
    public static CambriconConfig defaults() {
        return new CambriconConfig("cambricon.com/vmlu", "cambricon.com/mlu.smlu.vmemory", "cambricon.com/mlu.smlu.vcore");
    }
}
