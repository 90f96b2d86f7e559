package io.hami.model.config;

import java.util.Objects;

/**
 * The {@code metax:} section: MetaX serves two device types, whole cards ({@code Metax-GPU}) and shared
 * sGPUs ({@code Metax-SGPU}). The sGPU memory resource counts GiB. A key left out takes {@link #defaults()}.
 *
 * @param resourceCountName   whole cards, {@code metax-tech.com/gpu}
 * @param resourceVCountName  sGPUs per container, {@code metax-tech.com/sgpu}
 * @param resourceVMemoryName sGPU memory in GiB, {@code metax-tech.com/vmemory}
 * @param resourceVCoreName   sGPU percent of a card, {@code metax-tech.com/vcore}
 * @param sgpuTopologyAware   score sGPU placements by the node's topology annotations (the chart writes this key;
 *                            HAMi also has the flag {@code --sgpu-topology-aware})
 */
public record MetaxConfig(String resourceCountName, String resourceVCountName, String resourceVMemoryName,
                          String resourceVCoreName, boolean sgpuTopologyAware) {

    public MetaxConfig {
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceVCountName, "resourceVCountName");
        Objects.requireNonNull(resourceVMemoryName, "resourceVMemoryName");
        Objects.requireNonNull(resourceVCoreName, "resourceVCoreName");
    }

    /** The chart's names, topology scoring off. */
    public static MetaxConfig defaults() {
        return new MetaxConfig("metax-tech.com/gpu", "metax-tech.com/sgpu", "metax-tech.com/vmemory",
                "metax-tech.com/vcore", false);
    }
}
