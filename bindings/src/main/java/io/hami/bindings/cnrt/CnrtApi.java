package io.hami.bindings.cnrt;

import io.hami.bindings.ffm.NativeResult;

/**
 * The CNRT calls hami-java makes, one method per C function, returning the call's status and its result copied
 * into records. Nothing here throws for a status: a missing symbol is {@link CnrtReturn#FUNCTION_NOT_FOUND}.
 * Devices are CNRT's ordinals. CNRT keeps a current device per thread: {@link #setDevice} changes the calling
 * thread's, and {@link #memoryInfo} reads it. Implementations are thread-safe.
 */
public interface CnrtApi {

    /** {@code cnrtDriverGetVersion} as {@code major.minor.patch}; needs the driver, no device context. */
    NativeResult<String> driverVersion();

    /** {@code cnrtGetLibVersion} as {@code major.minor.patch}. */
    NativeResult<String> libVersion();

    /** {@code cnrtGetDeviceCount}. */
    NativeResult<Integer> deviceCount();

    /** {@code cnrtGetDeviceProperties_V3}: the properties of CNRT 6.14's struct. */
    NativeResult<CnrtDeviceProperties> properties(int device);

    /**
     * The name from the unversioned {@code cnrtGetDeviceProperties}, of libraries older than the {@code _V3} call;
     * the only member every version of its struct is known to begin with.
     */
    NativeResult<String> name(int device);

    /** {@code cnrtDeviceGetPCIBusId}: the PCI address as CNRT prints it ({@code domain:bus:device.function}, hex). */
    NativeResult<String> pciBusId(int device);

    /** {@code cnrtGetDevice}: the calling thread's current device. */
    NativeResult<Integer> currentDevice();

    /** {@code cnrtSetDevice}: makes {@code device} the calling thread's current device. */
    NativeResult<Void> setDevice(int device);

    /** {@code cnrtMemGetInfo}: the memory of the calling thread's current device. */
    NativeResult<CnrtMemory> memoryInfo();

    /** {@code cnrtGetErrorStr}: CNRT's description of a status; NOT_FOUND when the library answers NULL. */
    NativeResult<String> errorString(int code);
}
