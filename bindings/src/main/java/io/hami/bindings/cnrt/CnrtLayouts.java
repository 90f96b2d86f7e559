package io.hami.bindings.cnrt;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The C struct of our {@code hami/cnrt.h} as an FFM layout (gcc, LP64), named after its typedef with members named
 * as in C; CnrtLayoutTest proves it against the C probe. The 32 {@code int}s between {@code pciDomainID} and
 * {@code availableGlobalMemorySize} that we never read are one padding.
 */
final class CnrtLayouts {

    static final int CNRT_DEVICE_NAME_SIZE = 256;
    static final int CNRT_UUID_SIZE = 16;

    /** CNRT 6.14's {@code cnrtDeviceProp_t} (struct cnrtDeviceProp_V3). */
    static final StructLayout DEVICE_PROP = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(CNRT_DEVICE_NAME_SIZE, JAVA_BYTE).withName("name"),
            JAVA_INT.withName("totalMem"),
            MemoryLayout.sequenceLayout(3, JAVA_INT).withName("maxDim"),
            JAVA_INT.withName("ipuClockRate"),
            JAVA_INT.withName("memClockRate"),
            JAVA_INT.withName("totalConstMem"),
            JAVA_INT.withName("major"),
            JAVA_INT.withName("minor"),
            JAVA_INT.withName("ECCEnabled"),
            JAVA_INT.withName("pciBusID"),
            JAVA_INT.withName("pciDeviceID"),
            JAVA_INT.withName("pciDomainID"),
            MemoryLayout.paddingLayout(32 * JAVA_INT.byteSize()),
            JAVA_INT.withName("availableGlobalMemorySize"),
            MemoryLayout.sequenceLayout(CNRT_UUID_SIZE, JAVA_BYTE).withName("uuid"),
            JAVA_LONG.withName("totalGlobalMemSize"),
            MemoryLayout.sequenceLayout(30, JAVA_INT).withName("reserved")).withName("cnrtDeviceProp_t");

    /** The room for {@code cnrtDeviceGetPCIBusId}'s text. */
    static final int PCI_BUS_ID_SIZE = 64;
    /** The most of {@code cnrtGetErrorStr}'s text that is read. */
    static final int ERROR_STRING_SIZE = 256;

    private CnrtLayouts() {
    }

    /** The device's name, the one member every version of the struct begins with. */
    static String name(MemorySegment s) {
        return Members.string(DEVICE_PROP, s, "name");
    }

    static CnrtDeviceProperties properties(MemorySegment s) {
        return new CnrtDeviceProperties(name(s), uuid(s), Integer.toUnsignedLong(Members.i32(DEVICE_PROP, s, "totalMem")),
                Members.i64(DEVICE_PROP, s, "totalGlobalMemSize"));
    }

    /** The 16 UUID bytes as {@code 8-4-4-4-12} lower-case hex; empty when the library left them all zero. */
    static Optional<String> uuid(MemorySegment s) {
        var at = DEVICE_PROP.byteOffset(MemoryLayout.PathElement.groupElement("uuid"));
        var bytes = s.asSlice(at, CNRT_UUID_SIZE).toArray(JAVA_BYTE);
        boolean zero = true;
        for (byte b : bytes) {
            zero &= b == 0;
        }
        if (zero) {
            return Optional.empty();
        }
        var hex = HexFormat.of().formatHex(bytes);
        return Optional.of(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }
}
