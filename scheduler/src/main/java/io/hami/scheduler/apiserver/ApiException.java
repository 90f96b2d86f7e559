package io.hami.scheduler.apiserver;

/** A failed API call, sorted into the cases the lock, the bind and the filter treat differently. */
public final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** 404: the object does not exist. */
        NOT_FOUND,
        /** 409: the object changed since it was read (resourceVersion mismatch) or already exists. */
        CONFLICT,
        /** Anything else: 5xx, a lost connection, a timeout. */
        OTHER
    }

    private final Kind kind;

    public ApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ApiException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }
}
