package io.hami.bindings.hygon;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The C structs of our {@code hami/hygon_smi.h} as FFM layouts (gcc, LP64), named after their typedefs with
 * members named as in C; HygonLayoutTest proves each against the C probe. Readers copy a struct into a record.
 */
final class HygonLayouts {

    static final int RSMI_MEM_TYPE_VRAM = 0;

    static final StructLayout PROCESS_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("process_id"),
            JAVA_INT.withName("pasid"),
            JAVA_LONG.withName("vram_usage"),
            JAVA_LONG.withName("sdma_usage"),
            JAVA_INT.withName("cu_occupancy"),
            MemoryLayout.paddingLayout(4)).withName("rsmi_process_info_t");

    static final StructLayout DMI_DEVICE_INFO = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(256, JAVA_BYTE).withName("name"),
            JAVA_INT.withName("compute_unit_count"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("global_mem_size"),
            JAVA_LONG.withName("usage_mem_size"),
            JAVA_LONG.withName("container_id"),
            JAVA_INT.withName("device_id"),
            MemoryLayout.paddingLayout(4)).withName("dmiDeviceInfo");

    private HygonLayouts() {
    }

    /** rocm_smi's packed id: domain in bits 63..32, bus 15..8, device 7..3, function 2..0. */
    static PciAddress pci(long bdfid) {
        return new PciAddress((int) (bdfid >>> 32), (int) (bdfid >>> 8) & 0xFF, (int) (bdfid >>> 3) & 0x1F, (int) bdfid & 0x7);
    }

    /** Entry {@code i} of an array of {@code rsmi_process_info_t}. */
    static RsmiProcess process(MemorySegment array, long i) {
        var e = Members.entry(PROCESS_INFO, array, i);
        return new RsmiProcess(Integer.toUnsignedLong(Members.i32(PROCESS_INFO, e, "process_id")),
                Integer.toUnsignedLong(Members.i32(PROCESS_INFO, e, "pasid")), Members.i64(PROCESS_INFO, e, "vram_usage"),
                Members.i64(PROCESS_INFO, e, "sdma_usage"), Members.i32(PROCESS_INFO, e, "cu_occupancy"));
    }

    static DmiDeviceInfo deviceInfo(MemorySegment s) {
        return new DmiDeviceInfo(Members.string(DMI_DEVICE_INFO, s, "name"), Members.i32(DMI_DEVICE_INFO, s, "compute_unit_count"),
                Members.i64(DMI_DEVICE_INFO, s, "global_mem_size"), Members.i64(DMI_DEVICE_INFO, s, "usage_mem_size"),
                Members.i64(DMI_DEVICE_INFO, s, "container_id"), Members.i32(DMI_DEVICE_INFO, s, "device_id"));
    }
}
