package io.hami.bindings.hygon;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * rocm_smi's {@code rsmi_status_t}, named without the {@code RSMI_STATUS_} prefix. {@link #UNKNOWN_ERROR} is
 * 0xFFFFFFFF, read as -1, and stands for any code this enum does not name. {@link #FUNCTION_NOT_FOUND} is ours.
 */
public enum RsmiReturn implements NativeStatus {
    SUCCESS(0),
    INVALID_ARGS(1),
    NOT_SUPPORTED(2),
    FILE_ERROR(3),
    PERMISSION(4),
    OUT_OF_RESOURCES(5),
    INTERNAL_EXCEPTION(6),
    INPUT_OUT_OF_BOUNDS(7),
    INIT_ERROR(8),
    NOT_YET_IMPLEMENTED(9),
    NOT_FOUND(10),
    INSUFFICIENT_SIZE(11),
    INTERRUPT(12),
    UNEXPECTED_SIZE(13),
    NO_DATA(14),
    UNEXPECTED_DATA(15),
    BUSY(16),
    REFCOUNT_OVERFLOW(17),
    SETTING_UNAVAILABLE(18),
    AMDGPU_RESTART_ERR(19),
    UNKNOWN_ERROR(-1),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** rocm_smi's statuses as data: "not supported", "not yet implemented" and a missing symbol make a fact empty. */
    public static final StatusTable<RsmiReturn> STATUSES = StatusTable.of(RsmiReturn.class, UNKNOWN_ERROR,
            FUNCTION_NOT_FOUND, EnumSet.of(NOT_SUPPORTED, NOT_YET_IMPLEMENTED), EnumSet.noneOf(RsmiReturn.class));

    private final int code;

    RsmiReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
