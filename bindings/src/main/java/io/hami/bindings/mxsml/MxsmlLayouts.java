package io.hami.bindings.mxsml;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.hami.bindings.ffm.CStrings;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

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

    private static final VarHandle DEVICE_ID = field(DEVICE_INFO, "deviceId");
    private static final long BDF = DEVICE_INFO.byteOffset(groupElement("bdfId"));
    private static final VarHandle GPU_ID = field(DEVICE_INFO, "gpuId");
    private static final VarHandle NODE_ID = field(DEVICE_INFO, "nodeId");
    private static final long UUID = DEVICE_INFO.byteOffset(groupElement("uuid"));
    private static final VarHandle BRAND = field(DEVICE_INFO, "brand");
    private static final VarHandle MODE = field(DEVICE_INFO, "mode");
    private static final long NAME = DEVICE_INFO.byteOffset(groupElement("deviceName"));
    private static final VarHandle VRAM_TOTAL = field(MEMORY_INFO, "vramTotal");
    private static final VarHandle VRAM_USE = field(MEMORY_INFO, "vramUse");
    private static final VarHandle WAY_POWER = field(BOARD_WAY, "power");
    private static final VarHandle UNAVAILABLE_CODE = field(UNAVAILABLE_REASON, "unavailableCode");
    private static final long UNAVAILABLE_TEXT = UNAVAILABLE_REASON.byteOffset(groupElement("unavailableReason"));

    private MxsmlLayouts() {
    }

    private static VarHandle field(StructLayout layout, String name) {
        return layout.varHandle(groupElement(name));
    }

    static MxsmlDeviceInfo deviceInfo(MemorySegment s) {
        return new MxsmlDeviceInfo((int) DEVICE_ID.get(s, 0L), CStrings.read(s, BDF, 32), (int) GPU_ID.get(s, 0L),
                (int) NODE_ID.get(s, 0L), CStrings.read(s, UUID, 96), (int) BRAND.get(s, 0L), (int) MODE.get(s, 0L),
                CStrings.read(s, NAME, 32));
    }

    static MxsmlMemory vram(MemorySegment s) {
        return new MxsmlMemory((long) VRAM_TOTAL.get(s, 0L), (long) VRAM_USE.get(s, 0L));
    }

    /** Entry {@code i}'s power, mW. */
    static Integer wayPower(MemorySegment array, long i) {
        return (int) WAY_POWER.get(array, i * BOARD_WAY.byteSize());
    }

    /** Null when the device is available, else its code and reason. */
    static String unavailable(MemorySegment s) {
        int code = (int) UNAVAILABLE_CODE.get(s, 0L);
        return code == 0 ? null : code + ": " + CStrings.read(s, UNAVAILABLE_TEXT, 64);
    }
}
