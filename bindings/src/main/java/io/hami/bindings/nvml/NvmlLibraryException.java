package io.hami.bindings.nvml;

/**
 * The NVML library cannot be used at all: it cannot be opened, or what opened is not NVML. The message
 * names the library as it was asked for, e.g. {@code libnvidia-ml.so.1: cannot open shared object file}.
 */
public final class NvmlLibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String library;

    NvmlLibraryException(String library, String problem, Throwable cause) {
        super(library + ": " + problem, cause);
        this.library = library;
    }

    /** The library name or path that was opened. */
    public String library() {
        return library;
    }
}
