package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.Bar1Memory;
import io.hami.bindings.nvml.ComputeCapability;
import io.hami.bindings.nvml.MemoryInfo;
import io.hami.bindings.nvml.MigMode;
import io.hami.bindings.nvml.NvmlApi;
import io.hami.bindings.nvml.NvmlDevice;
import io.hami.bindings.nvml.NvmlEvent;
import io.hami.bindings.nvml.NvmlEventSet;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.NvmlReturn;
import io.hami.bindings.nvml.PciInfo;
import io.hami.bindings.nvml.Utilization;
import io.hami.bindings.nvml.ProcessInfo;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A pure-Java {@link NvmlApi} for one machine, answering as the C mock does for the same profile: the same
 * numbers, the same statuses in the same order (uninitialized, unknown handle, injected fault, lost GPU, not
 * supported), the same newest symbol names. The contract tests hold the two to that.
 *
 * <p>Machines: {@link #eightA100()}, {@link #twoV100OnTwoNumaNodes()}, {@link #migA100()}, or any profile by
 * name. Faults: {@link #loseGpu}, {@link #fail}, {@link #failSystem}, {@link #injectXid}. Thread-safe.
 */
public final class FakeNvml implements NvmlApi {

    private static final long MIB = 1024L * 1024L;
    private static final long HANDLE_BASE = 0x7e57_0000_0000L;
    private static final long HANDLE_STRIDE = 0x1000L;

    private final NvmlProfile profile;
    private final Map<String, NvmlReturn> systemFaults = new ConcurrentHashMap<>();
    private final List<Map<String, NvmlReturn>> deviceFaults;
    private final boolean[] lost;
    final FakeNvmlEvents events;
    private int refcount;

    private FakeNvml(NvmlProfile profile) {
        this.profile = profile;
        profile.faults().forEach((fn, status) -> systemFaults.put(fn, status(status)));
        this.deviceFaults = profile.devices().stream().map(g -> {
            var m = new ConcurrentHashMap<String, NvmlReturn>();
            g.faults().forEach((fn, status) -> m.put(fn, status(status)));
            return (Map<String, NvmlReturn>) m;
        }).toList();
        this.lost = new boolean[profile.devices().size()];
        for (int i = 0; i < lost.length; i++) {
            lost[i] = profile.devices().get(i).lost();
        }
        this.events = new FakeNvmlEvents(this, profile);
    }

    /** The machine of {@code nvml-profiles/<name>.json}. */
    public static FakeNvml fromProfile(String name) {
        return of(NvmlProfile.load(name));
    }

    /** The machine of a profile. */
    public static FakeNvml of(NvmlProfile profile) {
        return new FakeNvml(profile);
    }

    /** 8 × A100-SXM4-40GB, four per NUMA node. */
    public static FakeNvml eightA100() {
        return fromProfile(NvmlProfile.EIGHT_A100);
    }

    /** 2 × V100-PCIE-16GB on NUMA nodes 0 and 1. */
    public static FakeNvml twoV100OnTwoNumaNodes() {
        return fromProfile(NvmlProfile.TWO_V100_TWO_NUMA_NODES);
    }

    /** 1 × A100-SXM4-80GB in MIG mode. */
    public static FakeNvml migA100() {
        return fromProfile(NvmlProfile.MIG_A100);
    }

    /** The profile this fake answers from. */
    public NvmlProfile profile() {
        return profile;
    }

    /** From now on every call on the device but handle lookups answers GPU_IS_LOST. */
    public void loseGpu(int index) {
        synchronized (this) {
            lost[index] = true;
        }
    }

    /** From now on calls of {@code symbol} on the device answer {@code status}. */
    public void fail(int index, String symbol, NvmlReturn status) {
        deviceFaults.get(index).put(symbol, status);
    }

    /** From now on calls of the system function {@code symbol} answer {@code status}. */
    public void failSystem(String symbol, NvmlReturn status) {
        systemFaults.put(symbol, status);
    }

    /** Queues an XID event for the device and wakes waiting event sets; false if NVML is not initialized. */
    public boolean injectXid(int index, long xid) {
        return events.inject(index, xid);
    }

    /** Successful inits not yet shut down. */
    public synchronized int initCount() {
        return refcount;
    }

    /** Event sets created and not yet freed. */
    public int liveEventSets() {
        return events.live();
    }

    @Override
    public NvmlResult<Void> init() {
        synchronized (this) {
            var fault = systemFaults.get("nvmlInit_v2");
            if (fault != null) {
                return NvmlResult.error("nvmlInit_v2", fault);
            }
            if (refcount++ == 0) {
                events.reset(true);
            }
            return NvmlResult.ok("nvmlInit_v2", null);
        }
    }

    @Override
    public NvmlResult<Void> shutdown() {
        synchronized (this) {
            var rc = system("nvmlShutdown");
            if (rc == NvmlReturn.SUCCESS && --refcount == 0) {
                events.reset(false);
            }
            return rc == NvmlReturn.SUCCESS ? NvmlResult.ok("nvmlShutdown", null) : NvmlResult.error("nvmlShutdown", rc);
        }
    }

    @Override
    public NvmlResult<String> systemDriverVersion() {
        return onSystem("nvmlSystemGetDriverVersion", profile::driverVersion);
    }

    @Override
    public NvmlResult<String> systemNvmlVersion() {
        return onSystem("nvmlSystemGetNVMLVersion", profile::nvmlVersion);
    }

    @Override
    public NvmlResult<Integer> systemCudaDriverVersion() {
        return onSystem("nvmlSystemGetCudaDriverVersion_v2", profile::cudaDriverVersion);
    }

    @Override
    public NvmlResult<Integer> deviceCount() {
        return onSystem("nvmlDeviceGetCount_v2", () -> profile.devices().size());
    }

    @Override
    public NvmlResult<NvmlDevice> deviceHandleByIndex(int index) {
        var symbol = "nvmlDeviceGetHandleByIndex_v2";
        var rc = system(symbol);
        if (rc == NvmlReturn.SUCCESS && (index < 0 || index >= profile.devices().size())) {
            rc = NvmlReturn.INVALID_ARGUMENT;
        }
        if (rc == NvmlReturn.SUCCESS) {
            rc = deviceFaults.get(index).getOrDefault(symbol, NvmlReturn.SUCCESS);
        }
        return rc == NvmlReturn.SUCCESS ? NvmlResult.ok(symbol, handle(index)) : NvmlResult.error(symbol, rc);
    }

    @Override
    public NvmlResult<NvmlDevice> deviceHandleByUuid(String uuid) {
        var symbol = "nvmlDeviceGetHandleByUUID";
        var rc = system(symbol);
        if (rc != NvmlReturn.SUCCESS) {
            return NvmlResult.error(symbol, rc);
        }
        for (int i = 0; i < profile.devices().size(); i++) {
            if (profile.devices().get(i).uuid().equals(uuid)) {
                var fault = deviceFaults.get(i).get(symbol);
                return fault == null ? NvmlResult.ok(symbol, handle(i)) : NvmlResult.error(symbol, fault);
            }
        }
        return NvmlResult.error(symbol, NvmlReturn.NOT_FOUND);
    }

    @Override
    public NvmlResult<String> deviceUuid(NvmlDevice d) {
        return on(d, "nvmlDeviceGetUUID", g -> g.uuid());
    }

    @Override
    public NvmlResult<String> deviceName(NvmlDevice d) {
        return on(d, "nvmlDeviceGetName", g -> g.name());
    }

    @Override
    public NvmlResult<String> deviceSerial(NvmlDevice d) {
        return on(d, "nvmlDeviceGetSerial", g -> g.serial().orElse(null));
    }

    @Override
    public NvmlResult<Integer> deviceMinorNumber(NvmlDevice d) {
        return on(d, "nvmlDeviceGetMinorNumber", g -> g.minor());
    }

    @Override
    public NvmlResult<MemoryInfo> deviceMemoryInfo(NvmlDevice d) {
        return on(d, "nvmlDeviceGetMemoryInfo", g -> new MemoryInfo(g.memoryTotalMiB() * MIB,
                (g.memoryTotalMiB() - g.memoryUsedMiB() - g.memoryReservedMiB()) * MIB,
                (g.memoryUsedMiB() + g.memoryReservedMiB()) * MIB, OptionalLong.empty()));
    }

    @Override
    public NvmlResult<MemoryInfo> deviceMemoryInfoV2(NvmlDevice d) {
        return on(d, "nvmlDeviceGetMemoryInfo_v2", g -> new MemoryInfo(g.memoryTotalMiB() * MIB,
                (g.memoryTotalMiB() - g.memoryUsedMiB() - g.memoryReservedMiB()) * MIB, g.memoryUsedMiB() * MIB,
                OptionalLong.of(g.memoryReservedMiB() * MIB)));
    }

    @Override
    public NvmlResult<Bar1Memory> deviceBar1MemoryInfo(NvmlDevice d) {
        return on(d, "nvmlDeviceGetBAR1MemoryInfo", g -> g.bar1TotalMiB().isEmpty() ? null
                : new Bar1Memory(g.bar1TotalMiB().getAsLong() * MIB, (g.bar1TotalMiB().getAsLong() - g.bar1UsedMiB()) * MIB,
                        g.bar1UsedMiB() * MIB));
    }

    @Override
    public NvmlResult<PciInfo> devicePciInfo(NvmlDevice d) {
        return on(d, "nvmlDeviceGetPciInfo_v3", FakeNvml::pci);
    }

    @Override
    public NvmlResult<Integer> deviceNumaNodeId(NvmlDevice d) {
        return on(d, "nvmlDeviceGetNumaNodeId", g -> g.numaNode().isPresent() ? g.numaNode().getAsInt() : null);
    }

    @Override
    public NvmlResult<Utilization> deviceUtilizationRates(NvmlDevice d) {
        return on(d, "nvmlDeviceGetUtilizationRates", g -> g.utilization().map(u -> new Utilization(u[0], u[1])).orElse(null));
    }

    @Override
    public NvmlResult<List<ProcessInfo>> deviceComputeRunningProcesses(NvmlDevice d) {
        return on(d, "nvmlDeviceGetComputeRunningProcesses_v3", g -> g.processes().stream().map(p -> new ProcessInfo(p.pid(),
                p.usedMiB().isPresent() ? OptionalLong.of(p.usedMiB().getAsLong() * MIB) : OptionalLong.empty(),
                p.gpuInstanceId(), p.computeInstanceId())).toList());
    }

    @Override
    public NvmlResult<Integer> deviceTemperature(NvmlDevice d) {
        return on(d, "nvmlDeviceGetTemperature", g -> g.temperatureC().isPresent() ? g.temperatureC().getAsInt() : null);
    }

    @Override
    public NvmlResult<Integer> devicePowerUsage(NvmlDevice d) {
        return on(d, "nvmlDeviceGetPowerUsage", g -> g.powerMilliwatts().isPresent() ? g.powerMilliwatts().getAsInt() : null);
    }

    @Override
    public NvmlResult<MigMode> deviceMigMode(NvmlDevice d) {
        return on(d, "nvmlDeviceGetMigMode", g -> g.migMode().map(m -> MigMode.of(m[0], m[1])).orElse(null));
    }

    @Override
    public NvmlResult<Integer> deviceArchitecture(NvmlDevice d) {
        return on(d, "nvmlDeviceGetArchitecture", g -> g.architecture().isPresent() ? g.architecture().getAsInt() : null);
    }

    @Override
    public NvmlResult<ComputeCapability> deviceCudaComputeCapability(NvmlDevice d) {
        return on(d, "nvmlDeviceGetCudaComputeCapability",
                g -> g.computeCapability().map(c -> new ComputeCapability(c[0], c[1])).orElse(null));
    }

    @Override
    public NvmlResult<NvmlEventSet> eventSetCreate() {
        return events.create();
    }

    @Override
    public NvmlResult<Long> deviceSupportedEventTypes(NvmlDevice d) {
        return on(d, "nvmlDeviceGetSupportedEventTypes", NvmlProfile.Gpu::supportedEvents);
    }

    @Override
    public NvmlResult<Void> deviceRegisterEvents(NvmlDevice d, long eventTypes, NvmlEventSet set) {
        var rc = check(d, "nvmlDeviceRegisterEvents");
        return rc != NvmlReturn.SUCCESS ? NvmlResult.error("nvmlDeviceRegisterEvents", rc)
                : events.register(index(d), profile.devices().get(index(d)).supportedEvents(), eventTypes, set);
    }

    @Override
    public NvmlResult<NvmlEvent> eventSetWait(NvmlEventSet set, int timeoutMs) {
        var rc = system("nvmlEventSetWait_v2");
        return rc != NvmlReturn.SUCCESS ? NvmlResult.error("nvmlEventSetWait_v2", rc) : events.await(set, timeoutMs);
    }

    @Override
    public NvmlResult<Void> eventSetFree(NvmlEventSet set) {
        var rc = system("nvmlEventSetFree");
        return rc != NvmlReturn.SUCCESS ? NvmlResult.error("nvmlEventSetFree", rc) : events.free(set);
    }

    /** The status every system call answers first. */
    synchronized NvmlReturn system(String symbol) {
        return refcount == 0 ? NvmlReturn.UNINITIALIZED : systemFaults.getOrDefault(symbol, NvmlReturn.SUCCESS);
    }

    /** The status every device call answers first, in the mock's order. */
    synchronized NvmlReturn check(NvmlDevice d, String symbol) {
        if (refcount == 0) {
            return NvmlReturn.UNINITIALIZED;
        }
        int i = index(d);
        if (i < 0) {
            return NvmlReturn.INVALID_ARGUMENT;
        }
        var fault = deviceFaults.get(i).get(symbol);
        return fault != null ? fault : lost[i] ? NvmlReturn.GPU_IS_LOST : NvmlReturn.SUCCESS;
    }

    static NvmlDevice handle(int index) {
        return new NvmlDevice(HANDLE_BASE + index * HANDLE_STRIDE);
    }

    int index(NvmlDevice d) {
        long offset = d.handle() - HANDLE_BASE;
        long i = offset / HANDLE_STRIDE;
        return offset >= 0 && offset % HANDLE_STRIDE == 0 && i < profile.devices().size() ? (int) i : -1;
    }

    private <T> NvmlResult<T> onSystem(String symbol, Supplier<T> value) {
        var rc = system(symbol);
        return rc == NvmlReturn.SUCCESS ? NvmlResult.ok(symbol, value.get()) : NvmlResult.error(symbol, rc);
    }

    /** A device call: the checks, then the fact, or NOT_SUPPORTED when the profile leaves it out (null). */
    private <T> NvmlResult<T> on(NvmlDevice d, String symbol, Function<NvmlProfile.Gpu, T> fact) {
        var rc = check(d, symbol);
        if (rc != NvmlReturn.SUCCESS) {
            return NvmlResult.error(symbol, rc);
        }
        var value = fact.apply(profile.devices().get(index(d)));
        return value == null ? NvmlResult.error(symbol, NvmlReturn.NOT_SUPPORTED) : NvmlResult.ok(symbol, value);
    }

    private static PciInfo pci(NvmlProfile.Gpu g) {
        var p = g.pciBusId().split("[:.]");
        int domain = Integer.parseUnsignedInt(p[0], 16);
        int bus = Integer.parseInt(p[1], 16);
        int device = Integer.parseInt(p[2], 16);
        return new PciInfo(g.pciBusId(), String.format("%04X:%02X:%02X.0", domain & 0xFFFF, bus, device), domain, bus, device,
                g.pciDeviceId(), g.pciSubSystemId());
    }

    private static NvmlReturn status(String text) {
        return NvmlReturn.fromName(text).orElseGet(() -> NvmlReturn.fromCode(Integer.parseInt(text)));
    }
}
