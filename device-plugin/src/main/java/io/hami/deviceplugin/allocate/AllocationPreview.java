package io.hami.deviceplugin.allocate;

import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevice;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.wire.WireFormatException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the next {@code Allocate} on this node will hand out, read without writing anything: the device UUIDs
 * of the pending pod's entries that still hold devices, in order. {@code GetPreferredAllocation} uses it to
 * steer kubelet's slot choice towards the GPUs the scheduler picked.
 */
public final class AllocationPreview {
    private static final Logger LOG = LoggerFactory.getLogger(AllocationPreview.class);

    private final PendingPods pendingPods;
    private final VendorDescriptor vendor;
    private final Clock clock;
    private final Duration timeout;

    public AllocationPreview(PendingPods pendingPods, VendorDescriptor vendor, Clock clock, Duration timeout) {
        this.pendingPods = Objects.requireNonNull(pendingPods, "pendingPods");
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Per pending container entry with devices, its UUIDs; empty when nothing is known (the reason is logged). */
    public List<List<String>> nextDevices() {
        try {
            var pod = pendingPods.find(Deadline.after(clock, timeout));
            var value = NodeLockPendingPods.toAllocate(pod.getMetadata().getAnnotations(), vendor.annotations());
            if (value == null) {
                return List.of();
            }
            return PodDevicesCodec.INSTANCE.decode(value).containers().stream()
                    .filter(c -> !c.isEmpty())
                    .map(c -> c.devices().stream().map(ContainerDevice::uuid).toList())
                    .toList();
        } catch (AllocateException | WireFormatException | RuntimeException e) {
            LOG.info("no preferred allocation: {}", e.getMessage());
            return List.of();
        }
    }
}
