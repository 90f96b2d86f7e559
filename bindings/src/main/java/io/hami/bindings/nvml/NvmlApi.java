package io.hami.bindings.nvml;

import java.util.List;

/**
 * The NVML calls hami-java makes, one method per C function (or per family of versioned functions),
 * returning the call's status and its result copied into records. Nothing here throws for a status: a
 * missing symbol is {@link NvmlReturn#FUNCTION_NOT_FOUND}, a device that fell off the bus is
 * {@link NvmlReturn#GPU_IS_LOST}. Use the {@link Nvml} facade to get values and typed exceptions.
 *
 * <p>Implementations: {@link FfmNvml} (a real or mock {@code libnvidia-ml.so.1} through FFM) and the Java fake
 * of the test fixtures. Implementations are thread-safe.
 *
 * <p>Where a method stands for several versioned symbols, the newest one the library exports is called and
 * named in {@link NvmlResult#symbol()}.
 */
public interface NvmlApi extends NvmlMigApi {

    /** {@code nvmlInit_v2}, else {@code nvmlInit}. NVML counts inits; each success needs one {@link #shutdown()}. */
    NvmlResult<Void> init();

    /** {@code nvmlShutdown}. */
    NvmlResult<Void> shutdown();

    /** {@code nvmlSystemGetDriverVersion}, e.g. {@code 550.54.15}. */
    NvmlResult<String> systemDriverVersion();

    /** {@code nvmlSystemGetNVMLVersion}, e.g. {@code 12.550.54.15}. */
    NvmlResult<String> systemNvmlVersion();

    /** {@code nvmlSystemGetCudaDriverVersion_v2}, else the plain one: e.g. 12040 for CUDA 12.4. */
    NvmlResult<Integer> systemCudaDriverVersion();

    /** {@code nvmlDeviceGetCount_v2}, else {@code nvmlDeviceGetCount}. */
    NvmlResult<Integer> deviceCount();

    /** {@code nvmlDeviceGetHandleByIndex_v2}, else {@code nvmlDeviceGetHandleByIndex}. */
    NvmlResult<NvmlDevice> deviceHandleByIndex(int index);

    /** {@code nvmlDeviceGetHandleByUUID}; {@code GPU-…} or {@code MIG-…}. */
    NvmlResult<NvmlDevice> deviceHandleByUuid(String uuid);

    /** {@code nvmlDeviceGetUUID}. */
    NvmlResult<String> deviceUuid(NvmlDevice device);

    /** {@code nvmlDeviceGetName}, e.g. {@code NVIDIA A100-SXM4-40GB}. */
    NvmlResult<String> deviceName(NvmlDevice device);

    /** {@code nvmlDeviceGetSerial}; not supported on most consumer boards. */
    NvmlResult<String> deviceSerial(NvmlDevice device);

    /** {@code nvmlDeviceGetMinorNumber}: N of {@code /dev/nvidiaN}. */
    NvmlResult<Integer> deviceMinorNumber(NvmlDevice device);

    /** {@code nvmlDeviceGetMemoryInfo} (v1: used includes reserved; what HAMi reads). */
    NvmlResult<MemoryInfo> deviceMemoryInfo(NvmlDevice device);

    /** {@code nvmlDeviceGetMemoryInfo_v2} (reserved reported apart). */
    NvmlResult<MemoryInfo> deviceMemoryInfoV2(NvmlDevice device);

    /**
     * {@code used} of {@link #deviceMemoryInfo} for a caller that reads it for every device on every scrape: no
     * record and no result object. At least 0 on success (saturated at {@link Long#MAX_VALUE}); on failure a
     * negative value that packs the status ({@link NvmlResult#failed}, {@link NvmlResult#failureCode});
     * {@link NvmlResult#unpack} turns either into the usual result, with its clear error.
     */
    default long deviceMemoryUsed(NvmlDevice device) {
        return NvmlResult.pack(deviceMemoryInfo(device).map(MemoryInfo::used));
    }

    /** As {@link #deviceMemoryUsed}, from {@link #deviceMemoryInfoV2} (used without the driver's reserve). */
    default long deviceMemoryUsedV2(NvmlDevice device) {
        return NvmlResult.pack(deviceMemoryInfoV2(device).map(MemoryInfo::used));
    }

    /** {@code nvmlDeviceGetBAR1MemoryInfo}. */
    NvmlResult<Bar1Memory> deviceBar1MemoryInfo(NvmlDevice device);

    /** {@code nvmlDeviceGetPciInfo_v3}. Older PCI layouts are not bound. */
    NvmlResult<PciInfo> devicePciInfo(NvmlDevice device);

    /** {@code nvmlDeviceGetNumaNodeId} (recent drivers only). */
    NvmlResult<Integer> deviceNumaNodeId(NvmlDevice device);

    /** {@code nvmlDeviceGetUtilizationRates}. */
    NvmlResult<Utilization> deviceUtilizationRates(NvmlDevice device);

    /**
     * {@code nvmlDeviceGetComputeRunningProcesses_v3}, else {@code _v2}, else the plain one, each read with its
     * own entry layout.
     */
    NvmlResult<List<ProcessInfo>> deviceComputeRunningProcesses(NvmlDevice device);

    /** {@code nvmlDeviceGetTemperature} of the GPU die, in degrees Celsius. */
    NvmlResult<Integer> deviceTemperature(NvmlDevice device);

    /** {@code nvmlDeviceGetPowerUsage}, in milliwatts. */
    NvmlResult<Integer> devicePowerUsage(NvmlDevice device);

    /** {@code nvmlDeviceGetMigMode}; not supported on GPUs without MIG. */
    NvmlResult<MigMode> deviceMigMode(NvmlDevice device);

    /** {@code nvmlDeviceGetArchitecture}: the raw {@code nvmlDeviceArchitecture_t}. */
    NvmlResult<Integer> deviceArchitecture(NvmlDevice device);

    /** {@code nvmlDeviceGetCudaComputeCapability}. */
    NvmlResult<ComputeCapability> deviceCudaComputeCapability(NvmlDevice device);

    /** {@code nvmlEventSetCreate}. */
    NvmlResult<NvmlEventSet> eventSetCreate();

    /** {@code nvmlDeviceGetSupportedEventTypes}: a mask of {@link NvmlEvent} type bits. */
    NvmlResult<Long> deviceSupportedEventTypes(NvmlDevice device);

    /** {@code nvmlDeviceRegisterEvents}. */
    NvmlResult<Void> deviceRegisterEvents(NvmlDevice device, long eventTypes, NvmlEventSet set);

    /** {@code nvmlEventSetWait_v2}; {@link NvmlReturn#TIMEOUT} when nothing arrived within {@code timeoutMs}. */
    NvmlResult<NvmlEvent> eventSetWait(NvmlEventSet set, int timeoutMs);

    /** {@code nvmlEventSetFree}. */
    NvmlResult<Void> eventSetFree(NvmlEventSet set);

    /**
     * {@code nvmlDeviceGetTopologyCommonAncestor}: NVML's {@link TopologyLevel} code for the two GPUs. A binding
     * without topology answers {@code FUNCTION_NOT_FOUND}.
     */
    default NvmlResult<Integer> deviceTopologyCommonAncestor(NvmlDevice a, NvmlDevice b) {
        return NvmlResult.error("nvmlDeviceGetTopologyCommonAncestor", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetP2PStatus}: whether {@code a} can use {@code capability} with {@code b}. */
    default NvmlResult<P2PStatus> deviceP2PStatus(NvmlDevice a, NvmlDevice b, P2PCapability capability) {
        return NvmlResult.error("nvmlDeviceGetP2PStatus", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetNvLinkState}: whether the link is active. */
    default NvmlResult<Boolean> deviceNvLinkActive(NvmlDevice d, int link) {
        return NvmlResult.error("nvmlDeviceGetNvLinkState", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetNvLinkRemotePciInfo_v2}: the PCI identity at the link's other end. */
    default NvmlResult<PciInfo> deviceNvLinkRemotePciInfo(NvmlDevice d, int link) {
        return NvmlResult.error("nvmlDeviceGetNvLinkRemotePciInfo_v2", NvmlReturn.FUNCTION_NOT_FOUND);
    }

    /** {@code nvmlDeviceGetNvLinkRemoteDeviceType}: what the link's other end is. */
    default NvmlResult<NvLinkRemote> deviceNvLinkRemoteDeviceType(NvmlDevice d, int link) {
        return NvmlResult.error("nvmlDeviceGetNvLinkRemoteDeviceType", NvmlReturn.FUNCTION_NOT_FOUND);
    }
}
