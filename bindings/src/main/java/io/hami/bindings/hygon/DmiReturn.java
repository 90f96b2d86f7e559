package io.hami.bindings.hygon;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * hydmi's {@code dmiStatus}. {@link #ERROR} stands for any code this enum does not name; {@link #FUNCTION_NOT_FOUND}
 * is ours (also what every vDCU call answers when {@code libhydmi.so.1} is not there).
 */
public enum DmiReturn implements NativeStatus {
    SUCCESS(0),
    ERROR(1),
    NO_MEMORY(2),
    OPEN_MKFD_FAILED(3),
    MKFD_ALREADY_OPENED(4),
    SYS_NODE_NOT_EXIST(5),
    NOT_SUPPORTED(6),
    MKFD_NOT_OPENED(7),
    CREATE_VDEV_FAILED(8),
    DESTROY_VDEV_FAILED(9),
    INVALID_ARGUMENTS(10),
    OUT_OF_RESOURCES(11),
    QUERY_VDEV_INFO_FAILED(12),
    ERROR_NOT_INITIALIZED(13),
    DEVICE_NOT_SUPPORT(14),
    VDEV_NOT_EXIST(15),
    INIT_DEVICE_FAILED(16),
    DEVICE_BUSY(17),
    FILE_ERROR(18),
    PERMISSION(19),
    INTERNAL_EXCEPTION(20),
    INPUT_OUT_OF_BOUNDS(21),
    SMI_INIT_ERROR(22),
    NOT_FOUND(23),
    INSUFFICIENT_SIZE(24),
    INTERRUPT(25),
    UNEXPECTED_SIZE(26),
    NO_DATA(27),
    UNEXPECTED_DATA(28),
    SMI_BUSY(29),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** hydmi's statuses as data. */
    public static final StatusTable<DmiReturn> STATUSES = StatusTable.of(DmiReturn.class, ERROR, FUNCTION_NOT_FOUND,
            EnumSet.of(NOT_SUPPORTED, DEVICE_NOT_SUPPORT), EnumSet.noneOf(DmiReturn.class));

    private final int code;

    DmiReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
