package io.hami.bindings.nvml;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeCalls;
import io.hami.bindings.ffm.OutParams;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The per-device queries of {@link FfmNvml}: identity, memory, PCI, load, processes, MIG mode. */
final class FfmNvmlDevice {

    /** More entries than any GPU runs processes; a count above it is not believed. */
    static final int MAX_PROCESSES = 4096;
    private static final int INSUFFICIENT_SIZE = NvmlReturn.INSUFFICIENT_SIZE.code();

    private final MethodHandle nvmlDeviceGetUUID;
    private final MethodHandle nvmlDeviceGetName;
    private final MethodHandle nvmlDeviceGetSerial;
    private final MethodHandle nvmlDeviceGetMinorNumber;
    private final MethodHandle nvmlDeviceGetMemoryInfo;
    private final MethodHandle nvmlDeviceGetMemoryInfo_v2;
    private final MethodHandle nvmlDeviceGetBAR1MemoryInfo;
    private final MethodHandle nvmlDeviceGetPciInfo_v3;
    private final MethodHandle nvmlDeviceGetNumaNodeId;
    private final MethodHandle nvmlDeviceGetUtilizationRates;
    private final MethodHandle nvmlDeviceGetComputeRunningProcesses_v3;
    private final MethodHandle nvmlDeviceGetComputeRunningProcesses_v2;
    private final MethodHandle nvmlDeviceGetComputeRunningProcesses;
    private final MethodHandle nvmlDeviceGetTemperature;
    private final MethodHandle nvmlDeviceGetPowerUsage;
    private final MethodHandle nvmlDeviceGetMigMode;
    private final MethodHandle nvmlDeviceGetArchitecture;
    private final MethodHandle nvmlDeviceGetCudaComputeCapability;

    private final NativeCalls calls;
    private final OutParams.LastThread memoryFrames = new OutParams.LastThread();

    FfmNvmlDevice(Downcalls d, NativeCalls calls) {
        this.calls = calls;
        nvmlDeviceGetUUID = d.bind("nvmlDeviceGetUUID", Downcalls.PTR_PTR_INT);
        nvmlDeviceGetName = d.bind("nvmlDeviceGetName", Downcalls.PTR_PTR_INT);
        nvmlDeviceGetSerial = d.bind("nvmlDeviceGetSerial", Downcalls.PTR_PTR_INT);
        nvmlDeviceGetMinorNumber = d.bind("nvmlDeviceGetMinorNumber", Downcalls.PTR_PTR);
        nvmlDeviceGetMemoryInfo = d.bind("nvmlDeviceGetMemoryInfo", Downcalls.ADDR_ADDR);
        nvmlDeviceGetMemoryInfo_v2 = d.bind("nvmlDeviceGetMemoryInfo_v2", Downcalls.ADDR_ADDR);
        nvmlDeviceGetBAR1MemoryInfo = d.bind("nvmlDeviceGetBAR1MemoryInfo", Downcalls.PTR_PTR);
        nvmlDeviceGetPciInfo_v3 = d.bind("nvmlDeviceGetPciInfo_v3", Downcalls.PTR_PTR);
        nvmlDeviceGetNumaNodeId = d.bind("nvmlDeviceGetNumaNodeId", Downcalls.PTR_PTR);
        nvmlDeviceGetUtilizationRates = d.bind("nvmlDeviceGetUtilizationRates", Downcalls.PTR_PTR);
        nvmlDeviceGetComputeRunningProcesses_v3 = d.bind("nvmlDeviceGetComputeRunningProcesses_v3", Downcalls.PTR_PTR_PTR);
        nvmlDeviceGetComputeRunningProcesses_v2 = d.bind("nvmlDeviceGetComputeRunningProcesses_v2", Downcalls.PTR_PTR_PTR);
        nvmlDeviceGetComputeRunningProcesses = d.bind("nvmlDeviceGetComputeRunningProcesses", Downcalls.PTR_PTR_PTR);
        nvmlDeviceGetTemperature = d.bind("nvmlDeviceGetTemperature", Downcalls.PTR_INT_PTR);
        nvmlDeviceGetPowerUsage = d.bind("nvmlDeviceGetPowerUsage", Downcalls.PTR_PTR);
        nvmlDeviceGetMigMode = d.bind("nvmlDeviceGetMigMode", Downcalls.PTR_PTR_PTR);
        nvmlDeviceGetArchitecture = d.bind("nvmlDeviceGetArchitecture", Downcalls.PTR_PTR);
        nvmlDeviceGetCudaComputeCapability = d.bind("nvmlDeviceGetCudaComputeCapability", Downcalls.PTR_PTR_PTR);
    }

    NvmlResult<String> uuid(NvmlDevice d) {
        return string("nvmlDeviceGetUUID", nvmlDeviceGetUUID, d, NvmlLayouts.NVML_DEVICE_UUID_V2_BUFFER_SIZE);
    }

    NvmlResult<String> name(NvmlDevice d) {
        return string("nvmlDeviceGetName", nvmlDeviceGetName, d, NvmlLayouts.NVML_DEVICE_NAME_V2_BUFFER_SIZE);
    }

    NvmlResult<String> serial(NvmlDevice d) {
        return string("nvmlDeviceGetSerial", nvmlDeviceGetSerial, d, NvmlLayouts.NVML_DEVICE_SERIAL_BUFFER_SIZE);
    }

    NvmlResult<Integer> minorNumber(NvmlDevice d) {
        return intOut("nvmlDeviceGetMinorNumber", nvmlDeviceGetMinorNumber, d);
    }

    /** Written out like {@link #memoryInfoV2}, and for the same reason: the monitor reads it for every device, every scrape. */
    NvmlResult<MemoryInfo> memoryInfo(NvmlDevice d) {
        try (var arena = memoryFrames.open()) {
            var out = arena.uninitialized(NvmlLayouts.MEMORY); // NVML writes all of it on success
            int rc = (int) nvmlDeviceGetMemoryInfo.invokeExact(d.handle(), out.address());
            return rc != 0 ? NvmlResult.error("nvmlDeviceGetMemoryInfo", rc)
                    : NvmlResult.ok("nvmlDeviceGetMemoryInfo", NvmlLayouts.memory(out));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code used} of {@link #memoryInfo}, packed as {@link NvmlApi#deviceMemoryUsed} says: nothing is allocated. */
    long memoryUsed(NvmlDevice d) {
        try (var arena = memoryFrames.open()) {
            var out = arena.uninitialized(NvmlLayouts.MEMORY); // NVML writes all of it on success
            int rc = (int) nvmlDeviceGetMemoryInfo.invokeExact(d.handle(), out.address());
            return rc != 0 ? NvmlResult.failure(rc) : NvmlLayouts.memoryUsed(out);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /** {@code used} of {@link #memoryInfoV2}, packed as {@link NvmlApi#deviceMemoryUsed} says: nothing is allocated. */
    long memoryUsedV2(NvmlDevice d) {
        try (var arena = memoryFrames.open()) {
            var out = arena.uninitialized(NvmlLayouts.MEMORY_V2); // NVML writes all of it on success
            NvmlLayouts.MEMORY_V2_VERSION.set(out, 0L, NvmlLayouts.nvmlMemory_v2);
            int rc = (int) nvmlDeviceGetMemoryInfo_v2.invokeExact(d.handle(), out.address());
            return rc != 0 ? NvmlResult.failure(rc) : NvmlLayouts.memoryUsedV2(out);
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    /**
     * Written out, not through {@link #struct}: the caller must set {@code version}, and this is the hot call (every
     * device, every scrape). Pointers go as addresses ({@link Downcalls#ADDR_ADDR}), so the call allocates nothing
     * but its result.
     */
    NvmlResult<MemoryInfo> memoryInfoV2(NvmlDevice d) {
        try (var arena = memoryFrames.open()) {
            var out = arena.uninitialized(NvmlLayouts.MEMORY_V2); // NVML writes all of it on success
            NvmlLayouts.MEMORY_V2_VERSION.set(out, 0L, NvmlLayouts.nvmlMemory_v2);
            int rc = (int) nvmlDeviceGetMemoryInfo_v2.invokeExact(d.handle(), out.address());
            return rc != 0 ? NvmlResult.error("nvmlDeviceGetMemoryInfo_v2", rc)
                    : NvmlResult.ok("nvmlDeviceGetMemoryInfo_v2", NvmlLayouts.memoryV2(out));
        } catch (Throwable t) {
            throw Downcalls.rethrow(t);
        }
    }

    NvmlResult<Bar1Memory> bar1MemoryInfo(NvmlDevice d) {
        return struct("nvmlDeviceGetBAR1MemoryInfo", nvmlDeviceGetBAR1MemoryInfo, d, NvmlLayouts.BAR1_MEMORY, NvmlLayouts::bar1);
    }

    NvmlResult<PciInfo> pciInfo(NvmlDevice d) {
        return struct("nvmlDeviceGetPciInfo_v3", nvmlDeviceGetPciInfo_v3, d, NvmlLayouts.PCI_INFO, NvmlLayouts::pci);
    }

    NvmlResult<Integer> numaNodeId(NvmlDevice d) {
        return intOut("nvmlDeviceGetNumaNodeId", nvmlDeviceGetNumaNodeId, d);
    }

    NvmlResult<Utilization> utilizationRates(NvmlDevice d) {
        return struct("nvmlDeviceGetUtilizationRates", nvmlDeviceGetUtilizationRates, d, NvmlLayouts.UTILIZATION,
                NvmlLayouts::utilization);
    }

    NvmlResult<Integer> powerUsage(NvmlDevice d) {
        return intOut("nvmlDeviceGetPowerUsage", nvmlDeviceGetPowerUsage, d);
    }

    NvmlResult<Integer> architecture(NvmlDevice d) {
        return intOut("nvmlDeviceGetArchitecture", nvmlDeviceGetArchitecture, d);
    }

    NvmlResult<Integer> temperature(NvmlDevice d) {
        return NvmlResult.of(calls.intOut("nvmlDeviceGetTemperature",
                out -> (int) nvmlDeviceGetTemperature.invokeExact(FfmNvml.address(d), NvmlLayouts.NVML_TEMPERATURE_GPU, out)));
    }

    NvmlResult<MigMode> migMode(NvmlDevice d) {
        return NvmlResult.of(calls.frame(frame -> {
            var current = frame.allocate(JAVA_INT);
            var pending = frame.allocate(JAVA_INT);
            int rc = (int) nvmlDeviceGetMigMode.invokeExact(FfmNvml.address(d), current, pending);
            return calls.result("nvmlDeviceGetMigMode", rc, () -> MigMode.of(current.get(JAVA_INT, 0), pending.get(JAVA_INT, 0)));
        }));
    }

    NvmlResult<ComputeCapability> cudaComputeCapability(NvmlDevice d) {
        return NvmlResult.of(calls.frame(frame -> {
            var major = frame.allocate(JAVA_INT);
            var minor = frame.allocate(JAVA_INT);
            int rc = (int) nvmlDeviceGetCudaComputeCapability.invokeExact(FfmNvml.address(d), major, minor);
            return calls.result("nvmlDeviceGetCudaComputeCapability", rc,
                    () -> new ComputeCapability(major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)));
        }));
    }

    /** Newest first; each version is read with the entry layout that belongs to it (24 or 16 bytes). */
    NvmlResult<List<ProcessInfo>> computeRunningProcesses(NvmlDevice d, Set<String> missing) {
        if (!missing.contains("nvmlDeviceGetComputeRunningProcesses_v3")) {
            return processes("nvmlDeviceGetComputeRunningProcesses_v3", nvmlDeviceGetComputeRunningProcesses_v3, d,
                    NvmlLayouts.PROCESS_INFO_V2, NvmlLayouts::processV2);
        }
        if (!missing.contains("nvmlDeviceGetComputeRunningProcesses_v2")) {
            return processes("nvmlDeviceGetComputeRunningProcesses_v2", nvmlDeviceGetComputeRunningProcesses_v2, d,
                    NvmlLayouts.PROCESS_INFO_V2, NvmlLayouts::processV2);
        }
        return processes("nvmlDeviceGetComputeRunningProcesses", nvmlDeviceGetComputeRunningProcesses, d,
                NvmlLayouts.PROCESS_INFO_V1, NvmlLayouts::processV1);
    }

    /** The two-call convention, each version read with its own entry layout. */
    private NvmlResult<List<ProcessInfo>> processes(String symbol, MethodHandle h, NvmlDevice d, StructLayout entry,
                                                    NativeCalls.EntryReader<ProcessInfo> reader) {
        return NvmlResult.of(calls.list(symbol, INSUFFICIENT_SIZE, MAX_PROCESSES, entry,
                (count, infos, capacity) -> (int) h.invokeExact(FfmNvml.address(d), count, infos), reader));
    }

    private <T> NvmlResult<T> struct(String symbol, MethodHandle h, NvmlDevice d, StructLayout layout,
                                     Function<MemorySegment, T> read) {
        return NvmlResult.of(calls.out(symbol, layout, out -> (int) h.invokeExact(FfmNvml.address(d), out), read));
    }

    private NvmlResult<Integer> intOut(String symbol, MethodHandle h, NvmlDevice d) {
        return NvmlResult.of(calls.intOut(symbol, out -> (int) h.invokeExact(FfmNvml.address(d), out)));
    }

    private NvmlResult<String> string(String symbol, MethodHandle h, NvmlDevice d, int size) {
        return NvmlResult.of(calls.string(symbol, size, buf -> (int) h.invokeExact(FfmNvml.address(d), buf, size)));
    }
}
