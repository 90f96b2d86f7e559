package io.hami.bindings.cndev;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The C structs of our {@code hami/cndev.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; CndevLayoutTest proves each against the C probe. Readers copy a struct into a record.
 */
final class CndevLayouts {

    /** The struct version we ask with. */
    static final int CNDEV_VERSION_6 = 6;
    static final int CNDEV_UUID_SIZE = 37;

    static final StructLayout CARD_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("number")).withName("cndevCardInfo_t");

    static final StructLayout UUID = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            MemoryLayout.sequenceLayout(CNDEV_UUID_SIZE, JAVA_BYTE).withName("uuid"),
            MemoryLayout.paddingLayout(7),
            JAVA_LONG.withName("ncsUUID64")).withName("cndevUUID_t");

    static final StructLayout CARD_SN = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("sn"),
            JAVA_LONG.withName("motherBoardSn")).withName("cndevCardSN_t");

    static final StructLayout MEMORY_V2 = MemoryLayout.structLayout(
            JAVA_LONG.withName("physicalMemoryTotal"),
            JAVA_LONG.withName("physicalMemoryUsed"),
            JAVA_LONG.withName("reservedMemory"),
            JAVA_LONG.withName("virtualMemoryTotal"),
            JAVA_LONG.withName("virtualMemoryUsed"),
            JAVA_LONG.withName("globalMemory"),
            MemoryLayout.sequenceLayout(16, JAVA_LONG).withName("reserved")).withName("cndevMemoryInfoV2_t");

    static final StructLayout UTILIZATION = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("averageCoreUtilization"),
            MemoryLayout.sequenceLayout(80, JAVA_INT).withName("coreUtilization")).withName("cndevUtilizationInfo_t");

    static final StructLayout PCIE_V2 = MemoryLayout.structLayout(
            JAVA_INT.withName("subsystemId"),
            JAVA_INT.withName("deviceId"),
            JAVA_SHORT.withName("vendor"),
            JAVA_SHORT.withName("subsystemVendor"),
            JAVA_INT.withName("domain"),
            JAVA_INT.withName("bus"),
            JAVA_INT.withName("device"),
            JAVA_INT.withName("function"),
            JAVA_SHORT.withName("moduleId"),
            JAVA_SHORT.withName("slotId"),
            MemoryLayout.sequenceLayout(8, JAVA_INT).withName("reserved")).withName("cndevPCIeInfoV2_t");

    static final StructLayout NUMA_NODE = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("nodeId")).withName("cndevNUMANodeId_t");

    static final StructLayout HEALTH = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("health"),
            JAVA_INT.withName("deviceState"),
            JAVA_INT.withName("driverState")).withName("cndevCardHealthState_t");

    static final StructLayout PROCESS = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("pid"),
            JAVA_LONG.withName("physicalMemoryUsed"),
            JAVA_LONG.withName("virtualMemoryUsed")).withName("cndevProcessInfo_t");

    private static final long UUID_TEXT = UUID.byteOffset(groupElement("uuid"));
    private static final VarHandle CARD_NUMBER = field(CARD_INFO, "number");
    private static final VarHandle SN = field(CARD_SN, "sn");
    private static final VarHandle MEMORY_TOTAL = field(MEMORY_V2, "physicalMemoryTotal");
    private static final VarHandle MEMORY_USED = field(MEMORY_V2, "physicalMemoryUsed");
    private static final VarHandle MEMORY_RESERVED = field(MEMORY_V2, "reservedMemory");
    private static final VarHandle AVERAGE_UTILIZATION = field(UTILIZATION, "averageCoreUtilization");
    private static final VarHandle PCI_DOMAIN = field(PCIE_V2, "domain");
    private static final VarHandle PCI_BUS = field(PCIE_V2, "bus");
    private static final VarHandle PCI_DEVICE = field(PCIE_V2, "device");
    private static final VarHandle PCI_FUNCTION = field(PCIE_V2, "function");
    private static final VarHandle NODE_ID = field(NUMA_NODE, "nodeId");
    private static final VarHandle HEALTH_FLAG = field(HEALTH, "health");
    private static final VarHandle DEVICE_STATE = field(HEALTH, "deviceState");
    private static final VarHandle DRIVER_STATE = field(HEALTH, "driverState");
    private static final VarHandle PROCESS_VERSION = field(PROCESS, "version");
    private static final VarHandle PROCESS_PID = field(PROCESS, "pid");
    private static final VarHandle PROCESS_PHYSICAL = field(PROCESS, "physicalMemoryUsed");
    private static final VarHandle PROCESS_VIRTUAL = field(PROCESS, "virtualMemoryUsed");

    private CndevLayouts() {
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    /** Sets the leading {@code version} of a versioned struct to the one we ask with. */
    static void askWithVersion(StructLayout layout, MemorySegment s) {
        field(layout, "version").set(s, 0L, CNDEV_VERSION_6);
    }

    /** Sets the version of every entry of a process array. */
    static void askWithVersion(MemorySegment processes, int count) {
        for (long i = 0; i < count; i++) {
            PROCESS_VERSION.set(processes, i * PROCESS.byteSize(), CNDEV_VERSION_6);
        }
    }

    static int cardNumber(MemorySegment s) {
        return (int) CARD_NUMBER.get(s, 0L);
    }

    static String uuid(MemorySegment s) {
        return CStrings.read(s, UUID_TEXT, CNDEV_UUID_SIZE);
    }

    static long serial(MemorySegment s) {
        return (long) SN.get(s, 0L);
    }

    static CndevMemory memory(MemorySegment s) {
        return new CndevMemory((long) MEMORY_TOTAL.get(s, 0L), (long) MEMORY_USED.get(s, 0L), (long) MEMORY_RESERVED.get(s, 0L));
    }

    static int averageUtilization(MemorySegment s) {
        return (int) AVERAGE_UTILIZATION.get(s, 0L);
    }

    static PciAddress pci(MemorySegment s) {
        return new PciAddress((int) PCI_DOMAIN.get(s, 0L), (int) PCI_BUS.get(s, 0L), (int) PCI_DEVICE.get(s, 0L),
                (int) PCI_FUNCTION.get(s, 0L));
    }

    static int nodeId(MemorySegment s) {
        return (int) NODE_ID.get(s, 0L);
    }

    static CndevHealth health(MemorySegment s) {
        return new CndevHealth((int) HEALTH_FLAG.get(s, 0L), (int) DEVICE_STATE.get(s, 0L), (int) DRIVER_STATE.get(s, 0L));
    }

    /** Entry {@code i} of an array of {@code cndevProcessInfo_t}. */
    static CndevProcess process(MemorySegment array, long i) {
        long at = i * PROCESS.byteSize();
        return new CndevProcess(Integer.toUnsignedLong((int) PROCESS_PID.get(array, at)),
                (long) PROCESS_PHYSICAL.get(array, at), (long) PROCESS_VIRTUAL.get(array, at));
    }
}
