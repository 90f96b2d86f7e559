package io.hami.bindings.hygon;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The facade over Hygon's two libraries: counted rocm_smi sessions ({@code rsmi_init} / {@code rsmi_shut_down}),
 * hydmi for vDCUs, and Hygon's {@link io.hami.bindings.discovery.DeviceDiscovery}: id {@code DCU-<serial>} as
 * HAMi registers it, rocm_smi's name as model, VRAM bytes in MiB, busy percent, NUMA from rocm_smi or else
 * sysfs, and the render node with its card node beside {@code /dev/kfd} and {@code /dev/mkfd}. Health is every
 * call succeeding: rocm_smi has no health call. Thread-safe.
 */
public final class HygonSmi extends LibraryDiscovery<Integer> {

    private static final List<String> CONTROL_NODES = List.of("/dev/kfd", "/dev/mkfd");
    /** DRM render minors start here; card N has render minor 128 + N. */
    private static final int FIRST_RENDER_MINOR = 128;

    private final RocmSmiApi rsmi;
    private final Supplier<HydmiApi> hydmi;

    /**
     * A facade over {@code rsmi}, which was opened as {@code library}, and the hydmi {@code hydmi} opens (it may
     * throw a {@link io.hami.bindings.ffm.NativeLibraryException}); sysfs is read under {@code sysfsRoot}.
     */
    public HygonSmi(RocmSmiApi rsmi, Supplier<HydmiApi> hydmi, String library, Path sysfsRoot) {
        super(DeviceVendor.HYGON, library, () -> rsmi.init().orThrow(), () -> rsmi.shutDown().orThrow(), sysfsRoot);
        this.rsmi = rsmi;
        this.hydmi = hydmi;
    }

    /** The facade over the FFM binding of {@code library}, with hydmi looked for beside it, and {@code /sys}. */
    public static HygonSmi open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM bindings of {@code library} and the hydmi beside it, reading sysfs under {@code sysfsRoot}. */
    public static HygonSmi open(String library, Path sysfsRoot) {
        var hydmi = hydmiBeside(library);
        return new HygonSmi(FfmRocmSmi.open(library), () -> FfmHydmi.open(hydmi), library, sysfsRoot);
    }

    /** {@code libhydmi.so.1} in the directory of a rocm_smi path, or the bare name for a bare name. */
    static String hydmiBeside(String rocmSmiLibrary) {
        int slash = rocmSmiLibrary.lastIndexOf('/');
        return slash < 0 ? FfmHydmi.DEFAULT_LIBRARY : rocmSmiLibrary.substring(0, slash + 1) + FfmHydmi.DEFAULT_LIBRARY;
    }

    /** The rocm_smi API this facade calls. */
    public RocmSmiApi rocmSmi() {
        return rsmi;
    }

    /**
     * The hydmi API, opened on first use.
     *
     * @throws io.hami.bindings.ffm.NativeLibraryException naming {@code libhydmi.so.1} when it is not there
     */
    public HydmiApi hydmi() {
        return hydmi.get();
    }

    /** The node's processes, within a session. */
    public List<RsmiProcess> processes() {
        return rsmi.processes().orThrow();
    }

    @Override
    protected int deviceCount() {
        return rsmi.deviceCount().orThrow();
    }

    @Override
    protected Integer device(int index) {
        return index;
    }

    @Override
    protected void describe(int index, Integer dv, DeviceFacts facts) {
        facts.uuid(() -> "DCU-" + rsmi.serial(dv).orThrow());
        facts.model(() -> rsmi.name(dv).orThrow());
        facts.memory(() -> new DeviceFacts.Memory(rsmi.memoryTotal(dv).orThrow() >>> 20, rsmi.memoryUsed(dv).orThrow() >>> 20));
        facts.utilization(() -> rsmi.busyPercent(dv).optional().orElse(null));
        var pci = facts.pci(() -> rsmi.pci(dv).orThrow());
        facts.numa(() -> numa(rsmi.numaNode(dv).optional(), pci));
        var render = facts.minor(() -> rsmi.renderMinor(dv).orThrow());
        var nodes = new ArrayList<String>();
        render.ifPresent(m -> nodes.addAll(List.of("/dev/dri/card" + (m - FIRST_RENDER_MINOR), "/dev/dri/renderD" + m)));
        nodes.addAll(CONTROL_NODES);
        facts.deviceNodes(nodes);
    }
}
