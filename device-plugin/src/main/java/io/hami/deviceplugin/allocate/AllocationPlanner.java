package io.hami.deviceplugin.allocate;

import io.hami.deviceplugin.allocate.AllocateException.Reason;
import io.hami.deviceplugin.allocate.AllocationPlan.ContainerAllocation;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.ContainerIdentity;
import io.hami.model.protocol.HamiCoreView;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.PodDevices;
import io.hami.model.kube.LeanPod;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.deviceplugin.devices.PhysicalDevice;
import io.hami.model.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides an {@code Allocate} from the pod alone, without writing anything (docs/protocol.md, "Bind lifecycle"): decode
 * the vendor's {@code …-devices-to-allocate}; for each kubelet container request in order take the first entry that
 * still holds devices; require as many devices as kubelet asked for (its IDs are HAMi's split slots and only count);
 * find the entry's container ({@link ContainerSlots}, on the layout of {@code …-devices-allocated}); compute the
 * container's environment; empty the entry. Every failure is a {@link Reason#BAD_ALLOCATION} naming the pod. The one
 * thing planning reserves, a vendor's {@link HostClaim}, is released again when a later container fails.
 */
public final class AllocationPlanner {

    private final VendorDescriptor vendor;
    private final ContainerEnvironment environment;
    private final Function<String, Optional<PhysicalDevice>> node;

    /** A planner for an environment that needs nothing of the node's devices (HAMi-core's). */
    public AllocationPlanner(VendorDescriptor vendor, ContainerEnvironment environment) {
        this(vendor, environment, uuid -> Optional.empty());
    }

    /**
     * @param node this node's device of a UUID
     */
    public AllocationPlanner(VendorDescriptor vendor, ContainerEnvironment environment,
                             Function<String, Optional<PhysicalDevice>> node) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.node = Objects.requireNonNull(node, "node");
    }

    /**
     * @param requestedCounts per kubelet container request, the number of device IDs it carries
     * @param cacheIds        draws the random region-file name of each container
     */
    public AllocationPlan plan(LeanPod pod, List<Integer> requestedCounts, Supplier<String> cacheIds) throws AllocateException {
        var ref = new PodRef(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        var key = vendor.annotations().devicesToAllocate();
        var value = NodeLockPendingPods.toAllocate(pod.getMetadata().getAnnotations(), vendor.annotations());
        if (value == null || value.isEmpty()) {
            throw AllocateException.about(ref, Reason.BAD_ALLOCATION, "has no " + key + " annotation");
        }
        PodDevices devices;
        try {
            devices = PodDevicesCodec.INSTANCE.decode(value);
        } catch (WireFormatException e) {
            throw new AllocateException(Reason.BAD_ALLOCATION, "pod " + ref + ": " + key + ": " + e.getMessage(),
                    Optional.of(ref), e);
        }
        var containers = KubePods.containers(pod);
        var layout = layout(pod, devices);
        var entries = new ArrayList<>(devices.containers());
        var out = new ArrayList<ContainerAllocation>();
        try {
            for (int count : requestedCounts) {
                int entry = firstWithDevices(entries);
                if (entry < 0) {
                    throw AllocateException.about(ref, Reason.BAD_ALLOCATION, key + " holds no devices left to allocate");
                }
                var share = entries.get(entry);
                if (share.devices().size() != count) {
                    throw AllocateException.about(ref, Reason.BAD_ALLOCATION, "device number not matched: " + key
                            + " entry " + entry + " has " + share.devices().size() + " devices, kubelet asked for " + count);
                }
                requireType(ref, share, entry);
                var container = containers.containerOf(layout, entry, vendor.resources().count())
                        .orElseThrow(() -> AllocateException.about(ref, Reason.BAD_ALLOCATION, key + " entry " + entry
                                + " matches no container that requests " + vendor.resources().count()));
                out.add(allocation(ref, pod, container.name(), share, entry, cacheIds.get()));
                entries.set(entry, ContainerDevices.NONE);
            }
        } catch (AllocateException | RuntimeException e) {
            AllocationPlan.releaseClaims(out); // all or nothing: the earlier containers' host claims are given back
            throw e;
        }
        var remaining = new PodDevices(entries);
        return new AllocationPlan(ref, out, remaining, firstWithDevices(entries) < 0);
    }

    /**
     * The allocation as the scheduler wrote it, {@code …-devices-allocated}, when it lines up with what is left to
     * allocate (same number of entries); otherwise what is left.
     */
    private PodDevices layout(LeanPod pod, PodDevices toAllocate) {
        var value = NodeLockPendingPods.annotation(pod.getMetadata().getAnnotations(), vendor.annotations().devicesAllocated());
        if (value != null) {
            try {
                var allocated = PodDevicesCodec.INSTANCE.decode(value);
                if (allocated.containers().size() == toAllocate.containers().size()) {
                    return allocated;
                }
            } catch (WireFormatException e) {
                // the scheduler's own record is unreadable: the entries left to allocate are all we have
            }
        }
        return toAllocate;
    }

    private ContainerAllocation allocation(PodRef ref, LeanPod pod, String container, ContainerDevices share, int entry,
                                           String cacheId)
            throws AllocateException {
        try {
            var id = new ContainerIdentity(pod.getMetadata().getUid(), container);
            var containerShare = new ContainerShare(id, share, cacheId, disablesControl(pod, container),
                    pod.getMetadata().getAnnotations(), node, entry);
            var spec = environment.spec(containerShare);
            var directoryRoot = environment.directoryRoot(containerShare);
            var claim = environment.claim(containerShare);
            try {
                return new ContainerAllocation(id, share, claim.map(c -> c.answer(spec)).orElse(spec),
                        directoryRoot, claim);
            } catch (RuntimeException e) {
                claim.ifPresent(HostClaim::release);
                throw e;
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw AllocateException.about(ref, Reason.BAD_ALLOCATION, "container " + container + ": " + e.getMessage());
        }
    }

    private void requireType(PodRef ref, ContainerDevices share, int entry) throws AllocateException {
        for (var d : share.devices()) {
            if (!d.type().equals(vendor.commonWord())) {
                throw AllocateException.about(ref, Reason.BAD_ALLOCATION, vendor.annotations().devicesToAllocate()
                        + " entry " + entry + " holds a device of type " + d.type() + ", not " + vendor.commonWord());
            }
        }
    }

    private static int firstWithDevices(List<ContainerDevices> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /** {@code CUDA_DISABLE_CONTROL} set in the container's own env to a Go true; anything else keeps control. */
    static boolean disablesControl(LeanPod pod, String container) {
        var spec = pod.getSpec();
        for (var list : List.of(spec.getInitContainers(), spec.getContainers())) {
            for (LeanPod.Container c : list) {
                if (container.equals(c.getName())) {
                    return c.getEnv().stream().filter(e -> HamiCoreView.DISABLE_CONTROL.equals(e.getName())).findFirst()
                            .map(e -> HamiCoreView.disablesControl(e.getValue())).orElse(false);
                }
            }
        }
        return false;
    }
}
