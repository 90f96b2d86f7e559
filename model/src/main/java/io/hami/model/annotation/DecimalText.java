package io.hami.model.annotation;

import io.hami.model.wire.WireFormatException;
import java.time.Instant;

/**
 * Numbers and Unix times as HAMi writes them into annotations with Go's {@code %d} and {@code strconv.FormatInt}:
 * plain decimal, no sign, no space. One reader for every such value, so that a sign, a space or an empty text is
 * refused with the same message everywhere.
 */
public final class DecimalText {

    private DecimalText() {
    }

    /** Unix seconds of {@code time}, e.g. {@code 1795860000} ({@code hami.io/vgpu-time}, Ascend's {@code predicate-time}). */
    public static String unixSeconds(Instant time) {
        return Long.toString(time.getEpochSecond());
    }

    /**
     * Unix nanoseconds of {@code time}, e.g. {@code 1795860000123456789} (Moore Threads' and MetaX's
     * {@code predicate-time}).
     *
     * @throws ArithmeticException for a time after 2262, which a long of nanoseconds cannot hold
     */
    public static String unixNanos(Instant time) {
        return Long.toString(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000_000L), time.getNano()));
    }

    /** Reads Unix seconds written by {@link #unixSeconds}; {@code format} and {@code field} name the value in errors. */
    public static Instant parseUnixSeconds(String format, String field, String text) throws WireFormatException {
        long seconds = nonNegativeLong(format, field, text);
        if (seconds > Instant.MAX.getEpochSecond()) {
            throw new WireFormatException(format, field, "beyond the largest time", text);
        }
        return Instant.ofEpochSecond(seconds);
    }

    /** Reads Unix nanoseconds written by {@link #unixNanos}. */
    public static Instant parseUnixNanos(String format, String field, String text) throws WireFormatException {
        long nanos = nonNegativeLong(format, field, text);
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    /** A decimal number of ASCII digits of at most 2147483647. */
    static int nonNegativeInt(String format, String field, String text) throws WireFormatException {
        long n = nonNegativeLong(format, field, text);
        if (n > Integer.MAX_VALUE) {
            throw new WireFormatException(format, field, "more than 2147483647", text);
        }
        return (int) n;
    }

    /** A decimal number of ASCII digits of at most 9223372036854775807. */
    static long nonNegativeLong(String format, String field, String text) throws WireFormatException {
        if (text == null || text.isEmpty()) {
            throw new WireFormatException(format, field, "empty, expected a decimal number", text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new WireFormatException(format, field, "not a decimal number of digits 0-9", text);
            }
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WireFormatException(format, field, "more than 9223372036854775807", text);
        }
    }
}
