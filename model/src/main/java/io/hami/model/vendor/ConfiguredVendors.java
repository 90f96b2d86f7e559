package io.hami.model.vendor;

import io.hami.model.config.DeviceConfig;
import io.hami.model.config.IluvatarConfig;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.config.VnpuConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The device types a {@code device-config.yaml} configures: one {@link VendorDescriptor} per section (per chip for
 * {@code iluvatars} and {@code vnpus}), carrying the file's resource names, {@code memoryFactor} (as the
 * {@link MemoryUnit}) and NVIDIA's {@code defaultCores}. The other facts (annotation keys, register formats, device
 * nodes) are those of {@link DefaultVendors}.
 *
 * <p>A section left out of the file configures no device type: HAMi then instantiates the vendor with empty resource
 * names, which never match a container, so the two are equivalent. The six resource-name sections (Enflame,
 * Kunlunxin, AWS Neuron, AMD, Vastai, Biren) configure the types of {@link SchedulerOnlyVendors}.
 */
public final class ConfiguredVendors {

    private ConfiguredVendors() {
    }

    /**
     * The catalog of the configured device types, in {@link DefaultVendors}' order.
     *
     * @throws IllegalArgumentException when the configuration names a chip or device type that cannot form a device
     *                                  type id or common word, or two types share a name; {@code DeviceConfigValidator}
     *                                  rules out the other cases
     */
    public static Vendors from(DeviceConfig config) {
        var all = new ArrayList<VendorDescriptor>();
        config.nvidia().ifPresent(n -> all.add(nvidia(n)));
        config.cambricon().ifPresent(c -> all.add(DefaultVendors.cambricon(
                ResourceNames.of(c.resourceCountName(), c.resourceMemoryName(), c.resourceCoreName()))));
        config.vnpus().ifPresent(v -> v.configs().forEach(chip -> all.add(ascend(chip))));
        config.hygon().ifPresent(h -> all.add(DefaultVendors.hygon(
                        ResourceNames.of(h.resourceCountName(), h.resourceMemoryName(), h.resourceCoreName()))
                .withMemoryUnit(unit(h.memoryFactor()))));
        config.iluvatars().forEach(chip -> all.add(iluvatar(chip)));
        config.metax().ifPresent(m -> {
            all.add(DefaultVendors.metaxGpu(m.resourceCountName()));
            all.add(DefaultVendors.metaxSgpu(
                    ResourceNames.of(m.resourceVCountName(), m.resourceVMemoryName(), m.resourceVCoreName())));
        });
        config.mthreads().ifPresent(m -> all.add(DefaultVendors.mthreads(
                ResourceNames.of(m.resourceCountName(), m.resourceMemoryName(), m.resourceCoreName()))));
        for (var section : List.of(config.enflame(), config.kunlun(), config.awsneuron(), config.amd(), config.vastai(),
                config.biren())) {
            section.ifPresent(s -> all.addAll(SchedulerOnlyVendors.of(s)));
        }
        return new Vendors(all);
    }

    private static VendorDescriptor nvidia(NvidiaConfig n) {
        var names = new ResourceNames(n.resourceCountName(), optional(n.resourceMemoryName()),
                optional(n.resourceMemoryPercentageName()), optional(n.resourceCoreName()),
                optional(n.resourcePriorityName()));
        return DefaultVendors.nvidia(names, n.defaultCores()).withMemoryUnit(unit(n.memoryFactor()));
    }

    private static VendorDescriptor ascend(VnpuConfig chip) {
        var sku = new DefaultVendors.AscendSku(chip.chipName(), chip.commonWord(), Math.max(chip.aiCore(), 1));
        var base = DefaultVendors.ascend(sku);
        var names = new ResourceNames(chip.resourceName(), optional(chip.resourceMemoryName()), Optional.empty(),
                optional(chip.resourceCoreName()), Optional.empty());
        return new VendorDescriptor(base.id(), base.vendor(), base.commonWord(), names, base.annotations(),
                base.registerFormat(), unit(chip.memoryFactor()), base.coresPerDevice(), base.defaultCores(),
                base.library(), base.deviceNodes());
    }

    private static VendorDescriptor iluvatar(IluvatarConfig chip) {
        var base = DefaultVendors.iluvatar(chip.commonWord());
        var names = ResourceNames.of(chip.resourceCountName(), chip.resourceMemoryName(), chip.resourceCoreName());
        return new VendorDescriptor("iluvatar-" + chip.chipName().toLowerCase(Locale.ROOT), base.vendor(),
                base.commonWord(), names, base.annotations(), base.registerFormat(), base.memoryUnit(),
                base.coresPerDevice(), base.defaultCores(), base.library(), base.deviceNodes());
    }

    private static MemoryUnit unit(int memoryFactor) {
        return memoryFactor <= 1 ? MemoryUnit.MIB : new MemoryUnit(memoryFactor);
    }

    private static Optional<String> optional(String name) {
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
