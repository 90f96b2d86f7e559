package io.hami.bindings.cndev;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;

import io.hami.bindings.discovery.PciAddress;
import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The C structs of our {@code hami/cndev.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; CndevLayoutTest proves each against the C probe. Readers copy a struct into a record, reading
 * members by name through {@link Members}.
 */
final class CndevLayouts {

    /** The struct version we ask with. */
    static final int CNDEV_VERSION_6 = 6;
    static final int CNDEV_UUID_SIZE = 37;
    static final int CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE = 100;
    static final int CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE = 100;
    static final int CNDEV_SMLU_MAX_PROFILES = 128;
    static final int CNDEV_FEATURE_ENABLED = 1;
    /** The index of the limit in the sMLU structs' two-entry arrays ({@code CNDEV_SMLU_MAX}). */
    private static final long SMLU_MAX = 0;

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

    static final StructLayout SMLU_MODE = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("smluMode")).withName("cndevSMLUMode_t");

    static final StructLayout SMLU_SET = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("mluQuota"),
            JAVA_LONG.withName("memorySize")).withName("cndevSMluSet_t");

    static final StructLayout SMLU_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("profileId"),
            JAVA_INT.withName("instanceId"),
            MemoryLayout.sequenceLayout(CNDEV_UUID_SIZE, JAVA_BYTE).withName("uuid"),
            MemoryLayout.paddingLayout(3),
            JAVA_INT.withName("domain"),
            JAVA_INT.withName("bus"),
            JAVA_INT.withName("device"),
            JAVA_INT.withName("function"),
            MemoryLayout.sequenceLayout(CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE, JAVA_BYTE).withName("profileName"),
            MemoryLayout.sequenceLayout(CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE, JAVA_BYTE).withName("instanceName"),
            MemoryLayout.sequenceLayout(CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE, JAVA_BYTE).withName("devNodeName"),
            MemoryLayout.sequenceLayout(2, JAVA_INT).withName("mluQuota"),
            MemoryLayout.sequenceLayout(2, JAVA_LONG).withName("memorySize"),
            MemoryLayout.sequenceLayout(128, JAVA_INT).withName("reserved")).withName("cndevSMluInfo_t");

    static final StructLayout SMLU_PROFILE_IDS = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("count"),
            MemoryLayout.sequenceLayout(CNDEV_SMLU_MAX_PROFILES, JAVA_INT).withName("profileId"))
            .withName("cndevSMluProfileIdInfo_t");

    static final StructLayout SMLU_PROFILE = MemoryLayout.structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("profileId"),
            MemoryLayout.sequenceLayout(CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE, JAVA_BYTE).withName("name"),
            JAVA_INT.withName("totalCapacity"),
            JAVA_INT.withName("remainCapacity"),
            MemoryLayout.sequenceLayout(2, JAVA_INT).withName("mluQuota"),
            MemoryLayout.paddingLayout(4),
            MemoryLayout.sequenceLayout(2, JAVA_LONG).withName("memorySize")).withName("cndevSMluProfileInfo_t");

    private static final VarHandle INFO_QUOTA = limit(SMLU_INFO, "mluQuota");
    private static final VarHandle INFO_MEMORY = limit(SMLU_INFO, "memorySize");
    private static final VarHandle PROFILE_QUOTA = limit(SMLU_PROFILE, "mluQuota");
    private static final VarHandle PROFILE_MEMORY = limit(SMLU_PROFILE, "memorySize");
    private static final VarHandle PROFILE_ID = SMLU_PROFILE_IDS.varHandle(groupElement("profileId"), sequenceElement());

    private CndevLayouts() {
    }

    /** Sets the leading {@code version} of a versioned struct to the one we ask with. */
    static void askWithVersion(StructLayout layout, MemorySegment s) {
        Members.setI32(layout, s, "version", CNDEV_VERSION_6);
    }

    /** Sets the version of every entry of an array of {@code entry} structs (processes, sMLU instances). */
    static void askWithVersion(StructLayout entry, MemorySegment array, int count) {
        for (long i = 0; i < count; i++) {
            askWithVersion(entry, Members.entry(entry, array, i));
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

    /** The limit entry ({@code [CNDEV_SMLU_MAX]}) of a two-entry sMLU array member. */
    private static VarHandle limit(StructLayout layout, String member) {
        return layout.varHandle(groupElement(member), sequenceElement(SMLU_MAX));
    }

    static boolean smluEnabled(MemorySegment s) {
        return Members.i32(SMLU_MODE, s, "smluMode") == CNDEV_FEATURE_ENABLED;
    }

    /** Fills a {@code cndevSMluSet_t} to ask for a profile. */
    static void smluSet(MemorySegment s, int mluQuota, long memoryBytes) {
        askWithVersion(SMLU_SET, s);
        Members.setI32(SMLU_SET, s, "mluQuota", mluQuota);
        Members.setI64(SMLU_SET, s, "memorySize", memoryBytes);
    }

    /** The first {@code count} profile ids, the count clamped to the array. */
    static List<Integer> profileIds(MemorySegment s) {
        int count = Math.clamp(Members.i32(SMLU_PROFILE_IDS, s, "count"), 0, CNDEV_SMLU_MAX_PROFILES);
        var out = new ArrayList<Integer>(count);
        for (long i = 0; i < count; i++) {
            out.add((int) PROFILE_ID.get(s, 0L, i));
        }
        return List.copyOf(out);
    }

    static CndevSmluProfile smluProfile(MemorySegment s) {
        return new CndevSmluProfile(Members.i32(SMLU_PROFILE, s, "profileId"), Members.string(SMLU_PROFILE, s, "name"),
                Integer.toUnsignedLong(Members.i32(SMLU_PROFILE, s, "totalCapacity")),
                Integer.toUnsignedLong(Members.i32(SMLU_PROFILE, s, "remainCapacity")),
                Integer.toUnsignedLong((int) PROFILE_QUOTA.get(s, 0L)), (long) PROFILE_MEMORY.get(s, 0L));
    }

    static CndevSmluInstance smluInstance(MemorySegment s) {
        return new CndevSmluInstance(Members.i32(SMLU_INFO, s, "profileId"), Members.i32(SMLU_INFO, s, "instanceId"),
                Members.string(SMLU_INFO, s, "uuid"), Members.string(SMLU_INFO, s, "profileName"),
                Members.string(SMLU_INFO, s, "instanceName"), Members.string(SMLU_INFO, s, "devNodeName"),
                Integer.toUnsignedLong((int) INFO_QUOTA.get(s, 0L)), (long) INFO_MEMORY.get(s, 0L));
    }

    /** Entry {@code i} of an array of {@code cndevSMluInfo_t}. */
    static CndevSmluInstance smluInstance(MemorySegment array, long i) {
        return smluInstance(Members.entry(SMLU_INFO, array, i));
    }
}
