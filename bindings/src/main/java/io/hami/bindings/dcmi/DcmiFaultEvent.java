package io.hami.bindings.dcmi;

import java.time.Instant;

/**
 * One fault event DCMI called back with ({@code struct dcmi_dms_fault_event}), copied out of the library's
 * memory before the callback returns.
 *
 * @param eventId            the fault's id
 * @param deviceId           the chip it is about
 * @param nodeType           the node type
 * @param nodeId             the node id
 * @param subNodeType        the sub-node type
 * @param subNodeId          the sub-node id
 * @param severity           0 warning .. 3 critical
 * @param assertion          0 recovered, 1 raised, 2 one-off
 * @param eventSerialNumber  the event's serial number
 * @param notifySerialNumber the notification's serial number
 * @param raisedAt           when the alarm was raised (second precision)
 * @param name               the event's name
 * @param additionalInfo     the library's extra text
 */
public record DcmiFaultEvent(long eventId, int deviceId, int nodeType, int nodeId, int subNodeType, int subNodeId,
                             int severity, int assertion, int eventSerialNumber, int notifySerialNumber,
                             Instant raisedAt, String name, String additionalInfo) {

    /** Whether the fault is raised (not recovered). */
    public boolean raised() {
        return assertion != 0;
    }
}
