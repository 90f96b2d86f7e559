package io.hami.model.protocol;

import java.time.Duration;
import java.util.Optional;

/**
 * The node locks that serialize binds on a node until the device plugin has served the pod (docs/protocol.md,
 * "hami.io/mutex.lock"). A device type names the key of the one it takes in its descriptor
 * ({@code AnnotationKeys.nodeLock}); a pod that asks for several types takes each lock they name, in this enum's
 * order, one order for every bind so that two binds never wait for each other's second lock.
 */
public enum NodeLockKind {
    /**
     * {@link HamiAnnotations#NODE_LOCK}: {@code <RFC 3339 time>,<namespace>,<pod>}, so the device plugin finds the pod
     * and only its owner releases it; expires after the scheduler's configured time (5 minutes). HAMi source:
     * {@code pkg/util/nodelock/nodelock.go}.
     */
    HAMI(HamiAnnotations.NODE_LOCK, Optional.empty(), true),
    /**
     * {@link CambriconAnnotations#NODE_LOCK}: a bare RFC 3339 time naming no pod, which expires after two minutes
     * and which Cambricon's device plugin removes after its allocation. HAMi source:
     * {@code pkg/device/cambricon/device.go}.
     */
    CAMBRICON_DSMLU(CambriconAnnotations.NODE_LOCK, Optional.of(CambriconAnnotations.NODE_LOCK_EXPIRY), false);

    private final String key;
    private final Optional<Duration> fixedExpiry;
    private final boolean namesOwner;

    NodeLockKind(String key, Optional<Duration> fixedExpiry, boolean namesOwner) {
        this.key = key;
        this.fixedExpiry = fixedExpiry;
        this.namesOwner = namesOwner;
    }

    /** The node annotation key. */
    public String key() {
        return key;
    }

    /** The lock's own expiry, where the protocol fixes one; empty: the scheduler's configured expiry applies. */
    public Optional<Duration> fixedExpiry() {
        return fixedExpiry;
    }

    /** The lock whose node annotation key this is. */
    public static Optional<NodeLockKind> ofKey(String key) {
        for (var kind : values()) {
            if (kind.key.equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Whether the value names the pod that holds the lock ({@code <time>,<namespace>,<pod>}). */
    public boolean namesOwner() {
        return namesOwner;
    }
}
