package io.hami.bindings.cndev;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * CNDEV's {@code cndevRet_t}, named without the {@code CNDEV_ERROR_} prefix. {@link #FUNCTION_NOT_FOUND} is
 * ours: what a call of a symbol the library lacks answers. A code this enum does not know reads as
 * {@link #UNKNOWN} and keeps its own number in messages.
 */
public enum CndevReturn implements NativeStatus {
    SUCCESS(0),
    NO_DRIVER(1),
    LOW_DRIVER_VERSION(2),
    UNSUPPORTED_API_VERSION(3),
    UNINITIALIZED(4),
    INVALID_ARGUMENT(5),
    INVALID_DEVICE_ID(6),
    UNKNOWN(7),
    MALLOC(8),
    INSUFFICIENT_SPACE(9),
    NOT_SUPPORTED(10),
    INVALID_LINK(11),
    NO_DEVICES(12),
    NO_PERMISSION(13),
    NOT_FOUND(14),
    IN_USE(15),
    DUPLICATE(16),
    TIMEOUT(17),
    IN_PROBLEM(18),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** CNDEV's statuses as data: "not supported" and a missing symbol make a fact empty. */
    public static final StatusTable<CndevReturn> STATUSES = StatusTable.of(CndevReturn.class, UNKNOWN,
            FUNCTION_NOT_FOUND, EnumSet.of(NOT_SUPPORTED), EnumSet.noneOf(CndevReturn.class));

    private final int code;

    CndevReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
