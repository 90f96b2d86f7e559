package io.hami.bindings.nvml;

/**
 * A call failed with {@link NvmlReturn#GPU_IS_LOST}: the GPU fell off the bus or stopped answering, and
 * every later call on it will fail the same way. Callers mark the device unhealthy and go on with the
 * others.
 */
public final class NvmlGpuLostException extends NvmlException {
    private static final long serialVersionUID = 1L;

    NvmlGpuLostException(String symbol, int code) {
        super(symbol, code);
    }
}
