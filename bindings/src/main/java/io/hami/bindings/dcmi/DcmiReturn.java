package io.hami.bindings.dcmi;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * DCMI's status codes: 0 is success, driver errors are negative. {@link #FUNCTION_NOT_FOUND} is the value
 * Huawei's own wrapper answers for a missing symbol (-99998); {@link #UNKNOWN} stands for any code this enum
 * does not name (its own value is never returned), and such a code keeps its number in messages.
 */
public enum DcmiReturn implements NativeStatus {
    SUCCESS(0),
    INVALID_PARAMETER(-8001),
    PERMISSION(-8002),
    MEMORY(-8003),
    SECURITY(-8004),
    INTERNAL(-8005),
    TIMEOUT(-8006),
    INVALID_DEVICE_ID(-8007),
    DEVICE_NOT_EXIST(-8008),
    IOCTL(-8009),
    SEND(-8010),
    RECEIVE(-8011),
    NOT_READY(-8012),
    NOT_SUPPORTED_IN_CONTAINER(-8013),
    FILE_OPERATION(-8014),
    RESET(-8015),
    RESET_CANCELLED(-8016),
    UPGRADING(-8017),
    RESOURCE_OCCUPIED(-8020),
    PARTITION_INCONSISTENT(-8022),
    CONFIG_MISSING(-8023),
    NOT_SUPPORTED(-8255),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING),
    UNKNOWN(Integer.MIN_VALUE);

    /** DCMI's statuses as data: unsupported here or in containers, or missing, makes a fact empty. */
    public static final StatusTable<DcmiReturn> STATUSES = StatusTable.of(DcmiReturn.class, UNKNOWN, FUNCTION_NOT_FOUND,
            EnumSet.of(NOT_SUPPORTED, NOT_SUPPORTED_IN_CONTAINER), EnumSet.noneOf(DcmiReturn.class));

    private final int code;

    DcmiReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
