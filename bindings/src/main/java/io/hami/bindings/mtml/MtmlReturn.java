package io.hami.bindings.mtml;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * MTML's {@code MtmlReturn}, named without the {@code MTML_ERROR_} prefix. {@link #UNKNOWN} (999) stands for any
 * code this enum does not name; {@link #FUNCTION_NOT_FOUND} is ours.
 */
public enum MtmlReturn implements NativeStatus {
    SUCCESS(0),
    DRIVER_NOT_LOADED(1),
    DRIVER_FAILURE(2),
    INVALID_ARGUMENT(3),
    NOT_SUPPORTED(4),
    NO_PERMISSION(5),
    INSUFFICIENT_SIZE(6),
    NOT_FOUND(7),
    INSUFFICIENT_MEMORY(8),
    DRIVER_TOO_OLD(9),
    DRIVER_TOO_NEW(10),
    TIMEOUT(11),
    RESOURCE_IS_BUSY(12),
    UNKNOWN(999),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** MTML's statuses as data: "not supported" and a missing symbol make a fact empty. */
    public static final StatusTable<MtmlReturn> STATUSES = StatusTable.of(MtmlReturn.class, UNKNOWN, FUNCTION_NOT_FOUND,
            EnumSet.of(NOT_SUPPORTED), EnumSet.noneOf(MtmlReturn.class));

    private final int code;

    MtmlReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
