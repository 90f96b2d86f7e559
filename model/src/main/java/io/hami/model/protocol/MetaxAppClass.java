package io.hami.model.protocol;

import java.util.Optional;

/**
 * The value of {@link MetaxAnnotations#APP_CLASS}: an {@link #ONLINE} pod (latency-bound) may preempt the
 * {@link #OFFLINE} pods sharing its card; pods that name neither never share a card with those that do. HAMi source:
 * {@code pkg/device/metax/protocol.go}, {@code sdevice.go}.
 */
public enum MetaxAppClass {
    ONLINE("online"),
    OFFLINE("offline");

    private final String wire;

    MetaxAppClass(String wire) {
        this.wire = wire;
    }

    /** The annotation value. */
    public String wire() {
        return wire;
    }

    /** The class an annotation value names; empty for anything else (the value is compared exactly). */
    public static Optional<MetaxAppClass> of(String wire) {
        for (var c : values()) {
            if (c.wire.equals(wire)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wire;
    }
}
