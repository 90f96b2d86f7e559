package io.hami.scheduler.filter;

import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.PodDevices;
import io.hami.scheduler.vendor.DeviceType;
import java.util.Objects;

/**
 * A pod's allocation of one device type: the value of that type's {@code *-devices-to-allocate} and
 * {@code *-devices-allocated} annotations. Positional: one entry per container, init containers first, an empty entry
 * for a container without devices of this type (the intended encoding of
 * docs/protocol.md, "Allocation entries and containers"; HAMi v2.10 drops the entries of device-less containers that
 * precede the first one with devices on real nodes).
 *
 * @param type    the device type
 * @param devices per container, its devices
 */
public record TypeAllocation(DeviceType type, PodDevices devices) {

    public TypeAllocation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(devices, "devices");
    }

    /** The annotation value, e.g. {@code GPU-a,NVIDIA,3000,30:;;}. */
    public String encoded() {
        return PodDevicesCodec.INSTANCE.encode(devices);
    }
}
