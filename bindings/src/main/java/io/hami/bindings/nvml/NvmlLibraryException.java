package io.hami.bindings.nvml;

import io.hami.bindings.ffm.NativeLibraryException;

/**
 * The NVML library cannot be used at all: it cannot be opened, or what opened is not NVML. The message
 * names the library as it was asked for, e.g. {@code libnvidia-ml.so.1: cannot open shared object file}.
 */
public final class NvmlLibraryException extends NativeLibraryException {
    private static final long serialVersionUID = 1L;

    NvmlLibraryException(String library, String problem, Throwable cause) {
        super(library, problem, cause);
    }
}
