package io.hami.model.config;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the {@code iluvatars:} list: an Iluvatar CoreX chip served as its own device type. One unit of
 * the memory resource is 256 MiB; cores are percent of a card. Every key is required (the list has no defaults
 * per entry); {@link #defaults()} is the chart's list.
 *
 * @param chipName           the chip, e.g. {@code MR-V100}
 * @param commonWord         the device type HAMi keys annotations with ({@code hami.io/node-<commonWord>-register})
 * @param resourceCountName  vGPUs per container, e.g. {@code iluvatar.ai/MR-V100-vgpu}
 * @param resourceMemoryName memory in 256 MiB units, e.g. {@code iluvatar.ai/MR-V100.vMem}
 * @param resourceCoreName   percent of a card, e.g. {@code iluvatar.ai/MR-V100.vCore}
 */
public record IluvatarConfig(String chipName, String commonWord, String resourceCountName,
                             String resourceMemoryName, String resourceCoreName) {

    public IluvatarConfig {
        Objects.requireNonNull(chipName, "chipName");
        Objects.requireNonNull(commonWord, "commonWord");
        Objects.requireNonNull(resourceCountName, "resourceCountName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
    }

    /** An entry named after its chip the way the chart names them. */
    public static IluvatarConfig forChip(String chip) {
        return new IluvatarConfig(chip, chip, "iluvatar.ai/" + chip + "-vgpu", "iluvatar.ai/" + chip + ".vMem",
                "iluvatar.ai/" + chip + ".vCore");
    }

    /** The chart's four chips: MR-V100, MR-V50, BI-V150, BI-V100. */
    public static List<IluvatarConfig> defaults() {
        return List.of(forChip("MR-V100"), forChip("MR-V50"), forChip("BI-V150"), forChip("BI-V100"));
    }
}
