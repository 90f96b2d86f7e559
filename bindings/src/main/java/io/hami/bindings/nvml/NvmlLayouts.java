package io.hami.bindings.nvml;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.OptionalLong;

/**
 * The C structs of our {@code hami/nvml.h} as FFM layouts (gcc, LP64), each named after its typedef, with
 * members named as in C and explicit padding; NvmlLayoutTest proves every one against the C probe. The
 * readers copy a struct into a record; offsets come from the layouts, never from literals.
 */
final class NvmlLayouts {

    static final int NVML_DEVICE_UUID_V2_BUFFER_SIZE = 96;
    static final int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;
    static final int NVML_DEVICE_SERIAL_BUFFER_SIZE = 30;
    static final int NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE = 80;
    static final int NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE = 80;
    static final int NVML_TEMPERATURE_GPU = 0;

    static final StructLayout MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("total"),
            JAVA_LONG.withName("free"),
            JAVA_LONG.withName("used")).withName("nvmlMemory_t");

    static final StructLayout MEMORY_V2 = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("total"),
            JAVA_LONG.withName("reserved"),
            JAVA_LONG.withName("free"),
            JAVA_LONG.withName("used")).withName("nvmlMemory_v2_t");

    /** {@code NVML_STRUCT_VERSION(Memory, 2)}: the struct's size with the version in the top byte. */
    static final int nvmlMemory_v2 = (int) MEMORY_V2.byteSize() | 2 << 24;

    static final StructLayout BAR1_MEMORY = MemoryLayout.structLayout(
            JAVA_LONG.withName("bar1Total"),
            JAVA_LONG.withName("bar1Free"),
            JAVA_LONG.withName("bar1Used")).withName("nvmlBAR1Memory_t");

    static final StructLayout UTILIZATION = MemoryLayout.structLayout(
            JAVA_INT.withName("gpu"),
            JAVA_INT.withName("memory")).withName("nvmlUtilization_t");

    static final StructLayout PCI_INFO = MemoryLayout.structLayout(
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("busIdLegacy"),
            JAVA_INT.withName("domain"),
            JAVA_INT.withName("bus"),
            JAVA_INT.withName("device"),
            JAVA_INT.withName("pciDeviceId"),
            JAVA_INT.withName("pciSubSystemId"),
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("busId")).withName("nvmlPciInfo_t");

    /** Entry of the plain process list: 16 bytes, no instance ids. */
    static final StructLayout PROCESS_INFO_V1 = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("usedGpuMemory")).withName("nvmlProcessInfo_v1_t");

    /** Entry of the _v2 and _v3 process lists: 24 bytes. */
    static final StructLayout PROCESS_INFO_V2 = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("usedGpuMemory"),
            JAVA_INT.withName("gpuInstanceId"),
            JAVA_INT.withName("computeInstanceId")).withName("nvmlProcessInfo_v2_t");

    static final StructLayout EVENT_DATA = MemoryLayout.structLayout(
            ADDRESS.withName("device"),
            JAVA_LONG.withName("eventType"),
            JAVA_LONG.withName("eventData"),
            JAVA_INT.withName("gpuInstanceId"),
            JAVA_INT.withName("computeInstanceId")).withName("nvmlEventData_t");

    private static final VarHandle MEMORY_TOTAL = field(MEMORY, "total");
    private static final VarHandle MEMORY_FREE = field(MEMORY, "free");
    private static final VarHandle MEMORY_USED = field(MEMORY, "used");
    static final VarHandle MEMORY_V2_VERSION = field(MEMORY_V2, "version");
    private static final VarHandle MEMORY_V2_TOTAL = field(MEMORY_V2, "total");
    private static final VarHandle MEMORY_V2_RESERVED = field(MEMORY_V2, "reserved");
    private static final VarHandle MEMORY_V2_FREE = field(MEMORY_V2, "free");
    private static final VarHandle MEMORY_V2_USED = field(MEMORY_V2, "used");
    private static final VarHandle BAR1_TOTAL = field(BAR1_MEMORY, "bar1Total");
    private static final VarHandle BAR1_FREE = field(BAR1_MEMORY, "bar1Free");
    private static final VarHandle BAR1_USED = field(BAR1_MEMORY, "bar1Used");
    private static final VarHandle UTILIZATION_GPU = field(UTILIZATION, "gpu");
    private static final VarHandle UTILIZATION_MEMORY = field(UTILIZATION, "memory");
    private static final VarHandle PCI_DOMAIN = field(PCI_INFO, "domain");
    private static final VarHandle PCI_BUS = field(PCI_INFO, "bus");
    private static final VarHandle PCI_DEVICE = field(PCI_INFO, "device");
    private static final VarHandle PCI_DEVICE_ID = field(PCI_INFO, "pciDeviceId");
    private static final VarHandle PCI_SUBSYSTEM_ID = field(PCI_INFO, "pciSubSystemId");
    private static final long PCI_BUS_ID_LEGACY = PCI_INFO.byteOffset(groupElement("busIdLegacy"));
    private static final long PCI_BUS_ID = PCI_INFO.byteOffset(groupElement("busId"));
    private static final VarHandle PROCESS_V1_PID = field(PROCESS_INFO_V1, "pid");
    private static final VarHandle PROCESS_V1_USED = field(PROCESS_INFO_V1, "usedGpuMemory");
    private static final VarHandle PROCESS_V2_PID = field(PROCESS_INFO_V2, "pid");
    private static final VarHandle PROCESS_V2_USED = field(PROCESS_INFO_V2, "usedGpuMemory");
    private static final VarHandle PROCESS_V2_GI = field(PROCESS_INFO_V2, "gpuInstanceId");
    private static final VarHandle PROCESS_V2_CI = field(PROCESS_INFO_V2, "computeInstanceId");
    private static final VarHandle EVENT_DEVICE = field(EVENT_DATA, "device");
    private static final VarHandle EVENT_TYPE = field(EVENT_DATA, "eventType");
    private static final VarHandle EVENT_DATA_VALUE = field(EVENT_DATA, "eventData");
    private static final VarHandle EVENT_GI = field(EVENT_DATA, "gpuInstanceId");
    private static final VarHandle EVENT_CI = field(EVENT_DATA, "computeInstanceId");

    private NvmlLayouts() {
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    static MemoryInfo memory(MemorySegment s) {
        return new MemoryInfo((long) MEMORY_TOTAL.get(s, 0L), (long) MEMORY_FREE.get(s, 0L),
                (long) MEMORY_USED.get(s, 0L), OptionalLong.empty());
    }

    /** {@code used} of an {@code nvmlMemory_t}, saturated at {@link Long#MAX_VALUE} (the C field is unsigned). */
    static long memoryUsed(MemorySegment s) {
        long used = (long) MEMORY_USED.get(s, 0L);
        return used < 0 ? Long.MAX_VALUE : used;
    }

    /** {@code used} of an {@code nvmlMemory_v2_t}, saturated as {@link #memoryUsed}. */
    static long memoryUsedV2(MemorySegment s) {
        long used = (long) MEMORY_V2_USED.get(s, 0L);
        return used < 0 ? Long.MAX_VALUE : used;
    }

    static MemoryInfo memoryV2(MemorySegment s) {
        return new MemoryInfo((long) MEMORY_V2_TOTAL.get(s, 0L), (long) MEMORY_V2_FREE.get(s, 0L),
                (long) MEMORY_V2_USED.get(s, 0L), OptionalLong.of((long) MEMORY_V2_RESERVED.get(s, 0L)));
    }

    static Bar1Memory bar1(MemorySegment s) {
        return new Bar1Memory((long) BAR1_TOTAL.get(s, 0L), (long) BAR1_FREE.get(s, 0L), (long) BAR1_USED.get(s, 0L));
    }

    static Utilization utilization(MemorySegment s) {
        return new Utilization((int) UTILIZATION_GPU.get(s, 0L), (int) UTILIZATION_MEMORY.get(s, 0L));
    }

    static PciInfo pci(MemorySegment s) {
        return new PciInfo(CStrings.read(s, PCI_BUS_ID, 32), CStrings.read(s, PCI_BUS_ID_LEGACY, 16),
                (int) PCI_DOMAIN.get(s, 0L), (int) PCI_BUS.get(s, 0L), (int) PCI_DEVICE.get(s, 0L),
                (int) PCI_DEVICE_ID.get(s, 0L), (int) PCI_SUBSYSTEM_ID.get(s, 0L));
    }

    /** Entry {@code i} of an array of {@code nvmlProcessInfo_v1_t}. */
    static ProcessInfo processV1(MemorySegment array, long i) {
        long at = i * PROCESS_INFO_V1.byteSize();
        return ProcessInfo.of((int) PROCESS_V1_PID.get(array, at), (long) PROCESS_V1_USED.get(array, at),
                ProcessInfo.NO_INSTANCE, ProcessInfo.NO_INSTANCE);
    }

    /** Entry {@code i} of an array of {@code nvmlProcessInfo_v2_t}. */
    static ProcessInfo processV2(MemorySegment array, long i) {
        long at = i * PROCESS_INFO_V2.byteSize();
        return ProcessInfo.of((int) PROCESS_V2_PID.get(array, at), (long) PROCESS_V2_USED.get(array, at),
                (int) PROCESS_V2_GI.get(array, at), (int) PROCESS_V2_CI.get(array, at));
    }

    static NvmlEvent event(MemorySegment s) {
        return NvmlEvent.of(((MemorySegment) EVENT_DEVICE.get(s, 0L)).address(), (long) EVENT_TYPE.get(s, 0L),
                (long) EVENT_DATA_VALUE.get(s, 0L), (int) EVENT_GI.get(s, 0L), (int) EVENT_CI.get(s, 0L));
    }

}
