package io.hami.bindings.nvml;

/**
 * An NVML call that returned a status other than success. The message has one form everywhere:
 * {@code nvmlDeviceGetMemoryInfo_v2 failed: GPU_IS_LOST (15)}, naming the exact C symbol that was called
 * and the raw code (kept even when {@link #status()} is {@link NvmlReturn#UNKNOWN}).
 *
 * <p>Create instances through {@link #of(String, int)}, which picks the typed subclass a caller may want
 * to catch, such as {@link NvmlGpuLostException}.
 */
public class NvmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String symbol;
    private final int code;

    NvmlException(String symbol, int code) {
        super(message(symbol, code));
        this.symbol = symbol;
        this.code = code;
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
        return symbol + " failed: " + NvmlReturn.fromCode(code).name() + " (" + code + ")";
    }

    /** The C function that failed, with its version suffix ({@code nvmlDeviceGetCount_v2}). */
    public String symbol() {
        return symbol;
    }

    /** The status, {@link NvmlReturn#UNKNOWN} for a code this build does not know. */
    public NvmlReturn status() {
        return NvmlReturn.fromCode(code);
    }

    /** The raw status code the call returned. */
    public int code() {
        return code;
    }
}
