package io.hami.bindings.mtml;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The MTML facade: counted sessions ({@code mtmlLibraryInit} / {@code mtmlLibraryShutDown}), values and typed
 * exceptions over an {@link MtmlApi}, and Moore Threads' {@link io.hami.bindings.discovery.DeviceDiscovery}:
 * MTML's UUID and name, memory bytes in MiB, GPU utilization, NUMA from sysfs, device nodes
 * {@code /dev/mtgpu.<index>} and {@code /dev/dri/card<index>}. MTML 2.2 has no health call: a device is healthy
 * when every call succeeds. Thread-safe.
 */
public final class Mtml extends LibraryDiscovery<MtmlDevice> {

    private static final List<String> PER_DEVICE_NODES = List.of("/dev/mtgpu.{n}", "/dev/dri/card{n}");

    private final MtmlApi api;

    /** A facade over {@code api}, which was opened as {@code library}; sysfs is read under {@code sysfsRoot}. */
    public Mtml(MtmlApi api, String library, Path sysfsRoot) {
        super(DeviceVendor.MTHREADS, library, () -> api.init().orThrow(), () -> api.shutDown().orThrow(), sysfsRoot);
        this.api = api;
    }

    /** The facade over the FFM binding of {@code library}, with {@code /sys}. */
    public static Mtml open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Mtml open(String library, Path sysfsRoot) {
        return new Mtml(FfmMtml.open(library), library, sysfsRoot);
    }

    /** The API this facade calls. */
    public MtmlApi api() {
        return api;
    }

    /** The board's serial number, within a session. */
    public String serial(MtmlDevice device) {
        return api.serial(device).orThrow();
    }

    /** Whether the device can run several processes at once (MPC), within a session. */
    public boolean multiProcessCapable(MtmlDevice device) {
        return (api.propertyBits(device).orThrow() & MtmlLayouts.MTML_PROPERTY_MPC_CAP) != 0;
    }

    @Override
    protected int deviceCount() {
        return api.deviceCount().orThrow();
    }

    @Override
    protected MtmlDevice device(int index) {
        return api.device(index).orThrow();
    }

    @Override
    protected void describe(int index, MtmlDevice d, DeviceFacts facts) {
        facts.uuid(() -> api.uuid(d).orThrow());
        facts.model(() -> api.name(d).orThrow());
        facts.memory(() -> {
            var m = api.memory(d).orThrow();
            return new DeviceFacts.Memory(m.totalBytes() >>> 20, m.usedBytes() >>> 20);
        });
        facts.utilization(() -> api.gpuUtilization(d).optional().orElse(null));
        var pci = facts.pci(() -> api.pci(d).orThrow().address().orElse(null));
        facts.numa(() -> numa(Optional.empty(), pci));
        facts.deviceNodes(facts.minor(() -> index), PER_DEVICE_NODES, List.of());
    }
}
