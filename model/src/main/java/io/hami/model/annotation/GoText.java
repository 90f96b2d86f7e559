package io.hami.model.annotation;

/**
 * Go standard-library string functions whose exact behaviour HAMi's annotation parsing relies on.
 *
 * <p>Java's nearest equivalents differ at the edges: {@link String#strip()} does not remove U+00A0 or
 * U+0085 and does remove U+001C..U+001F; {@link String#toUpperCase} applies full case mappings
 * ({@code ß} becomes {@code SS}); {@link Long#parseLong} accepts non-ASCII digits. Go does none of that.
 */
final class GoText {

    private GoText() {
    }

    /** Go {@code unicode.IsSpace}: Latin-1 {@code \t \n \v \f \r}, space, U+0085, U+00A0, and Unicode White_Space. */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
            case 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Go {@code strings.TrimSpace}. */
    static String trimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /** Go {@code strings.ToUpper}: the simple (one code point to one code point) upper-case mapping. */
    static String toUpper(String s) {
        var sb = new StringBuilder(s.length());
        s.codePoints().map(Character::toUpperCase).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** True when {@code s[from, to)} is non-empty and all ASCII digits. */
    static boolean allDigits(String s, int from, int to) {
        if (from >= to || to > s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Go {@code strconv.ParseInt(s, 10, 64)}: an optional sign, then one or more ASCII digits, in range.
     *
     * @throws NumberFormatException when Go would return an error (syntax or range)
     */
    static long parseInt64(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (!allDigits(s, i, s.length())) {
            throw new NumberFormatException("not a base-10 integer");
        }
        long magnitudeNegated = 0; // accumulate negatively so that Long.MIN_VALUE fits
        for (; i < s.length(); i++) {
            int digit = s.charAt(i) - '0';
            if (magnitudeNegated < (Long.MIN_VALUE + digit) / 10) {
                throw new NumberFormatException("out of int64 range");
            }
            magnitudeNegated = magnitudeNegated * 10 - digit;
        }
        if (!negative && magnitudeNegated == Long.MIN_VALUE) {
            throw new NumberFormatException("out of int64 range");
        }
        return negative ? magnitudeNegated : -magnitudeNegated;
    }
}
