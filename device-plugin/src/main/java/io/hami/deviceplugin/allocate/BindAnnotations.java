package io.hami.deviceplugin.allocate;

/**
 * The pod annotations of HAMi's bind life cycle that the device plugin reads and writes
 * (docs/protocol.md, "Bind lifecycle"): the scheduler writes the node and time, the plugin moves {@code bind-phase} to
 * its end.
 */
public final class BindAnnotations {
    /** The node the scheduler chose; also a pod label of the same key and value. */
    public static final String VGPU_NODE = "hami.io/vgpu-node";
    /** Unix seconds of the scheduler's bind. */
    public static final String BIND_TIME = "hami.io/bind-time";
    /** {@code allocating}, {@code success} or {@code failed}. */
    public static final String BIND_PHASE = "hami.io/bind-phase";
    public static final String PHASE_ALLOCATING = "allocating";
    public static final String PHASE_SUCCESS = "success";
    public static final String PHASE_FAILED = "failed";

    private BindAnnotations() {
    }
}
