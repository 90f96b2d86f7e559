package io.hami.bindings.nvml;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.util.List;
import java.util.OptionalInt;

/**
 * NVIDIA GPUs as the shared discovery lists them, read through the {@link Nvml} facade. The facts are read in
 * the order {@code hami devices} has always read them (identity, memory, minor, PCI, NUMA, MIG), then the
 * utilization; a GPU lost midway keeps what was read before.
 */
public final class NvmlDiscovery extends LibraryDiscovery<NvmlDevice> {

    /** The nodes every NVIDIA container gets beside its GPUs' own. */
    static final List<String> CONTROL_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
            "/dev/nvidia-modeset");

    private final Nvml nvml;

    NvmlDiscovery(Nvml nvml, String library) {
        super(DeviceVendor.NVIDIA, library);
        this.nvml = nvml;
    }

    @Override
    protected AutoCloseable session() {
        return nvml.start();
    }

    @Override
    protected int deviceCount() {
        return nvml.deviceCount();
    }

    @Override
    protected NvmlDevice device(int index) {
        return nvml.device(index);
    }

    @Override
    protected void describe(int index, NvmlDevice d, DeviceFacts facts) {
        facts.uuid(() -> nvml.uuid(d));
        facts.model(() -> nvml.name(d));
        facts.memory(() -> nvml.memory(d).map(m -> new DeviceFacts.Memory(m.totalMiB(), m.usedMiB())).orElse(null));
        var minor = facts.minor(() -> nvml.minor(d));
        facts.pciBusId(() -> nvml.pciInfo(d).busId());
        facts.numa(() -> boxed(nvml.numaNode(d)));
        facts.migEnabled(() -> nvml.migMode(d).map(MigMode::current).orElse(null));
        facts.utilization(() -> nvml.utilization(d).map(Utilization::gpu).orElse(null));
        facts.deviceNodes(minor, List.of("/dev/nvidia{n}"), CONTROL_NODES);
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
