package io.hami.model.protocol;

import java.util.Optional;

/**
 * The value of {@link MetaxAnnotations#QOS_POLICY}: how the sGPUs sharing a MetaX card share its compute. A card in
 * use keeps one policy; a pod without the annotation gets {@link #DEFAULT} (the webhook writes it, the scheduler
 * reads it so). HAMi source: {@code pkg/device/metax/protocol.go}, {@code sdevice.go}.
 */
public enum MetaxQos {
    BEST_EFFORT("best-effort"),
    FIXED_SHARE("fixed-share"),
    BURST_SHARE("burst-share");

    /** The policy of a pod that names none. */
    public static final MetaxQos DEFAULT = BEST_EFFORT;

    private final String wire;

    MetaxQos(String wire) {
        this.wire = wire;
    }

    /** The annotation value. */
    public String wire() {
        return wire;
    }

    /** The policy an annotation value names; empty for anything else (the value is compared exactly). */
    public static Optional<MetaxQos> of(String wire) {
        for (var q : values()) {
            if (q.wire.equals(wire)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The allowed values, for messages: {@code best-effort, fixed-share, burst-share}. */
    public static String allowed() {
        return BEST_EFFORT.wire + ", " + FIXED_SHARE.wire + ", " + BURST_SHARE.wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
