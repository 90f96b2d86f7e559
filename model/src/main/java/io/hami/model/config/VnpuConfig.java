package io.hami.model.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Huawei Ascend chip family of the {@code vnpus:} section, served as its own device type. In the default
 * hard-split mode a memory request is rounded up to the smallest template that holds it; in HAMi-core soft
 * mode memory is taken literally and the core resource becomes legal.
 *
 * <p>The names, {@code memoryAllocatable} and the templates are required; {@code memoryCapacity} defaults to
 * {@code memoryAllocatable}, {@code memoryFactor} to 1, the others to 0, false or empty.
 *
 * @param chipName           the chip as DCMI names it, e.g. {@code 910B3} or {@code 310P3}
 * @param commonWord         the device type, e.g. {@code Ascend910B3}, used in annotation keys
 * @param resourceName       devices per container, {@code huawei.com/<commonWord>}
 * @param resourceMemoryName memory in MiB times {@code memoryFactor}, {@code huawei.com/<commonWord>-memory}
 * @param resourceCoreName   AI cores in soft mode, {@code huawei.com/<commonWord>-core}; empty when the file has none
 * @param memoryAllocatable  MiB of a card that templates can hand out
 * @param memoryCapacity     MiB of a card; a request above {@code memoryAllocatable} up to this books the whole card
 * @param memoryFactor       MiB per unit of the memory resource
 * @param aiCore             AI cores of a card
 * @param aiCPU              AI CPUs of a card
 * @param runtimeClassName   the runtime class the webhook gives a pod asking for this chip when it names none;
 *                           empty: none
 * @param overwriteEnv       the webhook hides this chip from containers that do not ask for it (an empty
 *                           {@code ASCEND_VISIBLE_DEVICES})
 * @param superPod           the chip comes in two-die modules that are allocated together (Ascend 910C)
 * @param templates          the vNPU templates, smallest first as the chart lists them
 */
public record VnpuConfig(String chipName, String commonWord, String resourceName, String resourceMemoryName,
                         String resourceCoreName, long memoryAllocatable, long memoryCapacity, int memoryFactor,
                         int aiCore, int aiCPU, String runtimeClassName, boolean overwriteEnv, boolean superPod,
                         List<Template> templates) {

    public VnpuConfig {
        Objects.requireNonNull(chipName, "chipName");
        Objects.requireNonNull(commonWord, "commonWord");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(resourceMemoryName, "resourceMemoryName");
        Objects.requireNonNull(resourceCoreName, "resourceCoreName");
        Objects.requireNonNull(runtimeClassName, "runtimeClassName");
        templates = List.copyOf(templates);
    }

    /**
     * The smallest template whose memory holds {@code mib} (ties: the first listed); empty when none does. This names
     * the vNPU that a hard-split allocation of {@code mib} gets.
     */
    public Optional<Template> templateFor(long mib) {
        Template best = null;
        for (Template t : templates) {
            if (mib <= t.memory() && (best == null || t.memory() < best.memory())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * HAMi's hard-split rounding of a memory request ({@code trimMemory}): the memory of {@link #templateFor}, else the
     * whole card ({@code memoryAllocatable}) when the request is at most {@code memoryCapacity}, else 0 (the chip
     * cannot hold it).
     */
    public long trimmedMemory(long mib) {
        Optional<Template> t = templateFor(mib);
        if (t.isPresent()) {
            return t.get().memory();
        }
        return mib <= memoryCapacity ? memoryAllocatable : 0;
    }

    /**
     * A vNPU template: a named slice of a card that the Ascend runtime knows how to create.
     *
     * @param name   the Ascend template name, e.g. {@code vir05_1c_16g}; fixed by the runtime
     * @param memory MiB the slice provides
     * @param aiCore AI cores of the slice
     * @param aiCPU  AI CPUs of the slice; 0 where the chip does not split them
     */
    public record Template(String name, long memory, int aiCore, int aiCPU) {
        public Template {
            Objects.requireNonNull(name, "name");
        }
    }
}
