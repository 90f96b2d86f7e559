package io.hami.bindings.mxsml;

import io.hami.bindings.ffm.NativeResult;
import java.util.List;

/**
 * The MXSML calls hami-java makes, one method per C function; devices are indices. Nothing here throws for a
 * status: a missing symbol is {@link MxsmlReturn#FUNCTION_NOT_FOUND}. Implementations are thread-safe.
 */
public interface MxsmlApi {

    /** {@code mxSmlInit}. MXSML has no shutdown. */
    NativeResult<Void> init();

    /** {@code mxSmlGetDeviceCount}, in whichever of its two forms the library has. */
    NativeResult<Integer> deviceCount();

    /** {@code mxSmlGetDeviceInfo}. */
    NativeResult<MxsmlDeviceInfo> deviceInfo(int device);

    /** {@code mxSmlGetMemoryInfo}, KB. */
    NativeResult<MxsmlMemory> memory(int device);

    /** {@code mxSmlGetDeviceIpUsage} of the compute IP: XCORE, or DLA on N-class parts; percent. */
    NativeResult<Integer> computeUsage(int device, boolean nClass);

    /** {@code mxSmlGetBoardPowerInfo}, by the two-call convention: each board way's power, mW. */
    NativeResult<List<Integer>> boardPowerMilliwatts(int device);

    /** {@code mxSmlGetDeviceUnavailableReason}: empty text when available, else {@code <code>: <reason>}. */
    NativeResult<String> unavailableReason(int device);
}
