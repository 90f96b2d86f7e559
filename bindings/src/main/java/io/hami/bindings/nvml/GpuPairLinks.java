package io.hami.bindings.nvml;

import java.util.Objects;
import java.util.Optional;

/**
 * How one GPU reaches another, as NVML tells it from the first GPU's side: the PCIe common ancestor, and the
 * NVLinks from the first to the second (its active links whose remote end has the second's PCI address, or, where
 * both GPUs' links end on NVSwitches, the smaller of their switch link counts).
 *
 * @param from     the first GPU's UUID
 * @param to       the second GPU's UUID
 * @param ancestor the common ancestor; empty when NVML names a level it does not define
 * @param nvlinks  NVLinks between them, 0 for none
 * @param viaSwitch whether those NVLinks go through NVSwitches
 */
public record GpuPairLinks(String from, String to, Optional<TopologyLevel> ancestor, int nvlinks, boolean viaSwitch) {

    public GpuPairLinks {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(ancestor, "ancestor");
        if (nvlinks < 0) {
            throw new IllegalArgumentException("nvlinks must not be negative: " + nvlinks);
        }
    }
}
