package io.hami.model.wire;

/**
 * Checks of short ASCII tokens (decimal numbers, identifiers), written once and by hand rather than as regular
 * expressions: they run on every GPU container start, in a JVM started for it, where {@code java.util.regex} costs
 * its classes and each pattern's compilation.
 */
public final class AsciiText {

    private AsciiText() {
    }

    /** Whether {@code s} is {@code 0|[1-9][0-9]*} with at most {@code maxDigits} digits. */
    public static boolean isDecimal(String s, int maxDigits) {
        return !s.isEmpty() && s.length() <= maxDigits && isDigits(s) && (s.length() == 1 || s.charAt(0) != '0');
    }

    /** Whether {@code s} holds ASCII digits only (the empty string does). */
    public static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} is {@code [A-Za-z0-9][A-Za-z0-9<more>]*} of at most {@code maxLength} characters, where
     * {@code more} lists the punctuation allowed after the first character.
     */
    public static boolean isToken(String s, int maxLength, String more) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || more.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a lower-case RFC 4122 string: {@code [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}. */
    public static boolean isLowerUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
