package io.hami.model.annotation;

/**
 * Unicode hygiene at the wire boundary. Annotations are UTF-8; a Java string can still hold an unpaired surrogate
 * (from a {@code \ud800} JSON escape, or from a caller), which no record accepts.
 */
final class GoText {
    private static final char REPLACEMENT = '\ufffd';

    private GoText() {
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
