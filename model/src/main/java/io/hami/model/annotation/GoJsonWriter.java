package io.hami.model.annotation;

/**
 * Writes compact JSON byte for byte as Go's {@code json.Marshal} does: no spaces, keys in the order the caller gives
 * (the Go struct's field order), and Go's HTML-safe string escaping: {@code <}, {@code >}, {@code &}, U+2028 and U+2029
 * as six-character escapes (backslash, {@code u003c}), {@code \b \f \n \r \t} short escapes, other control characters
 * as six-character escapes with lower-case hex; DEL and all other characters as they are.
 *
 * <p>An unpaired surrogate, which no record holds, is written as the escape of U+FFFD, as Go writes invalid UTF-8.
 */
final class GoJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(256);

    GoJsonWriter beginObject() {
        separate();
        out.append('{');
        return this;
    }

    GoJsonWriter endObject() {
        out.append('}');
        return this;
    }

    GoJsonWriter beginArray() {
        separate();
        out.append('[');
        return this;
    }

    GoJsonWriter endArray() {
        out.append(']');
        return this;
    }

    /** Writes a key; the value written next belongs to it. */
    GoJsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        return this;
    }

    GoJsonWriter value(String value) {
        separate();
        quote(value);
        return this;
    }

    GoJsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    GoJsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** A comma goes before every member and element except the first of its container and a key's value. */
    private void separate() {
        if (out.isEmpty()) {
            return;
        }
        char last = out.charAt(out.length() - 1);
        if (last != '{' && last != '[' && last != ':') {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(c);
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c);
                    } else if (Character.isSurrogate(c) && !pairedAt(s, i)) {
                        out.append("\\ufffd");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
