package io.hami.model.protocol;

import java.util.Optional;

/**
 * The value of {@link HamiAnnotations#BIND_PHASE} (docs/protocol.md, "Bind lifecycle"): the scheduler writes
 * {@link #ALLOCATING} when it binds; the device plugin moves it to {@link #SUCCESS} or {@link #FAILED} when
 * kubelet's {@code Allocate} for the pod's last container ends.
 */
public enum BindPhase {
    ALLOCATING("allocating"),
    SUCCESS("success"),
    FAILED("failed");

    private final String wire;

    BindPhase(String wire) {
        this.wire = wire;
    }

    /** The annotation value. */
    public String wire() {
        return wire;
    }

    /** The phase an annotation value names; empty for a missing or unknown value (HAMi treats both as no phase). */
    public static Optional<BindPhase> of(String wire) {
        if (wire != null) {
            for (var p : values()) {
                if (p.wire.equals(wire)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
