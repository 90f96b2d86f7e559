package io.hami.deviceplugin.vendor;

import io.hami.bindings.discovery.DeviceDiscovery;
import io.hami.deviceplugin.devices.DeviceSource;
import io.hami.deviceplugin.devices.DiscoverySource;
import io.hami.deviceplugin.register.RegisterEncoder;
import io.hami.deviceplugin.register.RegistrationBuilder;
import io.hami.deviceplugin.register.VendorFields;
import io.hami.model.config.VnpuConfig;
import io.hami.model.vendor.VendorDescriptor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the device plugin does differently for one device type of a vendor that is not NVIDIA, as data: the
 * type it registers for a model name and the register fields it fixes. Everything else — the source over the
 * vendor's {@link DeviceDiscovery}, the register format and annotation key — comes from the shared code and
 * the {@link VendorDescriptor}.
 *
 * @param descriptor the device type
 * @param typeOf     the registered type of a model name
 * @param fields     the register fields the vendor fixes
 * @param ascendSku  an Ascend type's {@code vnpus} entry (its templates); empty for the other vendors
 */
public record VendorProfile(VendorDescriptor descriptor, UnaryOperator<String> typeOf, VendorFields fields,
                            Optional<VnpuConfig> ascendSku) {

    public VendorProfile {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(typeOf, "typeOf");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(ascendSku, "ascendSku");
    }

    /** A profile of a vendor without {@code vnpus} templates. */
    public VendorProfile(VendorDescriptor descriptor, UnaryOperator<String> typeOf, VendorFields fields) {
        this(descriptor, typeOf, fields, Optional.empty());
    }

    /** Hygon DCUs: type {@code DCU-<model>}, legacy fields {@code count 4, devcore 100, numa 0, mode hami}. */
    public static VendorProfile hygon(VendorDescriptor descriptor) {
        return new VendorProfile(descriptor, model -> model.startsWith("DCU") ? model : "DCU-" + model, VendorFields.hygon());
    }

    /**
     * One Iluvatar chip: type = the chip (the descriptor's common word), the other fields from the sharing
     * settings. The writer HAMi relies on is Iluvatar's closed agent, so these values follow only the legacy form.
     */
    public static VendorProfile iluvatar(VendorDescriptor descriptor) {
        return new VendorProfile(descriptor, model -> descriptor.commonWord(), VendorFields.NONE);
    }

    /** MetaX shared GPUs: the model as MXSML names it, count and compute from the sharing settings. */
    public static VendorProfile metaxSgpu(VendorDescriptor descriptor) {
        return new VendorProfile(descriptor, UnaryOperator.identity(), VendorFields.NONE);
    }

    /** One Ascend SKU: type = the common word; count, memory and cores from its {@code vnpus} entry. */
    public static VendorProfile ascend(VendorDescriptor descriptor, VnpuConfig sku) {
        if (sku.templates().isEmpty()) {
            throw new IllegalArgumentException(sku.commonWord() + " has no vNPU template");
        }
        long smallest = sku.templates().stream().mapToLong(VnpuConfig.Template::memory).min().getAsLong();
        var fields = VendorFields.ascend(sku.commonWord(), Math.toIntExact(sku.memoryAllocatable()),
                Math.toIntExact(smallest), sku.aiCore(), sku.superPod());
        return new VendorProfile(descriptor, model -> descriptor.commonWord(), fields, Optional.of(sku));
    }

    /**
     * A device type whose scheduler reads the node's capacity instead of a register annotation (Cambricon, MetaX whole
     * GPUs, Moore Threads): type = the common word, nothing to fix.
     */
    public static VendorProfile fromCapacity(VendorDescriptor descriptor) {
        return new VendorProfile(descriptor, model -> descriptor.commonWord(), VendorFields.NONE);
    }

    /** The plugin's source over the vendor's discovery, its health polled every {@code healthPoll}. */
    public DeviceSource source(DeviceDiscovery discovery, Duration healthPoll) {
        return new DiscoverySource(discovery, descriptor, typeOf, healthPoll);
    }

    /** The plugin's source over the vendor's discovery. */
    public DeviceSource source(DeviceDiscovery discovery) {
        return source(discovery, DiscoverySource.DEFAULT_POLL);
    }

    /** The register annotation's encoder for these sharing settings. */
    public RegisterEncoder encoder(RegistrationBuilder builder) {
        return new RegisterEncoder(descriptor.registerFormat(), builder, fields);
    }
}
