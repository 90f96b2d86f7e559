package io.hami.bindings.ffm;

/**
 * A native call that returned a status other than success. The message has one form for every library:
 * {@code <symbol> failed: <STATUS> (<code>)}, e.g. {@code cndevGetMemoryUsageV2 failed: INVALID_DEVICE_ID (6)},
 * naming the exact C symbol and the raw code (kept even when the status is unknown), followed by a note where
 * the binding knows more ({@code ..., struct version 6}). Who listed the device adds the vendor and library
 * (see {@code io.hami.bindings.discovery}).
 */
public class NativeCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String symbol;
    private final int code;
    private final transient NativeStatus status;
    private final boolean missing;
    private final boolean lost;

    /**
     * @param message the whole message, normally {@link StatusTable#message}
     * @param missing whether the failure is a symbol the library lacks
     * @param lost    whether the device is gone, so that every further call on it fails alike
     */
    protected NativeCallException(String message, String symbol, int code, NativeStatus status, boolean missing,
                                  boolean lost) {
        super(message);
        this.symbol = symbol;
        this.code = code;
        this.status = status;
        this.missing = missing;
        this.lost = lost;
    }

    /** The exception for a failed call of {@code symbol} in a library with these statuses. */
    public static NativeCallException of(StatusTable<?> statuses, String symbol, int code, String note) {
        var message = statuses.message(symbol, code) + (note == null ? "" : ", " + note);
        return new NativeCallException(message, symbol, code, statuses.fromCode(code), statuses.missing(code),
                statuses.lost(code));
    }

    /** The C function that failed, with its version suffix. */
    public String symbol() {
        return symbol;
    }

    /** The raw status code the call returned. */
    public int code() {
        return code;
    }

    /** The status; the library's unknown member for a code this build does not know. */
    public NativeStatus status() {
        return status;
    }

    /** Whether the library lacks the function: says nothing about the device's health. */
    public boolean missingFunction() {
        return missing;
    }

    /** Whether the device is gone: every further call on it fails alike. */
    public boolean deviceLost() {
        return lost;
    }
}
