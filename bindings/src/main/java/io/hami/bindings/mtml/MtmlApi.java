package io.hami.bindings.mtml;

import io.hami.bindings.ffm.NativeResult;

/**
 * The MTML calls hami-java makes. MTML's objects stay inside the implementation: the library object lives from
 * {@link #init()} to {@link #shutDown()}, device objects until then, and the memory and GPU sub-objects for one
 * call each ({@code Init}, query, {@code Free}). Nothing here throws for a status: a missing symbol is
 * {@link MtmlReturn#FUNCTION_NOT_FOUND}. Implementations are thread-safe.
 */
public interface MtmlApi {

    /** {@code mtmlLibraryInit}; the library object is kept for the calls that need it. */
    NativeResult<Void> init();

    /** Frees every device object ({@code mtmlLibraryFreeDevice}), then {@code mtmlLibraryShutDown}. */
    NativeResult<Void> shutDown();

    /** {@code mtmlLibraryCountDevice}. */
    NativeResult<Integer> deviceCount();

    /** {@code mtmlLibraryInitDeviceByIndex}, once per index until {@link #shutDown()}. */
    NativeResult<MtmlDevice> device(int index);

    /** {@code mtmlDeviceGetUUID}. */
    NativeResult<String> uuid(MtmlDevice device);

    /** {@code mtmlDeviceGetName}. */
    NativeResult<String> name(MtmlDevice device);

    /** {@code mtmlDeviceGetSerialNumber}, whose length comes before its buffer. */
    NativeResult<String> serial(MtmlDevice device);

    /** {@code mtmlDeviceGetPciInfo}. */
    NativeResult<MtmlPci> pci(MtmlDevice device);

    /** {@code mtmlDeviceGetProperty}: the bit-field word (virtualization bit 0, MPC bit 4, MtLink bit 8). */
    NativeResult<Integer> propertyBits(MtmlDevice device);

    /** {@code mtmlDeviceGetPowerUsage}, mW. */
    NativeResult<Integer> powerMilliwatts(MtmlDevice device);

    /** {@code mtmlDeviceInitMemory}, {@code mtmlMemoryGetTotal}, {@code mtmlMemoryGetUsed}, {@code mtmlDeviceFreeMemory}: bytes. */
    NativeResult<MtmlMemory> memory(MtmlDevice device);

    /** {@code mtmlDeviceInitGpu}, {@code mtmlGpuGetUtilization}, {@code mtmlDeviceFreeGpu}: percent. */
    NativeResult<Integer> gpuUtilization(MtmlDevice device);

    /**
     * A device's memory.
     *
     * @param totalBytes installed
     * @param usedBytes  in use
     */
    record MtmlMemory(long totalBytes, long usedBytes) {
    }
}
