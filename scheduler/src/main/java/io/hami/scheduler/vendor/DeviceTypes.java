package io.hami.scheduler.vendor;

import io.hami.model.config.DeviceConfig;
import io.hami.model.config.MetaxConfig;
import io.hami.model.config.NvidiaConfig;
import io.hami.model.config.VnpuConfig;
import io.hami.model.config.VnpuSection;
import io.hami.model.vendor.ConfiguredVendors;
import io.hami.model.vendor.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The device types of one scheduler, built once from its {@code device-config.yaml}: an immutable, ordered list in
 * which every type's {@link DeviceType#ordinal()} is its position.
 */
public final class DeviceTypes {

    private static final DeviceTypes DEFAULTS = from(DeviceConfig.defaults());

    private final List<DeviceType> all;
    private final Map<String, DeviceType> byId;

    private DeviceTypes(List<DeviceType> all) {
        this.all = List.copyOf(all);
        this.byId = this.all.stream().collect(Collectors.toUnmodifiableMap(DeviceType::id, Function.identity()));
    }

    /**
     * The types a device config configures (see {@link ConfiguredVendors}), with NVIDIA's {@code defaultMemory},
     * each Ascend type's {@code vnpus} entry and MetaX's {@code sgpuTopologyAware}.
     *
     * @throws IllegalArgumentException when the config names a type that cannot be described (see
     *                                  {@link ConfiguredVendors#from})
     */
    public static DeviceTypes from(DeviceConfig config) {
        int defaultMemory = config.nvidia().map(NvidiaConfig::defaultMemory).orElse(0);
        boolean softDefault = config.vnpus().map(VnpuSection::hamiVnpuCore).orElse(false);
        boolean metaxTopology = config.metax().map(MetaxConfig::sgpuTopologyAware).orElse(false);
        List<VnpuConfig> chips = config.vnpus().map(VnpuSection::configs).orElse(List.of());
        var types = new ArrayList<DeviceType>();
        for (VendorDescriptor d : ConfiguredVendors.from(config).all()) {
            Optional<VnpuConfig> chip = chips.stream().filter(c -> c.commonWord().equals(d.commonWord())).findFirst();
            int memory = d.vendor() == io.hami.model.vendor.Vendor.NVIDIA ? Math.max(defaultMemory, 0) : 0;
            types.add(new DeviceType(types.size(), d, memory, d.vendor() == io.hami.model.vendor.Vendor.ASCEND
                    ? chip : Optional.empty(), softDefault, metaxTopology));
        }
        return new DeviceTypes(types);
    }

    /** The types of HAMi's chart defaults. */
    public static DeviceTypes defaults() {
        return DEFAULTS;
    }

    /** Every type, in catalog order. */
    public List<DeviceType> all() {
        return all;
    }

    /** How many types there are. */
    public int size() {
        return all.size();
    }

    /** The type with this id ({@code nvidia}, {@code ascend-910b3}, …). */
    public Optional<DeviceType> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The type with this ordinal. */
    public DeviceType get(int ordinal) {
        return all.get(ordinal);
    }

    /** Two catalogs are equal when they hold equal types in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceTypes other && all.equals(other.all);
    }

    @Override
    public int hashCode() {
        return all.hashCode();
    }

    @Override
    public String toString() {
        return all.toString();
    }
}
