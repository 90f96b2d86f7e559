package io.hami.bindings.region;

/**
 * A file that cannot be read as a HAMi-core region, with a one-line message saying why, e.g.
 * {@code not a HAMi-core region: magic 0x00000000} or {@code truncated: 1048576 bytes, layout 1.2 needs 2008952}.
 * A monitor treats every reason as "skip this file until the next pass": a container may still be
 * initializing its region, or may have truncated or replaced it.
 */
public final class InvalidRegionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a file was rejected. */
    public enum Reason {
        /** Not a regular file (a directory, a device, a FIFO, a symbolic link). */
        NOT_A_FILE,
        /** The magic word is missing: not a region, or one whose initialization has not finished. */
        NOT_A_REGION,
        /** Shorter than its layout needs, when opened or because it shrank while being read or written. */
        TRUNCATED,
        /** A magic word but a size and version pair that no known layout has. */
        UNKNOWN_VERSION
    }

    private final Reason reason;

    /** A rejection for {@code reason}, with a one-line {@code message} that says it to a person. */
    public InvalidRegionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the file was rejected. */
    public Reason reason() {
        return reason;
    }
}
