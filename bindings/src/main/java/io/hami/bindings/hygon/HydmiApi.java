package io.hami.bindings.hygon;

import io.hami.bindings.ffm.NativeResult;
import java.util.List;

/**
 * The calls hami-java makes of Hygon's hydmi (vDCUs), one method per C function; devices are int indices.
 * Nothing here throws for a status: a missing symbol, or a missing library, is {@link DmiReturn#FUNCTION_NOT_FOUND}.
 * Implementations are thread-safe.
 */
public interface HydmiApi {

    /** {@code dmiGetDeviceCount}. */
    NativeResult<Integer> deviceCount();

    /** {@code dmiGetDeviceInfo}. */
    NativeResult<DmiDeviceInfo> deviceInfo(int device);

    /** {@code dmiGetMaxVDeviceCount}: vDCUs the node can have. */
    NativeResult<Integer> maxVdcuCount();

    /** {@code dmiGetVDeviceCount}: vDCUs the node has. */
    NativeResult<Integer> vdcuCount();

    /** {@code dmiGetDeviceRemainingInfo}. */
    NativeResult<DmiRemaining> remaining(int device);

    /** {@code dmiCreateVDevices}: one vDCU per entry, each with its compute units and memory (MiB). */
    NativeResult<Void> createVdcus(int device, List<VdcuSize> sizes);

    /** {@code dmiDestroyVDevices}: every vDCU of the device. */
    NativeResult<Void> destroyVdcus(int device);

    /** {@code dmiGetVDeviceInfo}. */
    NativeResult<DmiDeviceInfo> vdcuInfo(int vdcu);

    /**
     * The size of a vDCU to create.
     *
     * @param computeUnits compute units
     * @param memoryMiB    memory, MiB
     */
    record VdcuSize(int computeUnits, int memoryMiB) {
    }
}
