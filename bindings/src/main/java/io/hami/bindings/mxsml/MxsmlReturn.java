package io.hami.bindings.mxsml;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * MXSML's {@code mxSmlReturn_t}, named without the {@code MXSML_} prefix. {@link #FAILURE} stands for any code
 * this enum does not name; {@link #FUNCTION_NOT_FOUND} is ours.
 */
public enum MxsmlReturn implements NativeStatus {
    SUCCESS(0),
    FAILURE(1),
    NO_DEVICE(2),
    OPERATION_NOT_SUPPORT(3),
    SYSFS_ERROR(4),
    SYSFS_WRITE_ERROR(5),
    INVALID_DEVICE_ID(6),
    INVALID_DID_ID(7),
    PERMISSION_DENIED(8),
    INVALID_INPUT(9),
    INSUFFICIENT_SIZE(10),
    RESERVED3(11),
    IO_CONTROL_FAILURE(12),
    MMAP_FAILURE(13),
    UN_MMAP_FAILURE(14),
    INVALID_INPUT_FOR_MMAP(15),
    RESERVED1(16),
    RESERVED2(17),
    TARGET_VF_NOT_FOUND(18),
    INVALID_FREQUENCY(19),
    FLR_NOT_READY(20),
    OPEN_DEVICE_FILE_FAILURE(21),
    CLOSE_DEVICE_FILE_FAILURE(22),
    BUSY_DEVICE(23),
    MMIO_NOT_ENOUGH(24),
    GET_PCI_BRIDGE_FAILURE(25),
    LOAD_DLL_FAILURE(26),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** MXSML's statuses as data: "operation not supported" and a missing symbol make a fact empty. */
    public static final StatusTable<MxsmlReturn> STATUSES = StatusTable.of(MxsmlReturn.class, FAILURE, FUNCTION_NOT_FOUND,
            EnumSet.of(OPERATION_NOT_SUPPORT), EnumSet.noneOf(MxsmlReturn.class));

    private final int code;

    MxsmlReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
