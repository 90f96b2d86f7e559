package io.hami.runtimehook.oci;

import java.util.Objects;

/**
 * A JSON number exactly as the document wrote it: the text is kept and written back unchanged, so an integer of any
 * size and a decimal with all its digits survive an edit. The reader has checked the text against JSON's grammar.
 * (A class, not a record: a record's {@code equals} links a bootstrap method at first use.)
 */
public final class JsonNumber {
    private final String text;

    /** The number written as {@code text}, which must be a JSON number. */
    JsonNumber(String text) {
        this.text = Objects.requireNonNull(text, "text");
    }

    /** The number {@code value}. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value));
    }

    /** The literal, e.g. {@code 18446744073709551615} or {@code 1.50}. */
    public String text() {
        return text;
    }

    /** Whether the literal is an integer (no fraction, no exponent), whatever its size. */
    public boolean isIntegral() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** The value as a {@code long}, or {@code null} when it is not an integer or does not fit. */
    public Long longValue() {
        if (!isIntegral()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The same literal (JSON compares numbers by value; the shim keeps and compares text). */
    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber n && n.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
