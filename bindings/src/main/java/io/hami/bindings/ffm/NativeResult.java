package io.hami.bindings.ffm;

import java.util.Optional;
import java.util.function.Function;

/**
 * What one native call returned: the exact C symbol called, its raw status code and, on success, the value
 * copied out of native memory. The vendor APIs return these; {@link #orThrow()} and {@link #optional()} turn
 * them into values and {@link NativeCallException}s.
 *
 * @param statuses the status codes of the library called
 * @param symbol   the C function called, or that would have been called when it is missing
 * @param code     the raw status; 0 is success in every library we bind
 * @param value    the result on success (null for calls without one), null otherwise
 * @param note     what the binding adds to a failure message (e.g. the struct version it asked with), or null
 * @param <T>      the type of the value
 */
public record NativeResult<T>(StatusTable<?> statuses, String symbol, int code, T value, String note) {

    /** Whether the call succeeded. */
    public boolean ok() {
        return code == 0;
    }

    /** The status; the library's unknown member for a code this build does not know. */
    public NativeStatus status() {
        return statuses.fromCode(code);
    }

    /** Whether the call failed because the symbol or the feature is absent. */
    public boolean absent() {
        return !ok() && statuses.absent(code);
    }

    /** The value, or the {@link NativeCallException} the status calls for. */
    public T orThrow() {
        if (!ok()) {
            throw failure();
        }
        return value;
    }

    /**
     * The value; empty when the device or library does not offer it (a missing symbol or "not supported");
     * any other failure throws.
     */
    public Optional<T> optional() {
        if (ok()) {
            return Optional.ofNullable(value);
        }
        if (absent()) {
            return Optional.empty();
        }
        throw failure();
    }

    /** The exception this failed call stands for. */
    public NativeCallException failure() {
        return NativeCallException.of(statuses, symbol, code, note);
    }

    /** The same call with its value transformed; failures pass through. */
    public <U> NativeResult<U> map(Function<? super T, ? extends U> f) {
        return new NativeResult<>(statuses, symbol, code, ok() ? f.apply(value) : null, note);
    }

    /** The same failed call with {@code note} added to its message. */
    public NativeResult<T> withNote(String note) {
        return new NativeResult<>(statuses, symbol, code, value, note);
    }
}
