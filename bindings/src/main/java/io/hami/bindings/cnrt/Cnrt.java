package io.hami.bindings.cnrt;

import io.hami.bindings.cndev.Cndev;
import io.hami.bindings.discovery.DeviceFacts;
import io.hami.bindings.discovery.DeviceVendor;
import io.hami.bindings.discovery.LibraryDiscovery;
import io.hami.bindings.discovery.PciAddress;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The CNRT facade and Cambricon's {@link io.hami.bindings.discovery.DeviceDiscovery} where CNDEV is not installed:
 * id {@code MLU-<uuid>} from {@code cnrtGetDeviceProperties_V3} (none from a library without it, whose
 * unversioned call still names the device), memory from {@code cnrtMemGetInfo} on each device in turn, the PCI
 * address from {@code cnrtDeviceGetPCIBusId}, NUMA from sysfs. CNRT has no init, shutdown or health call: a
 * session begins with {@code cnrtDriverGetVersion}, which fails where the driver does, and a device is healthy
 * when every call succeeds. CNRT names no device node number, so a device lists only Cambricon's control node.
 * Thread-safe.
 */
public final class Cnrt extends LibraryDiscovery<Integer> {

    /** CNRT among Cambricon's sources: the one tried after CNDEV. */
    public static final DeviceVendor.Source SOURCE = DeviceVendor.CAMBRICON.sources().getLast();

    private final CnrtApi api;

    /** A facade over {@code api}, which was opened as {@code library}; sysfs is read under {@code sysfsRoot}. */
    public Cnrt(CnrtApi api, String library, Path sysfsRoot) {
        super(DeviceVendor.CAMBRICON, library, () -> api.driverVersion().orThrow(), null, sysfsRoot);
        this.api = api;
    }

    /** The facade over the FFM binding of {@code library}, with {@code /sys}. */
    public static Cnrt open(String library) {
        return open(library, Path.of("/sys"));
    }

    /** The facade over the FFM binding of {@code library}, reading sysfs under {@code sysfsRoot}. */
    public static Cnrt open(String library, Path sysfsRoot) {
        return new Cnrt(FfmCnrt.open(library), library, sysfsRoot);
    }

    /** The API this facade calls. */
    public CnrtApi api() {
        return api;
    }

    @Override
    public String apiName() {
        return SOURCE.api();
    }

    /**
     * The memory of {@code device}: it is made the calling thread's current device for {@code cnrtMemGetInfo},
     * and the thread's previous current device is set back, whether the read succeeded or not.
     *
     * @throws io.hami.bindings.ffm.NativeCallException naming the call that failed, the read's before the restore's
     */
    public CnrtMemory memory(int device) {
        int previous = api.currentDevice().orThrow();
        api.setDevice(device).orThrow();
        var memory = api.memoryInfo();
        var restored = api.setDevice(previous);
        var value = memory.orThrow();
        restored.orThrow();
        return value;
    }

    /** The driver's version, {@code major.minor.patch}. */
    public String driverVersion() {
        return api.driverVersion().orThrow();
    }

    /** The driver's version, and the library's own where it reports one ({@code cnrtGetLibVersion}). */
    @Override
    public Map<String, String> versions() {
        return inSession(() -> {
            var versions = new LinkedHashMap<String, String>();
            versions.put("driver", driverVersion());
            api.libVersion().optional().ifPresent(v -> versions.put("library", v));
            return Collections.unmodifiableMap(versions);
        });
    }

    @Override
    protected int deviceCount() {
        return api.deviceCount().orThrow();
    }

    /** CNRT addresses a device by its ordinal. */
    @Override
    protected Integer device(int index) {
        return index;
    }

    @Override
    protected void describe(int index, Integer ordinal, DeviceFacts facts) {
        var v3 = api.properties(ordinal);
        var properties = facts.read(v3::orThrow);
        facts.uuid(() -> properties.flatMap(CnrtDeviceProperties::uuid).map(u -> "MLU-" + u).orElse(null));
        facts.model(() -> v3.ok() ? v3.value().name() : v3.absent() ? api.name(ordinal).orThrow() : null);
        facts.memory(() -> {
            var m = memory(ordinal);
            return new DeviceFacts.Memory(m.totalBytes() >>> 20, m.usedBytes() >>> 20);
        });
        var pci = facts.pci(() -> PciAddress.parse(api.pciBusId(ordinal).orThrow()).orElse(null));
        facts.numa(() -> numa(Optional.empty(), pci));
        facts.deviceNodes(OptionalInt.empty(), Cndev.PER_DEVICE_NODES, Cndev.CONTROL_NODES);
    }
}
