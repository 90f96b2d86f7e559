package io.hami.bindings.cndev;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CNDEV facade: counted sessions ({@code cndevInit} / {@code cndevRelease}), values and typed exceptions
 * over a {@link CndevApi}, and Cambricon's {@link io.hami.bindings.discovery.DeviceDiscovery}: id
 * {@code MLU-<uuid>}, the card name as model, memory in MB read as MiB (as HAMi does), the average core
 * utilization, NUMA from CNDEV or else sysfs, health from {@code cndevGetCardHealthState}, device nodes named
 * after the minor number. Thread-safe.
 */
public final class Cndev extends LibraryDiscovery<CndevDevice> {

    /** Cambricon's nodes of card {@code {n}}, named after CNDEV's minor number. */
    public static final List<String> PER_DEVICE_NODES = List.of("/dev/cambricon_dev{n}", "/dev/cambricon_ipcm{n}",
            "/dev/commu{n}");
    /** Cambricon's node every container with a card needs. */
    public static final List<String> CONTROL_NODES = List.of("/dev/cambricon_ctl");

    private final CndevApi api;

    /** A facade over {@code api}, which was opened as {@code library}; sysfs is read under {@code sysfsRoot}. */
    public Cndev(CndevApi api, String library, Path sysfsRoot) {
        super(DeviceVendor.CAMBRICON, library, () -> api.init().orThrow(), () -> api.release().orThrow(), sysfsRoot);
        this.api = api;
    }

    /** The facade over the FFM binding of {@code library}, with {@code /sys}. */
    public static Cndev open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Cndev open(String library, Path sysfsRoot) {
        return new Cndev(FfmCndev.open(library), library, sysfsRoot);
    }

    /** The API this facade calls. */
    public CndevApi api() {
        return api;
    }

    /** The processes on a device (KiB each), within a session. */
    public List<CndevProcess> processes(CndevDevice device) {
        return api.processes(device).orThrow();
    }

    /** The driver's version ({@code cndevGetDriverVersion}). */
    @Override
    public Map<String, String> versions() {
        return inSession(() -> Map.of("driver", driverVersion()));
    }

    /** The driver's version, within a session. */
    public String driverVersion() {
        return api.driverVersion().orThrow();
    }

    @Override
    protected int deviceCount() {
        return api.deviceCount().orThrow();
    }

    @Override
    protected CndevDevice device(int index) {
        return api.deviceHandle(index).orThrow();
    }

    @Override
    protected void describe(int index, CndevDevice d, DeviceFacts facts) {
        facts.uuid(() -> "MLU-" + api.uuid(d).orThrow());
        facts.model(() -> api.cardName(d).orThrow());
        facts.memory(() -> {
            var m = api.memory(d).orThrow();
            return new DeviceFacts.Memory(m.totalMb(), m.usedMb());
        });
        facts.utilization(() -> api.utilization(d).optional().orElse(null));
        var pci = facts.pci(() -> api.pci(d).orThrow());
        facts.numa(() -> numa(api.numaNode(d).optional(), pci));
        var minor = facts.minor(() -> api.minorNumber(d).orThrow());
        facts.health(() -> {
            var h = api.health(d).orThrow();
            return h.healthy() ? null : "cndevGetCardHealthState reports health " + h.health() + " (device state "
                    + h.deviceState() + ", driver state " + h.driverState() + ")";
        });
        facts.deviceNodes(minor, PER_DEVICE_NODES, CONTROL_NODES);
    }
}
