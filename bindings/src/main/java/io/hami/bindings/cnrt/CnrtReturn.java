package io.hami.bindings.cnrt;

import io.hami.bindings.ffm.Downcalls;
import io.hami.bindings.ffm.NativeStatus;
import io.hami.bindings.ffm.StatusTable;
import java.util.EnumSet;

/**
 * CNRT's {@code cnrtRet_t} (CNRT 5 and later), named without the {@code cnrtError} prefix in upper snake case
 * ({@code cnrtErrorDeviceInvalid} is {@link #DEVICE_INVALID}). {@link #FUNCTION_NOT_FOUND} is ours: what a call of
 * a symbol the library lacks answers. A code this enum does not know reads as {@link #UNKNOWN} and keeps its own
 * number in messages.
 */
public enum CnrtReturn implements NativeStatus {
    SUCCESS(0),
    NOT_READY(1),
    INIT(100002),
    NO_DEVICE(100004),
    DEVICE_INVALID(100005),
    ARGS_INVALID(100006),
    SYS(100007),
    SYS_NO_MEM(100010),
    INVALID_RESOURCE_HANDLE(100014),
    ILLEGAL_STATE(100015),
    NOT_SUPPORT(100050),
    OPS_NOT_PERMITTED(100051),
    QUEUE(100060),
    NO_MEM(100100),
    ASSERT(100128),
    KERNEL_TRAP(100132),
    KERNEL_USER_TRAP(100133),
    NOT_FOUND(100301),
    INVALID_KERNEL(100302),
    UNSUPPORTED_KERNEL_VERSION(100303),
    QUEUE_CAPTURE_UNSUPPORTED(100360),
    QUEUE_CAPTURE_INVALIDATED(100361),
    QUEUE_CAPTURE_WRONG_THREAD(100362),
    QUEUE_CAPTURE_MERGED(100363),
    QUEUE_CAPTURE_UNJOINED(100364),
    QUEUE_CAPTURE_ISOLATION(100365),
    QUEUE_CAPTURE_UNMATCHED(100366),
    TASK_TOPO_ENTITY_UPDATE_FAILURE(100400),
    NO_KERNEL(101312),
    NO_MODULE(101315),
    SET_ON_ACTIVE_PROCESS(632002),
    DEVICE(632006),
    NO_ATTRIBUTE(632009),
    MEMCPY_DIRECTION_INVALID(632013),
    BUSY(632014),
    CNDRV_FUNC_CALL(632015),
    CNDEV_FUNC_CALL(632017),
    NO_CNRT_CONTEXT(632019),
    CNDRV_FUNC_NOT_FOUND(632020),
    INVALID_SYMBOL(632100),
    UNKNOWN(999991),
    FUNCTION_NOT_FOUND(Downcalls.SYMBOL_MISSING);

    /** CNRT's statuses as data: "not supported" and a missing symbol make a fact empty; no status means a lost device. */
    public static final StatusTable<CnrtReturn> STATUSES = StatusTable.of(CnrtReturn.class, UNKNOWN,
            FUNCTION_NOT_FOUND, EnumSet.of(NOT_SUPPORT), EnumSet.noneOf(CnrtReturn.class));

    private final int code;

    CnrtReturn(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }
}
