package io.hami.runtimehook.oci;

import java.util.Arrays;

/**
 * Writes JSON values compactly as UTF-8: members in order, numbers as their text, characters outside the BMP as
 * themselves (four bytes). The quote, the backslash and the control characters are escaped (backspace, tab, newline,
 * form feed and carriage return in their two-character forms, the others as a backslash, u and four upper-case
 * hexadecimal digits, as Jackson writes them), and so is a lone surrogate, so that the output stays valid UTF-8.
 */
final class JsonWriter {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    private byte[] buf = new byte[8192];
    private int len;

    private JsonWriter() {
    }

    /** {@code value} as compact UTF-8 JSON. */
    static byte[] write(Object value) {
        var w = new JsonWriter();
        w.value(value);
        return Arrays.copyOf(w.buf, w.len);
    }

    private void value(Object v) {
        // instanceof, not a pattern switch: that links a bootstrap method on the first call of every JVM.
        if (v instanceof String s) {
            string(s);
        } else if (v instanceof JsonObject o) {
            byte sep = '{';
            for (var e : o.members()) {
                put(sep);
                sep = ',';
                string(e.getKey());
                put((byte) ':');
                value(e.getValue());
            }
            if (sep == '{') {
                put((byte) '{');
            }
            put((byte) '}');
        } else if (v instanceof JsonArray a) {
            put((byte) '[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    put((byte) ',');
                }
                value(a.get(i));
            }
            put((byte) ']');
        } else if (v instanceof JsonNumber n) {
            ascii(n.text());
        } else if (v instanceof Boolean b) {
            ascii(b ? "true" : "false");
        } else if (v == JsonNull.NULL) {
            ascii("null");
        } else {
            throw new IllegalArgumentException("not a JSON value: " + (v == null ? "null" : v.getClass().getName()));
        }
    }

    private void string(String s) {
        put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' || c == 0x7f) {
                put((byte) c);
            } else if (c < 0x80) {
                escape(c);
            } else if (c < 0x800) {
                put((byte) (0xc0 | c >> 6));
                put((byte) (0x80 | c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                put((byte) (0xf0 | cp >> 18));
                put((byte) (0x80 | cp >> 12 & 0x3f));
                put((byte) (0x80 | cp >> 6 & 0x3f));
                put((byte) (0x80 | cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                put((byte) (0xe0 | c >> 12));
                put((byte) (0x80 | c >> 6 & 0x3f));
                put((byte) (0x80 | c & 0x3f));
            }
        }
        put((byte) '"');
    }

    private void escape(char c) {
        byte shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm != 0) {
            put((byte) '\\');
            put(shortForm);
        } else {
            unicodeEscape(c);
        }
    }

    private void unicodeEscape(char c) {
        put((byte) '\\');
        put((byte) 'u');
        put(HEX[c >> 12 & 0xf]);
        put(HEX[c >> 8 & 0xf]);
        put(HEX[c >> 4 & 0xf]);
        put(HEX[c & 0xf]);
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put((byte) s.charAt(i));
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = b;
    }
}
