package io.hami.bindings.ffm;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * Members of a C struct read and written by name: the offset comes from the struct's layout, and the member's
 * layout must be of the kind asked for (an {@code int} member read as a {@code long} is an error, not a silent
 * misread). For the many small structs the vendor bindings copy into records once per call; the hot NVML
 * paths keep VarHandles of their own.
 */
public final class Members {

    private Members() {
    }

    private static long offset(StructLayout struct, String member, Class<?> carrier) {
        var layout = struct.select(groupElement(member));
        var actual = layout instanceof ValueLayout v ? v.carrier() : layout instanceof SequenceLayout ? byte[].class : null;
        if (actual != carrier) {
            throw new IllegalArgumentException(struct.name().orElse("struct") + "." + member + " is not a "
                    + carrier.getSimpleName() + " member");
        }
        return struct.byteOffset(groupElement(member));
    }

    /** A 4-byte member ({@code int}, {@code unsigned int}, an enum). */
    public static int i32(StructLayout struct, MemorySegment s, String member) {
        return s.get(JAVA_INT, offset(struct, member, int.class));
    }

    /** An 8-byte member ({@code long} on LP64, {@code unsigned long long}, {@code size_t}). */
    public static long i64(StructLayout struct, MemorySegment s, String member) {
        return s.get(JAVA_LONG, offset(struct, member, long.class));
    }

    /** A 2-byte member, read unsigned. */
    public static int u16(StructLayout struct, MemorySegment s, String member) {
        return Short.toUnsignedInt(s.get(JAVA_SHORT, offset(struct, member, short.class)));
    }

    /** A 1-byte member, read unsigned. */
    public static int u8(StructLayout struct, MemorySegment s, String member) {
        return Byte.toUnsignedInt(s.get(JAVA_BYTE, offset(struct, member, byte.class)));
    }

    /** A {@code float} member. */
    public static float f32(StructLayout struct, MemorySegment s, String member) {
        return s.get(JAVA_FLOAT, offset(struct, member, float.class));
    }

    /** A {@code char[N]} member, as {@link CStrings#read} reads it. */
    public static String string(StructLayout struct, MemorySegment s, String member) {
        long at = offset(struct, member, byte[].class);
        return CStrings.read(s, at, struct.select(groupElement(member)).byteSize());
    }

    public static void setI32(StructLayout struct, MemorySegment s, String member, int value) {
        s.set(JAVA_INT, offset(struct, member, int.class), value);
    }

    public static void setI64(StructLayout struct, MemorySegment s, String member, long value) {
        s.set(JAVA_LONG, offset(struct, member, long.class), value);
    }

    public static void setU8(StructLayout struct, MemorySegment s, String member, int value) {
        s.set(JAVA_BYTE, offset(struct, member, byte.class), (byte) value);
    }

    /** Writes {@code bytes} into a {@code char[N]} member; the caller checks they fit with their NUL. */
    public static void setBytes(StructLayout struct, MemorySegment s, String member, byte[] bytes) {
        MemorySegment.copy(bytes, 0, s, JAVA_BYTE, offset(struct, member, byte[].class), bytes.length);
    }

    /** Entry {@code i} of an array of {@code struct}. */
    public static MemorySegment entry(MemoryLayout struct, MemorySegment array, long i) {
        return array.asSlice(i * struct.byteSize(), struct.byteSize());
    }
}
