package io.hami.model.protocol;

import java.time.Duration;

/**
 * The Cambricon keys that cross a process boundary (docs/protocol.md, "Pod annotations of the other device types"):
 * what the scheduler writes for Cambricon's device plugin in dynamic-sMLU mode, and that plugin's node lock. HAMi
 * source: {@code pkg/device/cambricon/device.go}.
 */
public final class CambriconAnnotations {

    /**
     * Pod, written by the scheduler at filter: the slice to create, {@code <index>_<cores>_<memory units>}
     * ({@link io.hami.model.annotation.CambriconProfileCodec}).
     */
    public static final String PROFILE = "CAMBRICON_DSMLU_PROFILE";
    /**
     * Pod, written by the node's plugin with the allocation: the sMLU instance it made from {@link #PROFILE},
     * {@code <profile id>_<instance handle>_<index>_<instance id>}
     * ({@link io.hami.model.annotation.CambriconProfileInstanceCodec}).
     */
    public static final String PROFILE_INSTANCE = "CAMBRICON_DSMLU_PROFILE_INSTANCE";
    /** Pod, written by the scheduler at filter as {@link #NOT_ASSIGNED}; Cambricon's plugin marks it done. */
    public static final String ASSIGNED = "CAMBRICON_DSMLU_ASSIGNED";
    /** The value of {@link #ASSIGNED} the scheduler writes. */
    public static final String NOT_ASSIGNED = "false";
    /** The value of {@link #ASSIGNED} the node's plugin writes once the pod's devices are handed out. */
    public static final String DONE = "true";
    /** Node: the bind lock of Cambricon nodes, a bare RFC 3339 time ({@link NodeLockKind#CAMBRICON_DSMLU}). */
    public static final String NODE_LOCK = "cambricon.com/dsmlu.lock";
    /** How long a {@link #NODE_LOCK} holds before anyone may take it over. */
    public static final Duration NODE_LOCK_EXPIRY = Duration.ofMinutes(2);

    private CambriconAnnotations() {
    }
}
