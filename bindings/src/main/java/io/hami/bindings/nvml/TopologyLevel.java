package io.hami.bindings.nvml;

import java.util.Optional;

/**
 * How close two GPUs' closest common ancestor in the PCIe tree is ({@code nvmlGpuTopologyLevel_t}, from
 * {@code nvmlDeviceGetTopologyCommonAncestor}), nearest first, with NVML's codes.
 */
public enum TopologyLevel {
    /** One board (e.g. a dual-GPU card). */
    INTERNAL(0),
    /** Below one PCIe switch. */
    SINGLE(10),
    /** Below several PCIe switches, without leaving them. */
    MULTIPLE(20),
    /** Below one host bridge. */
    HOSTBRIDGE(30),
    /** On one NUMA node (NVML's {@code NVML_TOPOLOGY_NODE}, formerly {@code _CPU}). */
    NODE(40),
    /** Across the interconnect between NUMA nodes. */
    SYSTEM(50);

    private final int code;

    TopologyLevel(int code) {
        this.code = code;
    }

    /** NVML's value. */
    public int code() {
        return code;
    }

    /** The level of an NVML value; empty for one NVML does not define. */
    public static Optional<TopologyLevel> fromCode(int code) {
        for (TopologyLevel l : values()) {
            if (l.code == code) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
