package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A strict JSON (RFC 8259) reader for the OCI documents: UTF-8 only, no comments, no duplicate member names, nothing
 * after the document, nesting, strings and numbers bounded. Numbers keep their text ({@link JsonNumber}). An error
 * names the line and column (both from 1; the column counts bytes) and what was found there, on one line.
 */
final class JsonReader {
    /** The deepest nesting of objects and arrays accepted. */
    static final int MAX_DEPTH = 64;
    /** The longest string accepted, in bytes of the document. */
    static final int MAX_STRING_BYTES = 1 << 20;
    /** The longest number accepted, in characters. */
    static final int MAX_NUMBER_CHARS = 200;

    private final byte[] in;
    private final String what;
    private int pos;
    private StringBuilder scratch;

    private JsonReader(byte[] in, String what) {
        this.in = in;
        this.what = what;
    }

    /**
     * Reads one JSON value that fills {@code bytes} (white space around it aside).
     *
     * @return the value, or {@code null} when there is nothing but white space
     */
    static Object read(byte[] bytes, String what) throws HookException {
        var r = new JsonReader(bytes, what);
        r.skipSpace();
        if (r.pos == bytes.length) {
            return null;
        }
        var value = r.value(0);
        r.skipSpace();
        if (r.pos < bytes.length) {
            throw r.fail(r.pos, "more content after the document");
        }
        return value;
    }

    private Object value(int depth) throws HookException {
        if (pos >= in.length) {
            throw fail(pos, "unexpected end of input");
        }
        int b = in[pos];
        return switch (b) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", JsonNull.NULL);
            default -> {
                if (b == '-' || b >= '0' && b <= '9') {
                    yield number();
                }
                throw fail(pos, "unexpected " + found(pos));
            }
        };
    }

    private JsonObject object(int depth) throws HookException {
        if (depth > MAX_DEPTH) {
            throw fail(pos, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        var members = new LinkedHashMap<String, Object>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new JsonObject(members);
        }
        while (true) {
            if (peek() != '"') {
                throw fail(pos, "expected a member name in double quotes, found " + found(pos));
            }
            int at = pos;
            var name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (members.put(name, value(depth)) != null) {
                throw fail(at, "duplicate member \"" + name + "\"");
            }
            skipSpace();
            int c = peek();
            pos++;
            if (c == '}') {
                return new JsonObject(members);
            }
            if (c != ',') {
                throw fail(pos - 1, "expected ',' or '}' in an object, found " + found(pos - 1));
            }
            skipSpace();
        }
    }

    private JsonArray array(int depth) throws HookException {
        if (depth > MAX_DEPTH) {
            throw fail(pos, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        var elements = new ArrayList<Object>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new JsonArray(elements);
        }
        while (true) {
            elements.add(value(depth));
            skipSpace();
            int c = peek();
            pos++;
            if (c == ']') {
                return new JsonArray(elements);
            }
            if (c != ',') {
                throw fail(pos - 1, "expected ',' or ']' in an array, found " + found(pos - 1));
            }
            skipSpace();
        }
    }

    private Object word(String word, Object value) throws HookException {
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= in.length || in[pos + i] != word.charAt(i)) {
                throw fail(pos, "unexpected " + found(pos));
            }
        }
        pos += word.length();
        return value;
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private JsonNumber number() throws HookException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw fail(pos, "expected a digit, found " + found(pos));
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw fail(pos, "expected a digit after '.', found " + found(pos));
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw fail(pos, "expected a digit in the exponent, found " + found(pos));
            }
        }
        if (pos - start > MAX_NUMBER_CHARS) {
            throw fail(start, "a number longer than " + MAX_NUMBER_CHARS + " characters");
        }
        return new JsonNumber(new String(in, start, pos - start, StandardCharsets.ISO_8859_1));
    }

    private boolean digits() {
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        return pos > start;
    }

    private String string() throws HookException {
        int start = ++pos;
        // Plain ASCII without escapes, the common case, becomes a string in one copy.
        while (pos < in.length) {
            int b = in[pos];
            if (b == '"') {
                checkLength(start);
                return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            pos++;
        }
        var sb = scratch == null ? (scratch = new StringBuilder()) : scratch;
        sb.setLength(0);
        for (int i = start; i < pos; i++) {
            sb.append((char) in[i]);
        }
        while (true) {
            if (pos >= in.length) {
                throw fail(start - 1, "a string without its closing quote");
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                checkLength(start);
                pos++;
                return sb.toString();
            } else if (b == '\\') {
                escape(sb);
            } else if (b < 0x20) {
                throw fail(pos, "a control character in a string (U+00" + hex(b >> 4) + hex(b) + "; write it escaped)");
            } else if (b < 0x80) {
                sb.append((char) b);
                pos++;
            } else {
                utf8(sb);
            }
        }
    }

    private void checkLength(int start) throws HookException {
        if (pos - start > MAX_STRING_BYTES) {
            throw fail(start - 1, "a string longer than " + MAX_STRING_BYTES + " bytes");
        }
    }

    private void escape(StringBuilder sb) throws HookException {
        int at = pos++;
        int c = pos < in.length ? in[pos++] : -1;
        switch (c) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = pos < in.length ? Character.digit(in[pos], 16) : -1;
                    if (d < 0) {
                        throw fail(at, "an escape \\u without four hexadecimal digits");
                    }
                    v = v << 4 | d;
                    pos++;
                }
                sb.append((char) v);
            }
            default -> throw fail(at, "an unknown escape in a string: backslash then " + found(at + 1));
        }
    }

    /** One UTF-8 sequence: shortest form, no surrogates, at most U+10FFFF. */
    private void utf8(StringBuilder sb) throws HookException {
        int at = pos;
        int b = in[pos++] & 0xff;
        int n;
        int cp;
        int min;
        if (b >= 0xc2 && b <= 0xdf) {
            n = 1;
            cp = b & 0x1f;
            min = 0x80;
        } else if (b >= 0xe0 && b <= 0xef) {
            n = 2;
            cp = b & 0x0f;
            min = 0x800;
        } else if (b >= 0xf0 && b <= 0xf4) {
            n = 3;
            cp = b & 0x07;
            min = 0x10000;
        } else {
            throw fail(at, "invalid UTF-8 (byte 0x" + hex(b >> 4) + hex(b) + ")");
        }
        for (int i = 0; i < n; i++) {
            int c = pos < in.length ? in[pos] & 0xff : 0;
            if ((c & 0xc0) != 0x80) {
                throw fail(at, "invalid UTF-8 (a sequence cut short)");
            }
            cp = cp << 6 | c & 0x3f;
            pos++;
        }
        if (cp < min || cp > 0x10ffff || cp >= 0xd800 && cp <= 0xdfff) {
            throw fail(at, "invalid UTF-8 (an overlong form, a surrogate or beyond U+10FFFF)");
        }
        sb.appendCodePoint(cp);
    }

    private void skipSpace() {
        while (pos < in.length) {
            int b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    private void expect(char c) throws HookException {
        if (peek() != c) {
            throw fail(pos, "expected '" + c + "', found " + found(pos));
        }
        pos++;
    }

    /** How an error names the byte at {@code at}: a printable ASCII character quoted, else its code, or the end. */
    private String found(int at) {
        if (at >= in.length) {
            return "the end of the input";
        }
        int b = in[at] & 0xff;
        if (b > 0x20 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return "byte 0x" + hex(b >> 4) + hex(b);
    }

    private static char hex(int nibble) {
        return "0123456789abcdef".charAt(nibble & 0xf);
    }

    /** The error at byte {@code at}, with its line and column. */
    private HookException fail(int at, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at && i < in.length; i++) {
            if (in[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new HookException(what + ": not valid JSON at line " + line + ", column " + (at - lineStart + 1) + ": " + message);
    }
}
