package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.LibraryLookup;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.OutParams;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Set;

/**
 * {@link NvmlApi} over a {@code libnvidia-ml.so.1} (the driver's, or a mock) through FFM. Open it with
 * {@link #open(String)}; each library is opened once per process and never unloaded. Every symbol is
 * resolved once, optionally: a function the driver lacks answers {@link NvmlReturn#FUNCTION_NOT_FOUND}.
 * Versioned families are called newest first. Each call takes its out-parameters from an
 * {@link OutParams} frame (a per-thread scratch buffer) and copies results into records before the frame
 * closes. Thread-safe.
 */
public final class FfmNvml implements NvmlApi {

    /** The library a driver installs, as the dynamic linker finds it. */
    public static final String DEFAULT_LIBRARY = "libnvidia-ml.so.1";

    private final String library;
    private final Set<String> missing;
    private final NativeCalls calls = new NativeCalls(NvmlReturn.STATUSES);
    private final MethodHandle nvmlInit_v2;
    private final MethodHandle nvmlInit;
    private final MethodHandle nvmlShutdown;
    private final MethodHandle nvmlSystemGetDriverVersion;
    private final MethodHandle nvmlSystemGetNVMLVersion;
    private final MethodHandle nvmlSystemGetCudaDriverVersion_v2;
    private final MethodHandle nvmlSystemGetCudaDriverVersion;
    private final MethodHandle nvmlDeviceGetCount_v2;
    private final MethodHandle nvmlDeviceGetCount;
    private final MethodHandle nvmlDeviceGetHandleByIndex_v2;
    private final MethodHandle nvmlDeviceGetHandleByIndex;
    private final MethodHandle nvmlDeviceGetHandleByUUID;
    private final FfmNvmlDevice device;
    private final FfmNvmlEvents events;
    private final FfmNvmlTopology topology;
    private final FfmNvmlMig mig;

    private FfmNvml(String library, SymbolLookup lookup) {
        this.library = library;
        var d = new Downcalls(lookup, NvmlReturn.FUNCTION_NOT_FOUND.code());
        nvmlInit_v2 = d.bind("nvmlInit_v2", Downcalls.VOID);
        nvmlInit = d.bind("nvmlInit", Downcalls.VOID);
        nvmlShutdown = d.bind("nvmlShutdown", Downcalls.VOID);
        nvmlSystemGetDriverVersion = d.bind("nvmlSystemGetDriverVersion", Downcalls.BUF);
        nvmlSystemGetNVMLVersion = d.bind("nvmlSystemGetNVMLVersion", Downcalls.BUF);
        nvmlSystemGetCudaDriverVersion_v2 = d.bind("nvmlSystemGetCudaDriverVersion_v2", Downcalls.PTR);
        nvmlSystemGetCudaDriverVersion = d.bind("nvmlSystemGetCudaDriverVersion", Downcalls.PTR);
        nvmlDeviceGetCount_v2 = d.bind("nvmlDeviceGetCount_v2", Downcalls.PTR);
        nvmlDeviceGetCount = d.bind("nvmlDeviceGetCount", Downcalls.PTR);
        nvmlDeviceGetHandleByIndex_v2 = d.bind("nvmlDeviceGetHandleByIndex_v2", Downcalls.INDEX_PTR);
        nvmlDeviceGetHandleByIndex = d.bind("nvmlDeviceGetHandleByIndex", Downcalls.INDEX_PTR);
        nvmlDeviceGetHandleByUUID = d.bind("nvmlDeviceGetHandleByUUID", Downcalls.PTR_PTR);
        device = new FfmNvmlDevice(d, calls);
        events = new FfmNvmlEvents(d);
        topology = new FfmNvmlTopology(d, calls);
        mig = new FfmNvmlMig(d, calls);
        missing = d.missing();
    }

    /**
     * The binding of {@code library} (a file name the dynamic linker searches for, or a path), opened on first
     * use and shared afterwards.
     *
     * @throws NvmlLibraryException when it cannot be opened or is not NVML
     */
    public static FfmNvml open(String library) {
        return LibraryLookup.shared(FfmNvml.class, library, FfmNvml::load);
    }

    private static FfmNvml load(String library) {
        return new FfmNvml(library, LibraryLookup.open(library, "an NVML library", NvmlLibraryException::new,
                "nvmlInit_v2", "nvmlInit"));
    }

    /** The library as it was asked for. */
    public String library() {
        return library;
    }

    /** Whether the library exports {@code symbol} (among those this binding uses). */
    public boolean exports(String symbol) {
        return !missing.contains(symbol);
    }

    @Override
    public NvmlResult<Void> init() {
        return exports("nvmlInit_v2") ? call("nvmlInit_v2", nvmlInit_v2) : call("nvmlInit", nvmlInit);
    }

    @Override
    public NvmlResult<Void> shutdown() {
        return call("nvmlShutdown", nvmlShutdown);
    }

    @Override
    public NvmlResult<String> systemDriverVersion() {
        return string("nvmlSystemGetDriverVersion", nvmlSystemGetDriverVersion, NvmlLayouts.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE);
    }

    @Override
    public NvmlResult<String> systemNvmlVersion() {
        return string("nvmlSystemGetNVMLVersion", nvmlSystemGetNVMLVersion, NvmlLayouts.NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE);
    }

    @Override
    public NvmlResult<Integer> systemCudaDriverVersion() {
        return exports("nvmlSystemGetCudaDriverVersion_v2")
                ? intOut("nvmlSystemGetCudaDriverVersion_v2", nvmlSystemGetCudaDriverVersion_v2)
                : intOut("nvmlSystemGetCudaDriverVersion", nvmlSystemGetCudaDriverVersion);
    }

    @Override
    public NvmlResult<Integer> deviceCount() {
        return exports("nvmlDeviceGetCount_v2")
                ? intOut("nvmlDeviceGetCount_v2", nvmlDeviceGetCount_v2)
                : intOut("nvmlDeviceGetCount", nvmlDeviceGetCount);
    }

    @Override
    public NvmlResult<NvmlDevice> deviceHandleByIndex(int index) {
        var symbol = exports("nvmlDeviceGetHandleByIndex_v2") ? "nvmlDeviceGetHandleByIndex_v2" : "nvmlDeviceGetHandleByIndex";
        var handle = exports("nvmlDeviceGetHandleByIndex_v2") ? nvmlDeviceGetHandleByIndex_v2 : nvmlDeviceGetHandleByIndex;
        try (var arena = OutParams.open()) {
            var out = arena.allocate(ADDRESS);
            int rc = (int) handle.invokeExact(index, out);
            return rc != 0 ? NvmlResult.error(symbol, rc) : NvmlResult.ok(symbol, new NvmlDevice(out.get(ADDRESS, 0).address()));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    @Override
    public NvmlResult<NvmlDevice> deviceHandleByUuid(String uuid) {
        var symbol = "nvmlDeviceGetHandleByUUID";
        if (uuid.indexOf('\0') >= 0) {
            return NvmlResult.error(symbol, NvmlReturn.INVALID_ARGUMENT);
        }
        try (var arena = OutParams.open()) {
            var out = arena.allocate(ADDRESS);
            int rc = (int) nvmlDeviceGetHandleByUUID.invokeExact(arena.allocateFrom(uuid), out);
            return rc != 0 ? NvmlResult.error(symbol, rc) : NvmlResult.ok(symbol, new NvmlDevice(out.get(ADDRESS, 0).address()));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    @Override
    public NvmlResult<String> deviceUuid(NvmlDevice d) {
        return device.uuid(d);
    }

    @Override
    public NvmlResult<String> deviceName(NvmlDevice d) {
        return device.name(d);
    }

    @Override
    public NvmlResult<String> deviceSerial(NvmlDevice d) {
        return device.serial(d);
    }

    @Override
    public NvmlResult<Integer> deviceMinorNumber(NvmlDevice d) {
        return device.minorNumber(d);
    }

    @Override
    public NvmlResult<MemoryInfo> deviceMemoryInfo(NvmlDevice d) {
        return device.memoryInfo(d);
    }

    @Override
    public NvmlResult<MemoryInfo> deviceMemoryInfoV2(NvmlDevice d) {
        return device.memoryInfoV2(d);
    }

    @Override
    public long deviceMemoryUsed(NvmlDevice d) {
        return device.memoryUsed(d);
    }

    @Override
    public long deviceMemoryUsedV2(NvmlDevice d) {
        return device.memoryUsedV2(d);
    }

    @Override
    public NvmlResult<Bar1Memory> deviceBar1MemoryInfo(NvmlDevice d) {
        return device.bar1MemoryInfo(d);
    }

    @Override
    public NvmlResult<PciInfo> devicePciInfo(NvmlDevice d) {
        return device.pciInfo(d);
    }

    @Override
    public NvmlResult<Integer> deviceNumaNodeId(NvmlDevice d) {
        return device.numaNodeId(d);
    }

    @Override
    public NvmlResult<Utilization> deviceUtilizationRates(NvmlDevice d) {
        return device.utilizationRates(d);
    }

    @Override
    public NvmlResult<List<ProcessInfo>> deviceComputeRunningProcesses(NvmlDevice d) {
        return device.computeRunningProcesses(d, missing);
    }

    @Override
    public NvmlResult<Integer> deviceTemperature(NvmlDevice d) {
        return device.temperature(d);
    }

    @Override
    public NvmlResult<Integer> devicePowerUsage(NvmlDevice d) {
        return device.powerUsage(d);
    }

    @Override
    public NvmlResult<MigMode> deviceMigMode(NvmlDevice d) {
        return device.migMode(d);
    }

    @Override
    public NvmlResult<Integer> deviceArchitecture(NvmlDevice d) {
        return device.architecture(d);
    }

    @Override
    public NvmlResult<ComputeCapability> deviceCudaComputeCapability(NvmlDevice d) {
        return device.cudaComputeCapability(d);
    }

    @Override
    public NvmlResult<NvmlEventSet> eventSetCreate() {
        return events.create();
    }

    @Override
    public NvmlResult<Long> deviceSupportedEventTypes(NvmlDevice d) {
        return events.supportedTypes(d);
    }

    @Override
    public NvmlResult<Void> deviceRegisterEvents(NvmlDevice d, long eventTypes, NvmlEventSet set) {
        return events.register(d, eventTypes, set);
    }

    @Override
    public NvmlResult<NvmlEvent> eventSetWait(NvmlEventSet set, int timeoutMs) {
        return events.await(set, timeoutMs);
    }

    @Override
    public NvmlResult<Void> eventSetFree(NvmlEventSet set) {
        return events.free(set);
    }

    @Override
    public String toString() {
        return "FfmNvml[" + library + "]";
    }

    private NvmlResult<Void> call(String symbol, MethodHandle h) {
        return NvmlResult.of(calls.status(symbol, () -> (int) h.invokeExact()));
    }

    private NvmlResult<Integer> intOut(String symbol, MethodHandle h) {
        return NvmlResult.of(calls.intOut(symbol, out -> (int) h.invokeExact(out)));
    }

    private NvmlResult<String> string(String symbol, MethodHandle h, int size) {
        return NvmlResult.of(calls.string(symbol, size, buf -> (int) h.invokeExact(buf, size)));
    }

    @Override
    public NvmlResult<Integer> deviceTopologyCommonAncestor(NvmlDevice a, NvmlDevice b) {
        return topology.commonAncestor(a, b);
    }

    @Override
    public NvmlResult<P2PStatus> deviceP2PStatus(NvmlDevice a, NvmlDevice b, P2PCapability capability) {
        return topology.p2pStatus(a, b, capability);
    }

    @Override
    public NvmlResult<Boolean> deviceNvLinkActive(NvmlDevice d, int link) {
        return topology.nvLinkActive(d, link);
    }

    @Override
    public NvmlResult<PciInfo> deviceNvLinkRemotePciInfo(NvmlDevice d, int link) {
        return topology.nvLinkRemotePciInfo(d, link);
    }

    @Override
    public NvmlResult<NvLinkRemote> deviceNvLinkRemoteDeviceType(NvmlDevice d, int link) {
        return topology.nvLinkRemoteDeviceType(d, link);
    }

    @Override
    public NvmlResult<NvmlReturn> deviceSetMigMode(NvmlDevice d, boolean enable) {
        return mig.setMigMode(d, enable);
    }

    @Override
    public NvmlResult<GpuInstanceProfile> deviceGpuInstanceProfileInfo(NvmlDevice d, int profileIndex) {
        return mig.gpuInstanceProfileInfo(d, profileIndex);
    }

    @Override
    public NvmlResult<List<MigPlacement>> deviceGpuInstancePossiblePlacements(NvmlDevice d, int profileId) {
        return mig.possiblePlacements(d, profileId);
    }

    @Override
    public NvmlResult<Integer> deviceGpuInstanceRemainingCapacity(NvmlDevice d, int profileId) {
        return mig.remainingCapacity(d, profileId);
    }

    @Override
    public NvmlResult<NvmlGpuInstance> deviceCreateGpuInstanceWithPlacement(NvmlDevice d, int profileId,
                                                                          MigPlacement placement) {
        return mig.createGpuInstance(d, profileId, placement);
    }

    @Override
    public NvmlResult<Void> gpuInstanceDestroy(NvmlGpuInstance gi) {
        return mig.destroyGpuInstance(gi);
    }

    @Override
    public NvmlResult<List<NvmlGpuInstance>> deviceGpuInstances(NvmlDevice d, int profileId) {
        return mig.gpuInstances(d, profileId);
    }

    @Override
    public NvmlResult<NvmlGpuInstance> deviceGpuInstanceById(NvmlDevice d, int id) {
        return mig.gpuInstanceById(d, id);
    }

    @Override
    public NvmlResult<GpuInstanceInfo> gpuInstanceInfo(NvmlGpuInstance gi) {
        return mig.gpuInstanceInfo(gi);
    }

    @Override
    public NvmlResult<ComputeInstanceProfile> gpuInstanceComputeInstanceProfileInfo(NvmlGpuInstance gi, int profileIndex) {
        return mig.computeInstanceProfileInfo(gi, profileIndex);
    }

    @Override
    public NvmlResult<NvmlComputeInstance> gpuInstanceCreateComputeInstance(NvmlGpuInstance gi, int profileId) {
        return mig.createComputeInstance(gi, profileId);
    }

    @Override
    public NvmlResult<Void> computeInstanceDestroy(NvmlComputeInstance ci) {
        return mig.destroyComputeInstance(ci);
    }

    @Override
    public NvmlResult<List<NvmlComputeInstance>> gpuInstanceComputeInstances(NvmlGpuInstance gi, int profileId) {
        return mig.computeInstances(gi, profileId);
    }

    @Override
    public NvmlResult<ComputeInstanceInfo> computeInstanceInfo(NvmlComputeInstance ci) {
        return mig.computeInstanceInfo(ci);
    }

    @Override
    public NvmlResult<Boolean> deviceIsMigDeviceHandle(NvmlDevice d) {
        return mig.isMigDeviceHandle(d);
    }

    @Override
    public NvmlResult<Integer> deviceGpuInstanceId(NvmlDevice d) {
        return mig.gpuInstanceId(d);
    }

    @Override
    public NvmlResult<Integer> deviceComputeInstanceId(NvmlDevice d) {
        return mig.computeInstanceId(d);
    }

    @Override
    public NvmlResult<Integer> deviceMaxMigDeviceCount(NvmlDevice d) {
        return mig.maxMigDeviceCount(d);
    }

    @Override
    public NvmlResult<NvmlDevice> deviceMigDeviceHandleByIndex(NvmlDevice d, int index) {
        return mig.migDeviceHandleByIndex(d, index);
    }

    @Override
    public NvmlResult<NvmlDevice> deviceHandleFromMigDeviceHandle(NvmlDevice d) {
        return mig.deviceHandleFromMigDeviceHandle(d);
    }

    @Override
    public NvmlResult<DeviceAttributes> deviceAttributes(NvmlDevice d) {
        return mig.attributes(d);
    }

    static MemorySegment address(NvmlDevice device) {
        return MemorySegment.ofAddress(device.handle());
    }
}
