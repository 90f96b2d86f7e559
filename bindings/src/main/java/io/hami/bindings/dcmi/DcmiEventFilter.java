package io.hami.bindings.dcmi;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which fault events a subscription wants ({@code struct dcmi_event_filter}, passed by value): each criterion
 * that is present sets its bit of {@code filter_flag}.
 *
 * @param eventId         only this event id
 * @param minimumSeverity only events at least this severe (0 warning .. 3 critical)
 * @param nodeType        only events of this node type
 */
public record DcmiEventFilter(OptionalLong eventId, OptionalInt minimumSeverity, OptionalInt nodeType) {

    /** Every event. */
    public static final DcmiEventFilter ALL = new DcmiEventFilter(OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty());

    /** Events at least this severe. */
    public static DcmiEventFilter atLeast(int severity) {
        return new DcmiEventFilter(OptionalLong.empty(), OptionalInt.of(severity), OptionalInt.empty());
    }

    /** This filter, also asking for one event id. */
    public DcmiEventFilter withEventId(long id) {
        return new DcmiEventFilter(OptionalLong.of(id), minimumSeverity, nodeType);
    }

    /** This filter, also asking for one node type. */
    public DcmiEventFilter withNodeType(int type) {
        return new DcmiEventFilter(eventId, minimumSeverity, OptionalInt.of(type));
    }

    /** The {@code filter_flag} bits of the criteria present. */
    long flags() {
        return (eventId.isPresent() ? 0x1L : 0) | (minimumSeverity.isPresent() ? 0x2L : 0) | (nodeType.isPresent() ? 0x4L : 0);
    }
}
