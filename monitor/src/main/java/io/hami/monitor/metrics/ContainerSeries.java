package io.hami.monitor.metrics;

import io.hami.bindings.region.InvalidRegionException;
import io.hami.bindings.region.RegionSnapshot;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.ContainerDevices;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.ContainerDirectories;
import io.hami.model.protocol.PodContainer;
import io.hami.model.wire.WireFormatException;
import io.hami.monitor.metrics.CollectErrors.Reason;
import io.hami.monitor.pods.PodView;
import io.hami.monitor.regions.ContainerRegion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The per-container series of one scrape. For every container of every pod of the node, init containers
 * included (HAMi exports app containers only), the series come from the container's region when it has one
 * with at least one device uuid, exactly as HAMi computes them. A container that has an allocation but no
 * such region yet (it has not started a CUDA process, or libvgpu has not counted its devices) gets
 * zero-valued series from the allocation annotation instead: used 0, limit as allocated, so that dashboards
 * show it from the moment it is scheduled. Devices under a MIG allocation get none: they have no region.
 */
final class ContainerSeries {
    /** HAMi labels a device with the first 40 bytes of its uuid ({@code GPU-} and 36 characters). */
    static final int UUID_LABEL_LENGTH = 40;
    private static final long MIB = 1L << 20;

    private final Exposition out;
    private final CollectErrors errors;
    private final long nowSeconds;
    private final String resource;
    private final Map<ContainerRegion, Rendered> previous;
    private final Map<ContainerRegion, Rendered> rendered = new HashMap<>();

    /**
     * What one container's region gave: the snapshot, whose labels, and each device's series. A region that
     * returns the same snapshot instance next scrape (its bytes did not change, see
     * {@link io.hami.bindings.region.RegionReader#snapshot()}) for the same pod and container gets the same
     * series again, label text included, without adding up its slots again.
     */
    record Rendered(RegionSnapshot snapshot, String namespace, String pod, String container, List<DeviceLines> devices) {
        boolean renders(RegionSnapshot s, PodView p, String c) {
            return snapshot == s && namespace.equals(p.namespace()) && pod.equals(p.name()) && container.equals(c);
        }
    }

    /**
     * @param resource the GPU count resource: the containers asking for it own the allocation's entries
     * @param previous what the regions gave in the previous scrape ({@link #rendered()} of that scrape)
     */
    ContainerSeries(Exposition out, CollectErrors errors, long nowSeconds, String resource,
                    Map<ContainerRegion, Rendered> previous) {
        this.out = out;
        this.errors = errors;
        this.nowSeconds = nowSeconds;
        this.resource = resource;
        this.previous = previous;
    }

    /** What the regions gave in this scrape, for the next. */
    Map<ContainerRegion, Rendered> rendered() {
        return rendered;
    }

    /**
     * Adds the series of {@code pod}'s containers, reading their regions from {@code regions} (by directory name).
     * A container's allocation entry is found by the contract's entry-to-container rule, so that a HAMi v2.10
     * allocation that left out the empty entries of GPU-less containers is shown under the right container.
     */
    void add(PodView pod, Map<String, ContainerRegion> regions) {
        PodDevices allocation = null; // decoded only for a container that has no region to export, or for MIG
        var mig = decode(pod.migAllocations(), MigAllocationsCodec.INSTANCE::decode).orElse(MigAllocations.EMPTY);
        Set<Long> underMig = mig.allocations().isEmpty() ? Set.of() : new HashSet<>();
        mig.allocations().forEach(a -> underMig.add(key(a.containerIndex(), a.deviceIndex())));
        var containers = pod.containers();
        for (var container : containers.ordered()) {
            var name = container.name();
            var region = regions.get(ContainerDirectories.name(pod.uid(), name));
            boolean exported = region != null && fromRegion(pod, name, region);
            if (!exported) {
                if (allocation == null) {
                    allocation = allocation(pod);
                }
                var entry = containers.entryOf(allocation, name, resource);
                if (entry.isPresent()) {
                    fromAllocation(pod, name, entry.getAsInt(), allocation.containers().get(entry.getAsInt()), underMig);
                }
            }
        }
        if (!mig.allocations().isEmpty()) {
            var layout = allocation == null ? allocation(pod) : allocation;
            for (var a : mig.allocations()) {
                migInfo(pod, layout, a);
            }
        }
    }

    private PodDevices allocation(PodView pod) {
        return decode(pod.allocatedDevices(), PodDevicesCodec.INSTANCE::decode).orElse(PodDevices.EMPTY);
    }

    private boolean fromRegion(PodView pod, String container, ContainerRegion region) {
        RegionSnapshot s;
        try {
            s = region.snapshot();
        } catch (InvalidRegionException e) {
            errors.count(Reason.of(e.reason()));
            return false;
        } catch (IOException e) {
            errors.count(Reason.REGION_IO);
            return false;
        }
        if (!s.knownVersion()) {
            errors.count(Reason.REGION_UNKNOWN_VERSION);
        }
        if (s.usedStale()) {
            errors.count(Reason.REGION_SEQLOCK);
        }
        var kept = previous.get(region);
        var now = kept != null && kept.renders(s, pod, container) ? kept
                : new Rendered(s, pod.namespace(), pod.name(), container, devices(pod, container, s));
        rendered.put(region, now);
        var lastKernel = s.lastKernelTime();
        long elapsed = lastKernel.isPresent() && lastKernel.getAsLong() > 0
                ? Math.max(nowSeconds - lastKernel.getAsLong(), 0) : -1;
        var devices = now.devices();
        for (int i = 0; i < devices.size(); i++) {
            emit(devices.get(i), elapsed);
        }
        return !devices.isEmpty();
    }

    private List<DeviceLines> devices(PodView pod, String container, RegionSnapshot s) {
        var devices = new ArrayList<DeviceLines>(s.deviceCount());
        for (int i = 0; i < s.deviceCount(); i++) {
            var device = s.devices().get(i);
            if (!device.hasUuid()) {
                continue; // libvgpu fills uuids after its first NVML call: try again next scrape
            }
            long used = 0;
            long context = 0;
            long module = 0;
            long data = 0;
            long sm = 0;
            for (var slot : s.slots()) {
                if (slot.active()) {
                    var u = slot.used(i);
                    used = plus(used, u.total());
                    context = plus(context, u.contextSize());
                    module = plus(module, u.moduleSize());
                    data = plus(data, u.dataSize());
                    sm = plus(sm, slot.smUtil().get(i));
                }
            }
            devices.add(device(pod, container, i, label(device.uuid()),
                    new Usage(used, device.limitBytes(), context, module, data, sm)));
        }
        return List.copyOf(devices);
    }

    private void fromAllocation(PodView pod, String container, int index, ContainerDevices devices, Set<Long> underMig) {
        var list = devices.devices();
        for (int j = 0; j < list.size(); j++) {
            if (!underMig.contains(key(index, j))) {
                var d = list.get(j);
                emit(device(pod, container, j, label(d.uuid()), new Usage(0, d.usedMem() * MIB, 0, 0, 0, 0)), -1);
            }
        }
    }

    record Usage(long used, long limit, long context, long module, long data, long smUtil) {
    }

    private DeviceLines device(PodView pod, String container, int index, String uuid, Usage u) {
        String[] v = {pod.namespace(), pod.name(), container, Integer.toString(index), uuid};
        var labels = LabelSet.of(Family.VGPU_MEMORY_USED, v);
        if (!out.legacy()) {
            return new DeviceLines(labels, null, null, u.used(), u.limit(), u.smUtil(), u.context(), u.module(), u.data());
        }
        long offset = u.used() - u.context() - u.module() - u.data(); // uint64 in HAMi: wraps when the classes exceed total
        return new DeviceLines(labels, LabelSet.of(Family.LEGACY_VGPU_MEMORY_USED, v),
                LabelSet.of(Family.LEGACY_CONTAINER_MEMORY, v[0], v[1], v[2], v[3], v[4], Long.toString(u.context()),
                        Long.toString(u.module()), Long.toString(u.data()), Long.toUnsignedString(offset)),
                u.used(), u.limit(), u.smUtil(), u.context(), u.module(), u.data());
    }

    /** @param lastKernel the seconds since the container's last kernel, or -1 when it has none */
    private void emit(DeviceLines d, long lastKernel) {
        if (out.claim(d.labels())) {
            out.put(d, lastKernel);
        }
    }

    private void migInfo(PodView pod, PodDevices layout, MigAllocation a) {
        var runtime = a.runtime();
        var container = pod.containers().containerOf(layout, a.containerIndex(), resource).map(PodContainer::name);
        if (runtime == null || container.isEmpty()) {
            return; // not realized yet, or an index beyond the pod's containers
        }
        String gi = Long.toString(runtime.gpuInstanceId());
        out.add(Family.MIG_DEVICE_INFO, 1, pod.namespace(), pod.name(), container.get(), Integer.toString(a.deviceIndex()),
                a.gpuUuid(), runtime.migUuid(), a.profile(), gi, Long.toString(runtime.computeInstanceId()));
        out.add(Family.LEGACY_MIG_INFO, 1, pod.namespace(), pod.name(), container.get(), Integer.toString(a.deviceIndex()),
                a.gpuUuid(), gi);
    }

    private interface Decoder<T> {
        T decode(String wire) throws WireFormatException;
    }

    private <T> Optional<T> decode(Optional<String> wire, Decoder<T> decoder) {
        if (wire.isEmpty() || wire.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(decoder.decode(wire.get()));
        } catch (WireFormatException e) {
            errors.count(Reason.ANNOTATION);
            return Optional.empty();
        }
    }

    static String label(String uuid) {
        return uuid.length() <= UUID_LABEL_LENGTH ? uuid : uuid.substring(0, UUID_LABEL_LENGTH);
    }

    private static long key(int container, int device) {
        return ((long) container << 32) | (device & 0xffff_ffffL);
    }

    private static long plus(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

}
