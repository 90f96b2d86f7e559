package io.hami.model.annotation;

/**
 * Go standard-library string functions whose exact behaviour HAMi's annotation parsing relies on.
 *
 * <p>Java's nearest equivalents differ at the edges: {@link String#strip()} does not remove U+00A0 or
 * U+0085 and does remove U+001C..U+001F; {@link String#toUpperCase} applies full case mappings
 * ({@code ß} becomes {@code SS}); Go does neither. (Go's number parsing is in {@link GoStrconv}.)
 *
 * <p>It also keeps Unicode hygiene at the wire boundary: annotations are UTF-8, but a Java string can still
 * hold an unpaired surrogate (from a {@code \ud800} JSON escape, or from a caller), which no record accepts.
 */
final class GoText {
    private static final char REPLACEMENT = '\ufffd';

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

    /** Index of the first unpaired surrogate, or -1 when {@code s} is well-formed UTF-16. */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** What Go's JSON decoder makes of a string: every unpaired surrogate becomes U+FFFD. */
    static String sanitize(String s) {
        int first = unpairedSurrogate(s);
        if (first < 0) {
            return s;
        }
        var sb = new StringBuilder(s.length()).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return sb.toString();
    }
}
