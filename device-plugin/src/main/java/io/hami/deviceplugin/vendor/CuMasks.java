package io.hami.deviceplugin.vendor;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A set of a Hygon card's compute units as its vDCU configuration names them: two 64-bit masks, compute unit {@code i}
 * is bit {@code i} of the first for {@code i < 64} and bit {@code i - 64} of the second otherwise (docs/vendors.md,
 * "Device plugins"). Each mask is written as 16 lower-case hex digits, as HAMi's DCU plugin writes it.
 *
 * @param first  compute units 0 to 63
 * @param second compute units 64 to 127
 */
record CuMasks(long first, long second) {

    /** No compute unit. */
    static final CuMasks NONE = new CuMasks(0, 0);
    /** The compute units two masks can name. */
    static final int MAX_UNITS = 128;
    /** Hex digits of one mask. */
    static final int DIGITS = 16;

    /** The units of both. */
    CuMasks or(CuMasks other) {
        return new CuMasks(first | other.first, second | other.second);
    }

    /** How many units the masks name. */
    int count() {
        return Long.bitCount(first) + Long.bitCount(second);
    }

    /** Whether unit {@code i} is named. */
    boolean has(int i) {
        return ((i < 64 ? first : second) >>> (i & 63) & 1) != 0;
    }

    /** How many of a card's first {@code units} compute units (at most 128) the masks leave free. */
    int freeAmong(int units) {
        int free = 0;
        for (int i = 0; i < Math.min(units, MAX_UNITS); i++) {
            free += has(i) ? 0 : 1;
        }
        return free;
    }

    /** The first mask's 16 hex digits. */
    String firstHex() {
        return hex(first);
    }

    /** The second mask's 16 hex digits. */
    String secondHex() {
        return hex(second);
    }

    private static String hex(long mask) {
        return String.format(Locale.ROOT, "%016x", mask);
    }

    /**
     * The lowest {@code count} of a card's first {@code units} compute units that {@code used} leaves free: the first
     * mask's free units before the second's. HAMi's plugin means this rule but builds each hex digit by shifting, so
     * that it may pick a unit already in use; we follow the rule, not that arithmetic. Units beyond the card's own
     * (or beyond the 128 the masks can name) are never picked.
     *
     * @return empty when fewer than {@code count} units are free
     */
    static Optional<CuMasks> lowestFree(CuMasks used, int units, int count) {
        long first = 0;
        long second = 0;
        int taken = 0;
        for (int i = 0; i < Math.min(units, MAX_UNITS) && taken < count; i++) {
            if (!used.has(i)) {
                if (i < 64) {
                    first |= 1L << i;
                } else {
                    second |= 1L << (i - 64);
                }
                taken++;
            }
        }
        return taken < count ? Optional.empty() : Optional.of(new CuMasks(first, second));
    }

    /** The masks of two texts of exactly 16 hex digits each; empty for anything else. */
    static Optional<CuMasks> parse(String first, String second) {
        if (!isMask(first) || !isMask(second)) {
            return Optional.empty();
        }
        return Optional.of(new CuMasks(HexFormat.fromHexDigitsToLong(first), HexFormat.fromHexDigitsToLong(second)));
    }

    private static boolean isMask(String text) {
        return text.length() == DIGITS && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    }
}
