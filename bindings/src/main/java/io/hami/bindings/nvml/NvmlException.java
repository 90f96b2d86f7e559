package io.hami.bindings.nvml;

import io.hami.bindings.ffm.NativeCallException;

/**
 * An NVML call that returned a status other than success. The message has one form everywhere:
 * {@code nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)}, naming the exact C symbol that was called
 * and the raw code (kept even when {@link #status()} is {@link NvmlReturn#UNKNOWN}).
 *
 * <p>Create instances through {@link #of(String, int)}, which picks the typed subclass a caller may want
 * to catch, such as {@link NvmlGpuLostException}.
 */
public class NvmlException extends NativeCallException {
    private static final long serialVersionUID = 1L;

    NvmlException(String symbol, int code) {
        super(message(symbol, code), symbol, code, NvmlReturn.fromCode(code), code == NvmlReturn.FUNCTION_NOT_FOUND.code(),
                code == NvmlReturn.GPU_IS_LOST.code());
    }

    /** The exception for a failed call of {@code symbol}, of the subclass that its status calls for. */
    public static NvmlException of(String symbol, int code) {
        return switch (NvmlReturn.fromCode(code)) {
            case GPU_IS_LOST -> new NvmlGpuLostException(symbol, code);
            default -> new NvmlException(symbol, code);
        };
    }

    /** {@code <symbol> failed: <STATUS> (<code>)}. */
    public static String message(String symbol, int code) {
        return NvmlReturn.STATUSES.message(symbol, code);
    }

    /** The status, {@link NvmlReturn#UNKNOWN} for a code this build does not know. */
    @Override
    public NvmlReturn status() {
        return NvmlReturn.fromCode(code());
    }
}
