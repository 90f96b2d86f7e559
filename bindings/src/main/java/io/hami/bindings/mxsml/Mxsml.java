package io.hami.bindings.mxsml;

import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import io.hami.bindings.discovery.PciAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The MXSML facade: sessions ({@code mxSmlInit}; MXSML has no shutdown), values and typed exceptions over a
 * {@link MxsmlApi}, and MetaX's {@link io.hami.bindings.discovery.DeviceDiscovery}: id and model from
 * {@code mxSmlDeviceInfo_t}, VRAM in KB as MiB, the compute IP's usage, NUMA from the info's node id (else
 * sysfs), health from {@code mxSmlGetDeviceUnavailableReason}. Which {@code /dev/dri} nodes belong to which
 * GPU MXSML does not say: a device lists {@code /dev/mxcd} and the {@code card}/{@code renderD} nodes sysfs lists for
 * its PCI address (none where sysfs lists none). Thread-safe.
 */
public final class Mxsml extends LibraryDiscovery<MxsmlDeviceInfo> {

    private static final String CONTROL_NODE = "/dev/mxcd";

    private final MxsmlApi api;

    /** A facade over {@code api}, which was opened as {@code library}; sysfs is read under {@code sysfsRoot}. */
    public Mxsml(MxsmlApi api, String library, Path sysfsRoot) {
        super(DeviceVendor.METAX, library, () -> api.init().orThrow(), null, sysfsRoot);
        this.api = api;
    }

    /** The facade over the FFM binding of {@code library}, with {@code /sys}. */
    public static Mxsml open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Mxsml open(String library, Path sysfsRoot) {
        return new Mxsml(FfmMxsml.open(library), library, sysfsRoot);
    }

    /** The API this facade calls. */
    public MxsmlApi api() {
        return api;
    }

    /** The board's power draw, the sum over its ways, mW; empty when MXSML does not report it. Within a session. */
    public Optional<Long> powerMilliwatts(int device) {
        return api.boardPowerMilliwatts(device).optional().map(ways -> ways.stream().mapToLong(Integer::toUnsignedLong).sum());
    }

    @Override
    protected int deviceCount() {
        return api.deviceCount().orThrow();
    }

    /** The info struct is the device's identity: one call, read once. */
    @Override
    protected MxsmlDeviceInfo device(int index) {
        return api.deviceInfo(index).orThrow();
    }

    @Override
    protected void describe(int index, MxsmlDeviceInfo info, DeviceFacts facts) {
        facts.uuid(info::uuid);
        facts.model(info::name);
        facts.memory(() -> {
            var m = api.memory(index).orThrow();
            return new DeviceFacts.Memory(m.totalKb() / 1024, m.usedKb() / 1024);
        });
        facts.utilization(() -> api.computeUsage(index, info.brand() == MxsmlDeviceInfo.BRAND_N).optional().orElse(null));
        var pci = facts.pci(() -> PciAddress.parse(info.bdf()).orElse(null));
        facts.numa(() -> numa(Optional.of(info.nodeId()), pci));
        facts.health(() -> {
            var why = api.unavailableReason(index).orThrow();
            return why.isEmpty() ? null : "mxSmlGetDeviceUnavailableReason reports " + why;
        });
        var nodes = new ArrayList<String>(List.of(CONTROL_NODE));
        nodes.addAll(drmNodes(pci));
        facts.deviceNodes(nodes);
    }
}
