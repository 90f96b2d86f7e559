package io.hami.bindings.ffm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/** C strings out of native memory, never read past what the library was given. */
public final class CStrings {

    private CStrings() {
    }

    /**
     * A C string from a fixed-size buffer: up to the first NUL, or the whole buffer when C filled it without
     * one. Bytes that are not UTF-8 become U+FFFD rather than an exception.
     */
    public static String read(MemorySegment buffer) {
        long n = 0;
        long size = buffer.byteSize();
        while (n < size && buffer.get(JAVA_BYTE, n) != 0) {
            n++;
        }
        return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** The {@code length}-byte member at {@code offset} of {@code struct}, as {@link #read} reads it. */
    public static String read(MemorySegment struct, long offset, long length) {
        return read(struct.asSlice(offset, length));
    }

    /**
     * A C string a library returned as {@code const char *} (static storage it owns), read up to
     * {@code maxLength} bytes; empty for {@code NULL}.
     */
    public static String fromPointer(MemorySegment pointer, int maxLength) {
        if (pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        return read(pointer.reinterpret(maxLength));
    }
}
