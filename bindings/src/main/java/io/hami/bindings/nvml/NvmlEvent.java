package io.hami.bindings.nvml;

import java.util.OptionalInt;

/**
 * One event delivered by {@code nvmlEventSetWait_v2} ({@code nvmlEventData_t}).
 *
 * @param device the device the event is about
 * @param eventType one of the event mask bits, e.g. {@link #XID_CRITICAL_ERROR}
 * @param eventData the XID for XID events (999 for an unknown XID), 0 otherwise
 * @param gpuInstanceId the MIG GPU instance the event is attributed to, if any
 * @param computeInstanceId the MIG compute instance the event is attributed to, if any
 */
public record NvmlEvent(NvmlDevice device, long eventType, long eventData, OptionalInt gpuInstanceId,
                        OptionalInt computeInstanceId) {

    /** {@code nvmlEventTypeSingleBitEccError}. */
    public static final long SINGLE_BIT_ECC_ERROR = 0x1L;
    /** {@code nvmlEventTypeDoubleBitEccError}. */
    public static final long DOUBLE_BIT_ECC_ERROR = 0x2L;
    /** {@code nvmlEventTypeXidCriticalError}: the event HAMi's health check acts on. */
    public static final long XID_CRITICAL_ERROR = 0x8L;
    /** The mask HAMi registers for health checks (and-ed with what the device supports). */
    public static final long HEALTH_MASK = XID_CRITICAL_ERROR | DOUBLE_BIT_ECC_ERROR | SINGLE_BIT_ECC_ERROR;

    /** Whether this is an XID critical error, whose {@link #eventData()} is the XID. */
    public boolean isXid() {
        return (eventType & XID_CRITICAL_ERROR) != 0;
    }

    static NvmlEvent of(long device, long eventType, long eventData, int gpuInstanceId, int computeInstanceId) {
        return new NvmlEvent(new NvmlDevice(device), eventType, eventData,
                gpuInstanceId == ProcessInfo.NO_INSTANCE ? OptionalInt.empty() : OptionalInt.of(gpuInstanceId),
                computeInstanceId == ProcessInfo.NO_INSTANCE ? OptionalInt.empty() : OptionalInt.of(computeInstanceId));
    }
}
