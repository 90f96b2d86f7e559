package io.hami.scheduler.filter;

import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.PodDevices;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod's allocation of one device type: the value of that type's {@code *-devices-to-allocate} and
 * {@code *-devices-allocated} annotations. Positional: one entry per container, init containers first, an empty entry
 * for a container without devices of this type (the intended encoding of
 * docs/protocol.md, "Allocation entries and containers"; HAMi v2.10 drops the entries of device-less containers that
 * precede the first one with devices on real nodes).
 *
 * @param type            the device type
 * @param devices         per container, its devices
 * @param indexes         per container, the node index of each of its devices (the allocation value does not carry
 *                        them; Cambricon's profile and Moore Threads' GPU list do)
 * @param ascendSoftSplit the pod asked for Ascend's HAMi-core soft split ({@code huawei.com/vnpu-mode}), which decides
 *                        whether Ascend's runtime info names templates
 * @param vendorAnnotations the keys a vendor's own plugin reads that depend on the decision only
 *                        ({@link SchedulerOnlyAnnotations})
 */
public record TypeAllocation(DeviceType type, PodDevices devices, List<List<Integer>> indexes,
                             boolean ascendSoftSplit, Map<String, String> vendorAnnotations) {

    /** An allocation whose vendor writes no keys of its own beyond the decision's. */
    public TypeAllocation(DeviceType type, PodDevices devices, List<List<Integer>> indexes, boolean ascendSoftSplit) {
        this(type, devices, indexes, ascendSoftSplit, Map.of());
    }

    public TypeAllocation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(devices, "devices");
        vendorAnnotations = Map.copyOf(vendorAnnotations);
        var copy = new ArrayList<List<Integer>>(indexes.size());
        indexes.forEach(i -> copy.add(List.copyOf(i)));
        indexes = List.copyOf(copy);
        if (indexes.size() != devices.containers().size()) {
            throw new IllegalArgumentException("one index list per allocation entry: " + indexes.size() + " lists for "
                    + devices.containers().size() + " entries");
        }
        for (int c = 0; c < indexes.size(); c++) {
            if (indexes.get(c).size() != devices.containers().get(c).devices().size()) {
                throw new IllegalArgumentException("entry " + c + ": one index per device");
            }
        }
    }

    /** The annotation value, e.g. {@code GPU-a,NVIDIA,3000,30:;;}. */
    public String encoded() {
        return PodDevicesCodec.INSTANCE.encode(devices);
    }
}
