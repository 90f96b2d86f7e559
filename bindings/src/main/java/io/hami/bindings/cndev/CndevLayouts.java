package io.hami.bindings.cndev;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The C structs of our {@code hami/cndev.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; CndevLayoutTest proves each against the C probe. Readers copy a struct into a record, reading
 * members by name through {@link Members}.
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

    private CndevLayouts() {
    }

    /** Sets the leading {@code version} of a versioned struct to the one we ask with. */
    static void askWithVersion(StructLayout layout, MemorySegment s) {
        Members.setI32(layout, s, "version", CNDEV_VERSION_6);
    }

    /** Sets the version of every entry of a process array. */
    static void askWithVersion(MemorySegment processes, int count) {
        for (long i = 0; i < count; i++) {
            askWithVersion(PROCESS, Members.entry(PROCESS, processes, i));
        }
    }

    static int cardNumber(MemorySegment s) {
        return Members.i32(CARD_INFO, s, "number");
    }

    static String uuid(MemorySegment s) {
        return Members.string(UUID, s, "uuid");
    }

    static long serial(MemorySegment s) {
        return Members.i64(CARD_SN, s, "sn");
    }

    static CndevMemory memory(MemorySegment s) {
        return new CndevMemory(Members.i64(MEMORY_V2, s, "physicalMemoryTotal"), Members.i64(MEMORY_V2, s, "physicalMemoryUsed"),
                Members.i64(MEMORY_V2, s, "reservedMemory"));
    }

    static int averageUtilization(MemorySegment s) {
        return Members.i32(UTILIZATION, s, "averageCoreUtilization");
    }

    static PciAddress pci(MemorySegment s) {
        return new PciAddress(Members.i32(PCIE_V2, s, "domain"), Members.i32(PCIE_V2, s, "bus"),
                Members.i32(PCIE_V2, s, "device"), Members.i32(PCIE_V2, s, "function"));
    }

    static int nodeId(MemorySegment s) {
        return Members.i32(NUMA_NODE, s, "nodeId");
    }

    static CndevHealth health(MemorySegment s) {
        return new CndevHealth(Members.i32(HEALTH, s, "health"), Members.i32(HEALTH, s, "deviceState"),
                Members.i32(HEALTH, s, "driverState"));
    }

    /** Entry {@code i} of an array of {@code cndevProcessInfo_t}. */
    static CndevProcess process(MemorySegment array, long i) {
        var e = Members.entry(PROCESS, array, i);
        return new CndevProcess(Integer.toUnsignedLong(Members.i32(PROCESS, e, "pid")), Members.i64(PROCESS, e, "physicalMemoryUsed"),
                Members.i64(PROCESS, e, "virtualMemoryUsed"));
    }
}
