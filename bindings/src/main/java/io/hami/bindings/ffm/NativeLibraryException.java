package io.hami.bindings.ffm;

/**
 * A native library cannot be used at all: it cannot be opened, or what opened is not the library asked for.
 * The message names the library as it was asked for, e.g. {@code libcndev.so: cannot open shared object file}.
 */
public class NativeLibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String library;

    /** @param library the name or path that was opened; {@code problem} says what is wrong with it */
    protected NativeLibraryException(String library, String problem, Throwable cause) {
        super(library + ": " + problem, cause);
        this.library = library;
    }

    /** The exception for {@code library}. */
    public static NativeLibraryException of(String library, String problem, Throwable cause) {
        return new NativeLibraryException(library, problem, cause);
    }

    /** The library name or path that was opened. */
    public String library() {
        return library;
    }
}
