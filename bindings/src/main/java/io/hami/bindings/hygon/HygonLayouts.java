package io.hami.bindings.hygon;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

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

    private static final VarHandle PID = field(PROCESS_INFO, "process_id");
    private static final VarHandle PASID = field(PROCESS_INFO, "pasid");
    private static final VarHandle VRAM = field(PROCESS_INFO, "vram_usage");
    private static final VarHandle SDMA = field(PROCESS_INFO, "sdma_usage");
    private static final VarHandle CU_OCCUPANCY = field(PROCESS_INFO, "cu_occupancy");
    private static final long NAME = DMI_DEVICE_INFO.byteOffset(groupElement("name"));
    private static final VarHandle CUS = field(DMI_DEVICE_INFO, "compute_unit_count");
    private static final VarHandle GLOBAL_MEM = field(DMI_DEVICE_INFO, "global_mem_size");
    private static final VarHandle USAGE_MEM = field(DMI_DEVICE_INFO, "usage_mem_size");
    private static final VarHandle CONTAINER = field(DMI_DEVICE_INFO, "container_id");
    private static final VarHandle DEVICE_ID = field(DMI_DEVICE_INFO, "device_id");

    private HygonLayouts() {
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    /** rocm_smi's packed id: domain in bits 63..32, bus 15..8, device 7..3, function 2..0. */
    static PciAddress pci(long bdfid) {
        return new PciAddress((int) (bdfid >>> 32), (int) (bdfid >>> 8) & 0xFF, (int) (bdfid >>> 3) & 0x1F, (int) bdfid & 0x7);
    }

    /** Entry {@code i} of an array of {@code rsmi_process_info_t}. */
    static RsmiProcess process(MemorySegment array, long i) {
        long at = i * PROCESS_INFO.byteSize();
        return new RsmiProcess(Integer.toUnsignedLong((int) PID.get(array, at)), Integer.toUnsignedLong((int) PASID.get(array, at)),
                (long) VRAM.get(array, at), (long) SDMA.get(array, at), (int) CU_OCCUPANCY.get(array, at));
    }

    static DmiDeviceInfo deviceInfo(MemorySegment s) {
        return new DmiDeviceInfo(CStrings.read(s, NAME, 256), (int) CUS.get(s, 0L), (long) GLOBAL_MEM.get(s, 0L),
                (long) USAGE_MEM.get(s, 0L), (long) CONTAINER.get(s, 0L), (int) DEVICE_ID.get(s, 0L));
    }
}
