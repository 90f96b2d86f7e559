package io.hami.bindings.ffm;

/**
 * One status code of a native library, implemented by each library's status enum. {@link #name()} is what
 * messages print ({@code GPU_IS_LOST}); {@link #code()} is the C value.
 */
public interface NativeStatus {

    /** The C value. */
    int code();

    /** The name messages print, without the library's prefix. */
    String name();
}
