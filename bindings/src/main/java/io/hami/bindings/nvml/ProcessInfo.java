package io.hami.bindings.nvml;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One entry of a device's compute-process list. The plain {@code nvmlDeviceGetComputeRunningProcesses}
 * (16-byte entries) reports no instance ids; {@code _v2}/{@code _v3} (24-byte entries) do, with
 * 0xFFFFFFFF, here empty, for a process outside MIG.
 *
 * @param pid the process id, in the host's pid namespace
 * @param usedGpuMemory bytes the process holds; empty when the driver cannot tell ({@code NVML_VALUE_NOT_AVAILABLE})
 * @param gpuInstanceId the MIG GPU instance the process runs in
 * @param computeInstanceId the MIG compute instance the process runs in
 */
public record ProcessInfo(long pid, OptionalLong usedGpuMemory, OptionalInt gpuInstanceId, OptionalInt computeInstanceId) {

    /** The value NVML writes for "not available" in 64-bit fields: all bits set. */
    static final long VALUE_NOT_AVAILABLE = -1L;
    /** The value NVML writes for "no MIG instance" in 32-bit id fields. */
    static final int NO_INSTANCE = -1;

    /** An entry from the C values, with the "not available" sentinels turned into empty optionals. */
    static ProcessInfo of(int pid, long usedGpuMemory, int gpuInstanceId, int computeInstanceId) {
        return new ProcessInfo(Integer.toUnsignedLong(pid),
                usedGpuMemory == VALUE_NOT_AVAILABLE ? OptionalLong.empty() : OptionalLong.of(usedGpuMemory),
                gpuInstanceId == NO_INSTANCE ? OptionalInt.empty() : OptionalInt.of(gpuInstanceId),
                computeInstanceId == NO_INSTANCE ? OptionalInt.empty() : OptionalInt.of(computeInstanceId));
    }
}
