package io.hami.scheduler.lock;

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

    private NodeLockException(String message, boolean contention, Optional<Duration> expiresIn, Throwable cause) {
        super(message, cause);
        this.contention = contention;
        this.expiresIn = expiresIn;
    }

    /** Another pod holds the lock. */
    static NodeLockException contention(String message) {
        return new NodeLockException(message + ": " + CONTENTION, true, Optional.empty(), null);
    }

    /** Another pod holds the lock, which expires (and may be taken over) after {@code expiresIn}. */
    static NodeLockException contention(String message, Duration expiresIn) {
        return new NodeLockException(message + ": " + CONTENTION, true, Optional.of(expiresIn), null);
    }

    /** Any other failure. */
    static NodeLockException failure(String message, Throwable cause) {
        return new NodeLockException(message, false, Optional.empty(), cause);
    }

    /** For contention over a lock whose time was read: how long until it expires. */
    public Optional<Duration> expiresIn() {
        return expiresIn == null ? Optional.empty() : expiresIn;
    }

    /** Whether another pod holds the lock. */
    public boolean contention() {
        return contention;
    }
}
