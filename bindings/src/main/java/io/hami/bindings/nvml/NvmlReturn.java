package io.hami.bindings.nvml;

import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;
import java.util.Optional;

/**
 * NVML's {@code nvmlReturn_t}: every status code of the 13.x header, named without the
 * {@code NVML_ERROR_} prefix. A code this enum does not know (a newer driver's) maps to {@link #UNKNOWN};
 * keep the raw code beside it where it matters, as {@link NvmlException} does.
 */
public enum NvmlReturn implements NativeStatus {
    SUCCESS(0),
    UNINITIALIZED(1),
    INVALID_ARGUMENT(2),
    NOT_SUPPORTED(3),
    NO_PERMISSION(4),
    ALREADY_INITIALIZED(5),
    NOT_FOUND(6),
    INSUFFICIENT_SIZE(7),
    INSUFFICIENT_POWER(8),
    DRIVER_NOT_LOADED(9),
    TIMEOUT(10),
    IRQ_ISSUE(11),
    LIBRARY_NOT_FOUND(12),
    FUNCTION_NOT_FOUND(13),
    CORRUPTED_INFOROM(14),
    GPU_IS_LOST(15),
    RESET_REQUIRED(16),
    OPERATING_SYSTEM(17),
    LIB_RM_VERSION_MISMATCH(18),
    IN_USE(19),
    MEMORY(20),
    NO_DATA(21),
    VGPU_ECC_NOT_SUPPORTED(22),
    INSUFFICIENT_RESOURCES(23),
    FREQ_NOT_SUPPORTED(24),
    ARGUMENT_VERSION_MISMATCH(25),
    DEPRECATED(26),
    NOT_READY(27),
    GPU_NOT_FOUND(28),
    INVALID_STATE(29),
    RESET_TYPE_NOT_SUPPORTED(30),
    UNKNOWN(999);

    /** NVML's statuses as data (IXML's too): "not supported" and a missing symbol make a fact empty. */
    public static final StatusTable<NvmlReturn> STATUSES = StatusTable.of(NvmlReturn.class, UNKNOWN, FUNCTION_NOT_FOUND,
            EnumSet.of(NOT_SUPPORTED), EnumSet.of(GPU_IS_LOST));

    private final int code;

    NvmlReturn(int code) {
        this.code = code;
    }

    /** The C value of this status. */
    @Override
    public int code() {
        return code;
    }

    /** The status for a C value; {@link #UNKNOWN} for any value this enum does not name. */
    public static NvmlReturn fromCode(int code) {
        return STATUSES.fromCode(code);
    }

    /** The status for a name as printed in messages ({@code GPU_IS_LOST}), if it is one. */
    public static Optional<NvmlReturn> fromName(String name) {
        return STATUSES.fromName(name);
    }
}
