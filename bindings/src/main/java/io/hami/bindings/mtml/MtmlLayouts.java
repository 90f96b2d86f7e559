package io.hami.bindings.mtml;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The C structs of our {@code hami/mtml.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; MtmlLayoutTest proves each against the C probe. Readers copy a struct into a record.
 */
final class MtmlLayouts {

    static final int MTML_DEVICE_UUID_BUFFER_SIZE = 48;
    static final int MTML_DEVICE_NAME_BUFFER_SIZE = 32;
    static final int MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE = 64;
    /** {@code MtmlDeviceProperty} bit of MPC (multi-process compute) capability. */
    static final int MTML_PROPERTY_MPC_CAP = 0x10;

    static final StructLayout PCI_INFO = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("sbdf"),
            JAVA_INT.withName("segment"),
            JAVA_INT.withName("bus"),
            JAVA_INT.withName("device"),
            JAVA_INT.withName("pciDeviceId"),
            JAVA_INT.withName("pciSubsystemId"),
            JAVA_INT.withName("busWidth"),
            JAVA_FLOAT.withName("pciMaxSpeed"),
            JAVA_FLOAT.withName("pciCurSpeed"),
            JAVA_INT.withName("pciMaxWidth"),
            JAVA_INT.withName("pciCurWidth"),
            JAVA_INT.withName("pciMaxGen"),
            JAVA_INT.withName("pciCurGen"),
            MemoryLayout.sequenceLayout(6, JAVA_INT).withName("rsvd")).withName("MtmlPciInfo");

    /** Bit-fields in MTML's header; one word here, read and masked. */
    static final StructLayout DEVICE_PROPERTY = MemoryLayout.structLayout(
            JAVA_INT.withName("bits"),
            JAVA_INT.withName("rsvd")).withName("MtmlDeviceProperty");

    private MtmlLayouts() {
    }

    static MtmlPci pci(MemorySegment s) {
        return new MtmlPci(Members.string(PCI_INFO, s, "sbdf"), Members.i32(PCI_INFO, s, "pciDeviceId"),
                Members.f32(PCI_INFO, s, "pciCurSpeed"), Members.i32(PCI_INFO, s, "pciCurWidth"), Members.i32(PCI_INFO, s, "pciCurGen"));
    }

    static int propertyBits(MemorySegment s) {
        return Members.i32(DEVICE_PROPERTY, s, "bits");
    }
}
