package io.hami.bindings.nvml;

import io.hami.bindings.ffm.NativeResult;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one NVML call returned: the exact C symbol called, its raw status code and, on success, the value
 * copied out of native memory. {@link NvmlApi} returns these; the {@link Nvml} facade turns them into
 * values and typed exceptions.
 *
 * @param symbol the C function called, or that would have been called when it is missing
 * @param code the raw {@code nvmlReturn_t}
 * @param value the result on success (null for calls without one), null otherwise
 * @param <T> the type of the value
 */
public record NvmlResult<T>(String symbol, int code, T value) {

    /** A successful call. */
    public static <T> NvmlResult<T> ok(String symbol, T value) {
        return new NvmlResult<>(symbol, NvmlReturn.SUCCESS.code(), value);
    }

    /** A failed call. */
    public static <T> NvmlResult<T> error(String symbol, int code) {
        return new NvmlResult<>(symbol, code, null);
    }

    /**
     * The failure of a call whose value is a non-negative {@code long} ({@link NvmlApi#deviceMemoryUsed}), packed
     * into that {@code long}: negative, with {@code code} in its low 32 bits.
     */
    public static long failure(int code) {
        return Long.MIN_VALUE | (code & 0xffff_ffffL);
    }

    /** Whether a packed {@code long} ({@link #failure}) is a failure rather than a value. */
    public static boolean failed(long packed) {
        return packed < 0;
    }

    /** The raw {@code nvmlReturn_t} of a packed failure ({@link #failure}). */
    public static int failureCode(long packed) {
        return (int) packed;
    }

    /**
     * {@code result} packed into a {@code long}: its value (saturated at {@link Long#MAX_VALUE}: the C value is
     * unsigned), or its failure ({@link #failure}).
     */
    public static long pack(NvmlResult<Long> result) {
        if (!result.ok()) {
            return failure(result.code() == NvmlReturn.SUCCESS.code() ? NvmlReturn.UNKNOWN.code() : result.code());
        }
        long v = result.value();
        return v < 0 ? Long.MAX_VALUE : v;
    }

    /** A packed {@code long} ({@link #failure}) of the call to {@code symbol} as a result, for the clear errors. */
    public static NvmlResult<Long> unpack(String symbol, long packed) {
        return failed(packed) ? error(symbol, failureCode(packed)) : ok(symbol, packed);
    }

    /** The same call, from the shared call mechanics. */
    static <T> NvmlResult<T> of(NativeResult<T> r) {
        return new NvmlResult<>(r.symbol(), r.code(), r.value());
    }

    /** A failed call. */
    public static <T> NvmlResult<T> error(String symbol, NvmlReturn status) {
        return error(symbol, status.code());
    }

    /** The status; {@link NvmlReturn#UNKNOWN} for a code this build does not know. */
    public NvmlReturn status() {
        return NvmlReturn.fromCode(code);
    }

    /** Whether the call succeeded. */
    public boolean ok() {
        return code == NvmlReturn.SUCCESS.code();
    }

    /** The value, or the {@link NvmlException} the status calls for. */
    public T orThrow() {
        if (!ok()) {
            throw NvmlException.of(symbol, code);
        }
        return value;
    }

    /**
     * The value; empty when the device or driver does not offer it ({@code NOT_SUPPORTED}, or the symbol is
     * missing from this driver: {@code FUNCTION_NOT_FOUND}); any other failure throws.
     */
    public Optional<T> optional() {
        if (ok()) {
            return Optional.ofNullable(value);
        }
        var status = status();
        if (status == NvmlReturn.NOT_SUPPORTED || status == NvmlReturn.FUNCTION_NOT_FOUND) {
            return Optional.empty();
        }
        throw NvmlException.of(symbol, code);
    }

    /** The same call with its value transformed; failures pass through. */
    public <U> NvmlResult<U> map(Function<? super T, ? extends U> f) {
        return ok() ? new NvmlResult<>(symbol, code, f.apply(value)) : error(symbol, code);
    }

    /** Whether this call failed because the symbol or the feature is absent. */
    boolean absent() {
        return status() == NvmlReturn.NOT_SUPPORTED || status() == NvmlReturn.FUNCTION_NOT_FOUND;
    }
}
