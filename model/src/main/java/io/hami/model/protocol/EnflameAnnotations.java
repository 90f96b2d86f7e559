package io.hami.model.protocol;

/**
 * The Enflame keys that cross a process boundary: what the scheduler writes for Enflame's device plugin on a pod that
 * got a DRS partition (docs/protocol.md, "Pod annotations of the other device types"). HAMi source:
 * {@code PatchAnnotations} in {@code pkg/device/enflame/device.go}.
 */
public final class EnflameAnnotations {

    /** Pod: the slices of the first container's partition. */
    public static final String REQUEST_SIZE = "enflame.com/gcu-request-size";
    /** Pod: the index of the first container's card. */
    public static final String ASSIGNED_ID = "enflame.com/gcu-assigned-id";
    /** Pod: {@code false} until Enflame's plugin has handed the partitions out. */
    public static final String ASSIGNED = "enflame.com/gcu-assigned";
    /** Pod: the index of the first container's card (the same value as {@link #ASSIGNED_ID}). */
    public static final String ASSIGNED_INDEX = "enflame.com/gcu-assigned-index";
    /** Pod: the device minor of the first container's card. */
    public static final String ASSIGNED_MINOR = "enflame.com/gcu-assigned-minor";
    /** Pod: Unix nanoseconds of the decision. */
    public static final String ASSIGNED_TIME = "enflame.com/gcu-assigned-time";
    /**
     * Pod: per container name, {@code {"allocated":false,"request":<slices>,"profileID":…,"profileName":…}} (Go's
     * JSON of a map, keys sorted).
     */
    public static final String ASSIGNED_CONTAINERS = "assigned-containers";

    private EnflameAnnotations() {
    }
}
