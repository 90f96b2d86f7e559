package io.hami.deviceplugin.nvidia;

import io.hami.deviceplugin.allocate.HostClaim;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.MigAllocations;
import io.hami.model.device.MigRuntime;
import io.hami.model.protocol.ContainerSpec;
import io.hami.model.protocol.HostDevice;
import io.hami.model.protocol.Mount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A container's MIG devices under dynamic MIG, made while its {@code Allocate} is planned ({@link DynamicMig#realize}):
 * the container gets the MIG devices' UUIDs in {@code NVIDIA_VISIBLE_DEVICES} and their device nodes, and no HAMi-core.
 * Released (the {@code Allocate} failed after all), the instances it made are destroyed.
 */
final class MigClaim implements HostClaim {
    private final DynamicMig mig;
    private final List<DynamicMig.Realized> devices;
    private final MigAllocations pod;
    private boolean released;

    /**
     * @param pod every reservation of the pod, as its annotation held them when the claim was made
     */
    MigClaim(DynamicMig mig, List<DynamicMig.Realized> devices, MigAllocations pod) {
        this.mig = mig;
        this.devices = List.copyOf(devices);
        this.pod = pod;
    }

    /** Every reservation of the pod, as its annotation held them when the claim was made. */
    MigAllocations pod() {
        return pod;
    }

    /** The reservations with the runtime identity of their instances, as the pod's annotation records them. */
    List<MigAllocation> realized() {
        return devices.stream().map(r -> {
            var a = r.reservation();
            var d = r.unit().device();
            return new MigAllocation(a.containerIndex(), a.deviceIndex(), a.gpuUuid(), a.profile(), a.placement(),
                    new MigRuntime(d.uuid(), d.gpuInstanceId(), d.computeInstanceId()));
        }).toList();
    }

    @Override
    public List<Mount> mounts() {
        return List.of();
    }

    @Override
    public ContainerSpec answer(ContainerSpec vendorSpec) {
        var env = new LinkedHashMap<>(vendorSpec.env());
        env.put(DeviceListing.VISIBLE_DEVICES, devices.stream().map(r -> r.unit().uuid()).collect(Collectors.joining(",")));
        var nodes = new LinkedHashSet<String>();
        devices.forEach(r -> nodes.addAll(r.unit().deviceNodes()));
        var out = new ArrayList<>(vendorSpec.devices());
        nodes.forEach(n -> out.add(HostDevice.same(n)));
        return new ContainerSpec(env, vendorSpec.mounts(), out);
    }

    /** The instances exist already; only ones destroyed meanwhile fail here. */
    @Override
    public void write() throws IOException {
        synchronized (this) {
            if (released) {
                throw new IOException("the MIG devices " + devices.stream().map(r -> r.unit().uuid()).toList()
                        + " were destroyed before they were handed out");
            }
        }
    }

    @Override
    public void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        for (var r : devices.reversed()) {
            if (r.made()) {
                mig.destroy(r.reservation().gpuUuid(), r.unit().device().gpuInstanceId());
            }
        }
    }
}
