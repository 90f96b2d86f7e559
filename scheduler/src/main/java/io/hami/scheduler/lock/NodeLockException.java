package io.hami.scheduler.lock;

/**
 * The node lock could not be taken or released. {@link #contention()} tells "another pod holds it" (which a PodGroup
 * member's bind waits out) from everything else (which fails at once).
 */
public final class NodeLockException extends Exception {

    private static final long serialVersionUID = 1L;

    /** HAMi's sentinel text ({@code ErrNodeLockContention}). */
    public static final String CONTENTION = "node lock contention";

    private final boolean contention;

    private NodeLockException(String message, boolean contention, Throwable cause) {
        super(message, cause);
        this.contention = contention;
    }

    /** Another pod holds the lock. */
    static NodeLockException contention(String message) {
        return new NodeLockException(message + ": " + CONTENTION, true, null);
    }

    /** Any other failure. */
    static NodeLockException failure(String message, Throwable cause) {
        return new NodeLockException(message, false, cause);
    }

    /** Whether another pod holds the lock. */
    public boolean contention() {
        return contention;
    }
}
