package io.hami.bindings.nvml;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.DiscoveredMigDevice;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * GPUs of an NVML-named library as the shared discovery lists them, read through the {@link Nvml} facade:
 * NVIDIA's, and Iluvatar's IXML, which exports NVML's names (its discovery extends this one with its device
 * nodes, the sysfs form of the PCI address and its own health call). The facts are read in the order
 * {@code hami devices} has always read them (identity, memory, minor, PCI, NUMA, MIG mode and, where MIG is
 * on, the MIG devices), then the utilization
 * and the vendor's health check; a GPU lost midway keeps what was read before.
 */
public class NvmlDiscovery extends LibraryDiscovery<NvmlDevice> {

    /** The nodes every NVIDIA container gets beside its GPUs' own. */
    static final List<String> CONTROL_NODES = List.of("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia-uvm-tools",
            "/dev/nvidia-modeset");

    private final Nvml nvml;

    /** A discovery of {@code vendor}'s devices through {@code nvml}, which was opened as {@code library}. */
    protected NvmlDiscovery(Nvml nvml, DeviceVendor vendor, String library) {
        super(vendor, library);
        this.nvml = nvml;
    }

    NvmlDiscovery(Nvml nvml, String library) {
        this(nvml, DeviceVendor.NVIDIA, library);
    }

    /** The facade this discovery reads through. */
    public Nvml nvml() {
        return nvml;
    }

    /** The driver's version ({@code nvmlSystemGetDriverVersion}). */
    @Override
    public Map<String, String> versions() {
        return inSession(() -> Map.of("driver", nvml.driverVersion()));
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
        facts.pciBusId(() -> pciBusId(nvml.pciInfo(d)));
        facts.numa(() -> boxed(nvml.numaNode(d)));
        facts.migEnabled(() -> nvml.migMode(d).map(MigMode::current).orElse(null));
        if (facts.migOn()) {
            facts.migDevices(() -> migDevices(d));
        }
        facts.utilization(() -> nvml.utilization(d).map(Utilization::gpu).orElse(null));
        facts.health(() -> healthProblem(d));
        facts.deviceNodes(minor, perDeviceNodes(), controlNodes());
    }

    private List<DiscoveredMigDevice> migDevices(NvmlDevice d) {
        return nvml.mig().devices(d).stream().map(m -> new DiscoveredMigDevice(m.gpuInstanceId(),
                m.computeInstanceId(), m.profile(), m.memoryMiB(), m.uuid())).toList();
    }

    /** The PCI address as this vendor's devices report it: NVML's bus id for NVIDIA. */
    protected String pciBusId(PciInfo pci) {
        return pci.busId();
    }

    /** The vendor's own health check: null when healthy, else why not. NVIDIA's health comes from XID events. */
    protected String healthProblem(NvmlDevice d) {
        return null;
    }

    /** The nodes named after the device's minor number. */
    protected List<String> perDeviceNodes() {
        return List.of("/dev/nvidia{n}");
    }

    /** The nodes every container of this vendor gets. */
    protected List<String> controlNodes() {
        return CONTROL_NODES;
    }

    private static Integer boxed(OptionalInt v) {
        return v.isPresent() ? v.getAsInt() : null;
    }
}
