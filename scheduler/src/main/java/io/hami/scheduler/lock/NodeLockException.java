package io.hami.scheduler.lock;

import io.hami.model.protocol.NodeLockKind;
import java.time.Duration;
import java.util.Optional;

/**
 * The node lock could not be taken or released. {@link #contention()} tells "another pod holds it" (which a PodGroup
 * member's bind waits out) from everything else (which fails at once).
 */
public final class NodeLockException extends Exception {

    private static final long serialVersionUID = 1L;

    /** HAMi's sentinel text ({@code ErrNodeLockContention}). */
    public static final String CONTENTION = "node lock contention";

    private final boolean contention;
    private final transient Optional<Duration> expiresIn;
    private final transient Optional<NodeLockKind> kind;

    private NodeLockException(String message, boolean contention, Optional<Duration> expiresIn,
                              Optional<NodeLockKind> kind, Throwable cause) {
        super(message, cause);
        this.contention = contention;
        this.expiresIn = expiresIn;
        this.kind = kind;
    }

    /** Another pod holds the lock. */
    static NodeLockException contention(String message) {
        return new NodeLockException(message + ": " + CONTENTION, true, Optional.empty(), Optional.empty(), null);
    }

    /** Another pod holds the lock of this kind. */
    static NodeLockException contention(NodeLockKind kind, String message) {
        return new NodeLockException(message + ": " + CONTENTION, true, Optional.empty(), Optional.of(kind), null);
    }

    /** Another pod holds the lock of this kind, which expires (and may be taken over) after {@code expiresIn}. */
    static NodeLockException contention(NodeLockKind kind, String message, Duration expiresIn) {
        return new NodeLockException(message + ": " + CONTENTION, true, Optional.of(expiresIn), Optional.of(kind),
                null);
    }

    /** Any other failure. */
    static NodeLockException failure(String message, Throwable cause) {
        return new NodeLockException(message, false, Optional.empty(), Optional.empty(), cause);
    }

    /** For contention over a lock whose time was read: how long until it expires. */
    public Optional<Duration> expiresIn() {
        return expiresIn == null ? Optional.empty() : expiresIn;
    }

    /** For contention over one lock: which one (a bind waits for that key to go). */
    public Optional<NodeLockKind> kind() {
        return kind == null ? Optional.empty() : kind;
    }

    /** Whether another pod holds the lock. */
    public boolean contention() {
        return contention;
    }
}
