package io.hami.bindings.ixml;

import io.hami.bindings.ffm.NativeResult;
import io.hami.bindings.nvml.NvmlDevice;

/**
 * IXML's own calls, beside the NVML-named ones; devices are NVML handles from the same library. Nothing here
 * throws for a status (NVML's codes). Implementations are thread-safe.
 */
public interface IxmlApi {

    /** {@code ixmlDeviceGetHealth}: a bit mask, 0 = healthy (see {@link IxmlHealth}). */
    NativeResult<Long> health(NvmlDevice device);

    /** {@code ixmlDeviceGetBoardPosition}. */
    NativeResult<Integer> boardPosition(NvmlDevice device);

    /** {@code ixmlDeviceGetGPUVoltage}, in millivolts. */
    NativeResult<Integer> voltageMillivolts(NvmlDevice device);

    /** {@code ixmlDeviceGetEccErros} (sic): the single- and double-bit ECC error counts. */
    NativeResult<IxmlEccErrors> eccErrors(NvmlDevice device);

    /**
     * ECC error counts.
     *
     * @param single single-bit errors
     * @param dual   double-bit errors
     */
    record IxmlEccErrors(long single, long dual) {
    }
}
