package io.hami.model.annotation;

/**
 * The integer and boolean parsing of Go's {@code strconv} package, which HAMi's colon-separated formats use: base 10,
 * ASCII digits only, an optional {@code +} or {@code -}, leading zeros allowed, no spaces, no underscores. Failures
 * carry Go's reason, {@code invalid syntax} or {@code value out of range}.
 */
final class GoStrconv {
    static final String INVALID_SYNTAX = "invalid syntax";
    static final String OUT_OF_RANGE = "value out of range";

    private static final long UINT64_CUTOFF = Long.divideUnsigned(-1L, 10) + 1;

    /** A value that {@code strconv} rejects; {@link #getMessage()} is Go's reason. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(String reason) {
            super(reason, null, false, false);
        }
    }

    private GoStrconv() {
    }

    /** {@code strconv.ParseInt(s, 10, bitSize)}. */
    static long parseInt(String s, int bitSize) throws ParseException {
        if (s.isEmpty()) {
            throw new ParseException(INVALID_SYNTAX);
        }
        boolean negative = s.charAt(0) == '-';
        String digits = s.charAt(0) == '+' || negative ? s.substring(1) : s;
        long magnitude = parseUint(digits, bitSize);
        long cutoff = 1L << (bitSize - 1);
        if (!negative && Long.compareUnsigned(magnitude, cutoff) >= 0
                || negative && Long.compareUnsigned(magnitude, cutoff) > 0) {
            throw new ParseException(OUT_OF_RANGE);
        }
        return negative ? -magnitude : magnitude;
    }

    /** {@code strconv.Atoi(s)} on a 64-bit platform, narrowed to Java {@code int} (beyond it: out of range). */
    static int atoi(String s) throws ParseException {
        long value = parseInt(s, 64);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ParseException(OUT_OF_RANGE);
        }
        return (int) value;
    }

    /**
     * {@code strconv.ParseUint(s, 10, bitSize)}, which reports an overflow as soon as it happens, before looking at
     * the rest of the text ({@code 99999999999x} is out of range, not a syntax error).
     */
    private static long parseUint(String s, int bitSize) throws ParseException {
        if (s.isEmpty()) {
            throw new ParseException(INVALID_SYNTAX);
        }
        long max = bitSize == 64 ? -1L : (1L << bitSize) - 1;
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseException(INVALID_SYNTAX);
            }
            if (Long.compareUnsigned(n, UINT64_CUTOFF) >= 0) {
                throw new ParseException(OUT_OF_RANGE);
            }
            n *= 10;
            long next = n + (c - '0');
            if (Long.compareUnsigned(next, n) < 0 || Long.compareUnsigned(next, max) > 0) {
                throw new ParseException(OUT_OF_RANGE);
            }
            n = next;
        }
        return n;
    }

    /** {@code strconv.ParseBool(s)}: exactly 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
    static boolean parseBool(String s) throws ParseException {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new ParseException(INVALID_SYNTAX);
        };
    }
}
