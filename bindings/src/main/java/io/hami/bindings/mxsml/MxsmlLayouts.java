package io.hami.bindings.mxsml;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.Members;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;

/**
 * The C structs of our {@code hami/mxsml.h} as FFM layouts (gcc, LP64), named after their typedefs with members
 * named as in C; MxsmlLayoutTest proves each against the C probe (MetaX publishes no header to prove them
 * against). Readers copy a struct into a record.
 */
final class MxsmlLayouts {

    static final int MXSML_USAGE_DLA = 0;
    static final int MXSML_USAGE_XCORE = 4;

    static final StructLayout DEVICE_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("deviceId"),
            JAVA_INT.withName("type"),
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("bdfId"),
            JAVA_INT.withName("gpuId"),
            JAVA_INT.withName("nodeId"),
            MemoryLayout.sequenceLayout(96, JAVA_BYTE).withName("uuid"),
            JAVA_INT.withName("brand"),
            JAVA_INT.withName("mode"),
            MemoryLayout.sequenceLayout(32, JAVA_BYTE).withName("deviceName")).withName("mxSmlDeviceInfo_t");

    /** KB. */
    static final StructLayout MEMORY_INFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("visVramTotal"),
            JAVA_LONG.withName("visVramUse"),
            JAVA_LONG.withName("vramTotal"),
            JAVA_LONG.withName("vramUse"),
            JAVA_LONG.withName("xttTotal"),
            JAVA_LONG.withName("xttUse")).withName("mxSmlMemoryInfo_t");

    static final StructLayout BOARD_WAY = MemoryLayout.structLayout(
            JAVA_INT.withName("voltage"),
            JAVA_INT.withName("current"),
            JAVA_INT.withName("power")).withName("mxSmlBoardWayElectricInfo_t");

    static final StructLayout UNAVAILABLE_REASON = MemoryLayout.structLayout(
            JAVA_INT.withName("unavailableCode"),
            MemoryLayout.sequenceLayout(64, JAVA_BYTE).withName("unavailableReason")).withName("mxSmlDeviceUnavailableReason_t");

    private MxsmlLayouts() {
    }

    static MxsmlDeviceInfo deviceInfo(MemorySegment s) {
        return new MxsmlDeviceInfo(Members.i32(DEVICE_INFO, s, "deviceId"), Members.string(DEVICE_INFO, s, "bdfId"),
                Members.i32(DEVICE_INFO, s, "gpuId"), Members.i32(DEVICE_INFO, s, "nodeId"), Members.string(DEVICE_INFO, s, "uuid"),
                Members.i32(DEVICE_INFO, s, "brand"), Members.i32(DEVICE_INFO, s, "mode"), Members.string(DEVICE_INFO, s, "deviceName"));
    }

    static MxsmlMemory vram(MemorySegment s) {
        return new MxsmlMemory(Members.i64(MEMORY_INFO, s, "vramTotal"), Members.i64(MEMORY_INFO, s, "vramUse"));
    }

    /** Entry {@code i}'s power, mW. */
    static Integer wayPower(MemorySegment array, long i) {
        return Members.i32(BOARD_WAY, Members.entry(BOARD_WAY, array, i), "power");
    }

    /** Null when the device is available, else its code and reason. */
    static String unavailable(MemorySegment s) {
        int code = Members.i32(UNAVAILABLE_REASON, s, "unavailableCode");
        return code == 0 ? null : code + ": " + Members.string(UNAVAILABLE_REASON, s, "unavailableReason");
    }
}
