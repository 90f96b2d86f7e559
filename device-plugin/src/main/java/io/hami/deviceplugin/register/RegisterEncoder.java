package io.hami.deviceplugin.register;

import io.hami.deviceplugin.devices.DeviceInventory.DeviceState;
import io.hami.model.annotation.LegacyNodeRegisterCodec;
import io.hami.model.annotation.MetaxSgpuDevicesCodec;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.MetaxSgpuDevice;
import io.hami.model.device.MetaxSgpuDevices;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.model.vendor.RegisterFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The value of a vendor's register annotation, one choice by the descriptor's {@link RegisterFormat}: the
 * devices become {@link NodeDevice}s once ({@link RegistrationBuilder} then the vendor's {@link VendorFields}),
 * and the format picks the codec — {@code JSON} {@link NodeRegisterCodec}, {@code LEGACY}
 * {@link LegacyNodeRegisterCodec}, {@code METAX_JSON} {@link MetaxSgpuDevicesCodec} (count, compute and memory
 * as the totals, and as available too, since the plugin does not track use; the PCI address as
 * {@code bdf}). {@code NODE_CAPACITY} writes no annotation. Pure.
 *
 * @param format  how the vendor registers
 * @param builder the fields from the devices and the sharing settings
 * @param fields  the fields the vendor fixes
 */
public record RegisterEncoder(RegisterFormat format, RegistrationBuilder builder, VendorFields fields) {

    public RegisterEncoder {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(fields, "fields");
    }

    /** The annotation's value; empty when there is no device, or the format writes no annotation. */
    public Optional<String> encode(List<DeviceState> devices) {
        if (format == RegisterFormat.NODE_CAPACITY) {
            return Optional.empty();
        }
        return builder.registration(devices)
                .map(r -> new NodeRegistration(r.devices().stream().map(fields::apply).toList()))
                .map(r -> encode(r, devices));
    }

    private String encode(NodeRegistration registration, List<DeviceState> devices) {
        return switch (format) {
            case JSON -> NodeRegisterCodec.INSTANCE.encode(registration);
            case LEGACY -> LegacyNodeRegisterCodec.INSTANCE.encode(registration);
            case METAX_JSON -> MetaxSgpuDevicesCodec.INSTANCE.encode(new MetaxSgpuDevices(IntStream
                    .range(0, devices.size()).mapToObj(i -> metax(registration.devices().get(i), devices.get(i))).toList()));
            case NODE_CAPACITY, ENFLAME_DRS -> throw new IllegalStateException("our plugins write no annotation in " + format);
        };
    }

    private static MetaxSgpuDevice metax(NodeDevice d, DeviceState state) {
        String bdf = state.device().pciBusId().orElse("");
        return new MetaxSgpuDevice(d.id(), bdf, d.type(), d.count(), d.devcore(), d.devmem(), d.count(), d.devcore(),
                d.devmem(), d.numa(), d.health(), "", 0);
    }
}
