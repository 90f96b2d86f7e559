package io.hami.bindings.dcmi;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The DCMI facade: sessions ({@code dcmi_init}; DCMI has no shutdown), values and typed exceptions over a
 * {@link DcmiApi}, vNPUs and fault events, and Ascend's {@link io.hami.bindings.discovery.DeviceDiscovery}: chips
 * by logic id, id = the VDIE die id as HAMi writes it, model {@code Ascend<chip name>}, HBM (else DDR) memory
 * in MB read as MiB, AI-core utilization, NUMA from sysfs, health from {@code dcmi_get_device_health}, device
 * node {@code /dev/davinci<physical id>} beside the shared ones. Thread-safe.
 */
public final class Dcmi extends LibraryDiscovery<DcmiChip> {

    private static final List<String> CONTROL_NODES = List.of("/dev/davinci_manager", "/dev/devmm_svm", "/dev/hisi_hdc");

    private final DcmiApi api;

    /** A facade over {@code api}, which was opened as {@code library}; sysfs is read under {@code sysfsRoot}. */
    public Dcmi(DcmiApi api, String library, Path sysfsRoot) {
        super(DeviceVendor.ASCEND, library, () -> api.init().orThrow(), null, sysfsRoot);
        this.api = api;
    }

    /** The facade over the FFM binding of {@code library}, with {@code /sys}. */
    public static Dcmi open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Dcmi open(String library, Path sysfsRoot) {
        return new Dcmi(FfmDcmi.open(library), library, sysfsRoot);
    }

    /** The API this facade calls. */
    public DcmiApi api() {
        return api;
    }

    /** The chip of a logic id, within a session. */
    public DcmiChip chip(int logicId) {
        return api.chip(logicId).orThrow();
    }

    /** Creates a vNPU from {@code template} (e.g. {@code vir05_1c_16g}) on the chip, within a session. */
    public DcmiVnpu createVnpu(DcmiChip chip, String template) {
        return api.createVnpu(chip, template, 0).orThrow();
    }

    /** Destroys a vNPU, within a session. */
    public void destroyVnpu(DcmiChip chip, int vdevId) {
        api.destroyVnpu(chip, vdevId).orThrow();
    }

    /**
     * Subscribes {@code listener} to the fault events of every chip that pass {@code filter}; it hears them on a
     * thread of the library's. Close the subscription to stop hearing (DCMI itself cannot unsubscribe).
     */
    public DcmiFaultSubscription subscribeFaultEvents(DcmiEventFilter filter, Consumer<DcmiFaultEvent> listener) {
        return api.subscribeFaultEvents(filter, listener).orThrow();
    }

    @Override
    protected int deviceCount() {
        int count = 0;
        for (int card : api.cardList().orThrow()) {
            count += api.deviceCountInCard(card).orThrow();
        }
        return count;
    }

    @Override
    protected DcmiChip device(int index) {
        return chip(index);
    }

    @Override
    protected void describe(int index, DcmiChip chip, DeviceFacts facts) {
        facts.uuid(() -> api.dieId(chip).orThrow());
        facts.model(() -> api.chipInfo(chip).orThrow().model());
        facts.memory(() -> {
            var m = api.hbm(chip).optional().orElseGet(() -> api.memory(chip).orThrow());
            return new DeviceFacts.Memory(m.totalMb(), m.usedMb());
        });
        facts.utilization(() -> api.aiCoreUtilization(chip).optional().orElse(null));
        var pci = facts.pci(() -> api.pci(chip).orThrow());
        facts.numa(() -> numa(Optional.empty(), pci));
        var physical = facts.minor(() -> api.physicalId(index).orThrow());
        facts.health(() -> {
            int level = api.health(chip).orThrow();
            return level == 0 ? null : "dcmi_get_device_health reports alarm level " + Integer.toUnsignedString(level);
        });
        facts.deviceNodes(physical, List.of("/dev/davinci{n}"), CONTROL_NODES);
    }
}
