package io.hami.model.annotation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.hami.model.wire.WireFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON annotation the way Go's {@code encoding/json} unmarshals it into a struct, over Jackson's streaming
 * parser so that every error names its path ({@code [1].devmem}).
 *
 * <p>Go rules reproduced: the whole text must be one valid JSON value (checked first, so a syntax error wins over a
 * type error); object keys match struct fields exactly or, failing that, case-insensitively (with Go's folding, where
 * {@code ſ} is {@code s} and the Kelvin sign is {@code k}); unknown keys are skipped; integers must be integer literals
 * ({@code 1.0} and {@code 1e3} are not) within the field's range. What a {@code null} means depends on the field's Go
 * type and is decided by the caller. Duplicate keys are applied in order, so the last one wins. Unpaired surrogates
 * in strings become U+FFFD, as invalid UTF-8 does in Go.
 *
 * <p>Known differences, all on input no HAMi writer produces: Jackson rejects an escaped unpaired surrogate in an
 * object key (Go reads U+FFFD), nesting deeper than 1000 levels and number literals longer than 1000 digits; on
 * repeated keys holding arrays of objects, Go merges the new elements into the old ones, we replace them.
 */
final class GoJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Called with the parser on a value's first token; must leave it on the value's last token. */
    @FunctionalInterface
    interface FieldReader {
        void read(int field, String key, String path) throws WireFormatException;
    }

    /** Called with the parser on an element's first token; must leave it on the element's last token. */
    @FunctionalInterface
    interface ElementReader {
        void read(int index, String path) throws WireFormatException;
    }

    /** Reads one device object; called with the parser on its {@code START_OBJECT}. */
    @FunctionalInterface
    interface DeviceReader<T> {
        T read(GoJson json, String path) throws WireFormatException;
    }

    /** HAMi's {@code GetNodeDevices} turns an empty or null device list into an error, and so do we. */
    static final String NO_DEVICES = "no devices registered (HAMi: no gpu found on node)";

    private final String format;
    private final JsonParser parser;

    /**
     * Reads a node's device registration: a JSON array of device objects, as every JSON register annotation
     * is. A null entry or a non-object is an error naming its index; {@code []} and {@code null} are
     * {@link #NO_DEVICES}.
     */
    static <T> List<T> deviceArray(String format, String wire, DeviceReader<T> reader) throws WireFormatException {
        var json = open(format, wire);
        var devices = new ArrayList<T>();
        if (json.token() == JsonToken.START_ARRAY) {
            json.array("", (i, path) -> {
                if (json.isNull()) {
                    throw json.error(path, "device entry is null", null);
                }
                if (json.token() != JsonToken.START_OBJECT) {
                    throw json.expected(path, "a device object");
                }
                devices.add(reader.read(json, path));
            });
        } else if (!json.isNull()) {
            throw json.expected("value", "an array of devices");
        }
        if (devices.isEmpty()) {
            throw new WireFormatException(format, "value", NO_DEVICES, wire);
        }
        return devices;
    }

    private GoJson(String format, JsonParser parser) {
        this.format = format;
        this.parser = parser;
    }

    /** Checks that {@code text} is exactly one JSON value and returns a reader on its first token. */
    static GoJson open(String format, String text) throws WireFormatException {
        try (var check = FACTORY.createParser(text)) {
            if (check.nextToken() == null) {
                throw new WireFormatException(format, "value", "not valid JSON: no value", text);
            }
            check.skipChildren();
            if (check.nextToken() != null) {
                throw notJson(format, text, "unexpected content after the top-level value", check);
            }
        } catch (JsonProcessingException e) {
            throw notJson(format, text, e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw new WireFormatException(format, "value", "not readable: " + e.getMessage(), text, e);
        }
        try {
            var parser = FACTORY.createParser(text);
            parser.nextToken();
            return new GoJson(format, parser);
        } catch (IOException e) {
            throw new WireFormatException(format, "value", "not readable: " + e.getMessage(), text, e);
        }
    }

    private static WireFormatException notJson(String format, String text, String why, JsonParser at) {
        return notJson(format, text, why, at, null);
    }

    private static WireFormatException notJson(String format, String text, String why, JsonParser at,
                                               JsonProcessingException cause) {
        var location = cause != null ? cause.getLocation() : at.currentTokenLocation();
        String where = location == null ? "" : " at offset " + location.getCharOffset();
        return new WireFormatException(format, "value", "not valid JSON: " + why + where, text, cause);
    }

    JsonToken token() {
        return parser.currentToken();
    }

    /** The current token as text: a string's content, a number's literal, {@code [} for an array start. */
    String text() throws WireFormatException {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** A type error at {@code path}, showing the current token. */
    WireFormatException expected(String path, String what) throws WireFormatException {
        return new WireFormatException(format, path, "expected " + what, text());
    }

    WireFormatException error(String path, String problem, String offending) {
        return new WireFormatException(format, path, problem, offending);
    }

    boolean isNull() {
        return parser.currentToken() == JsonToken.VALUE_NULL;
    }

    /** Skips the current value, whatever it is (Go ignores the values of unknown keys). */
    void skip() throws WireFormatException {
        try {
            parser.skipChildren();
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Reads any value into Go's {@code any}: everything is accepted except a number that a {@code float64} cannot hold
     * (Go's {@code ParseFloat} reports a range error for it).
     */
    void anyValue(String path) throws WireFormatException {
        try {
            int depth = 0;
            do {
                JsonToken t = parser.currentToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t.isNumeric() && Double.isInfinite(Double.parseDouble(parser.getText()))) {
                    throw new WireFormatException(format, path, "number out of float64 range", parser.getText());
                }
            } while (depth > 0 && parser.nextToken() != null);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** A string, with unpaired surrogates replaced by U+FFFD as Go's decoder does. */
    String string(String path) throws WireFormatException {
        if (token() != JsonToken.VALUE_STRING) {
            throw expected(path, "a string");
        }
        return GoText.sanitize(text());
    }

    boolean bool(String path) throws WireFormatException {
        return switch (token()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw expected(path, "true or false");
        };
    }

    /** An integer literal within {@code [min, max]}; {@code what} names the Go type, e.g. {@code a 32-bit integer}. */
    long integer(String path, long min, long max, String what) throws WireFormatException {
        if (token() != JsonToken.VALUE_NUMBER_INT) {
            throw expected(path, what);
        }
        String literal = text();
        try {
            long value = Long.parseLong(literal);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // beyond 64 bits: out of range for every Go type we read
        }
        throw expected(path, what);
    }

    int int32(String path) throws WireFormatException {
        return (int) integer(path, Integer.MIN_VALUE, Integer.MAX_VALUE, "a 32-bit integer");
    }

    long uint32(String path) throws WireFormatException {
        return integer(path, 0, 0xFFFF_FFFFL, "an unsigned 32-bit integer");
    }

    /** Reads the members of the current object, matching each key against {@code fields} as Go does. */
    void object(String path, String[] fields, FieldReader reader) throws WireFormatException {
        try {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = GoText.sanitize(parser.currentName());
                parser.nextToken();
                int field = match(key, fields);
                String at = field >= 0 ? join(path, fields[field]) : join(path, key);
                reader.read(field, key, at);
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** Reads the elements of the current array. */
    void array(String path, ElementReader reader) throws WireFormatException {
        try {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                reader.read(index, path + "[" + index + "]");
                index++;
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private WireFormatException unreadable(IOException e) {
        return new WireFormatException(format, "value", "not readable: " + e.getMessage(), null, e);
    }

    /**
     * Go's field lookup: the field whose name equals the key, else the first whose name equals it case-insensitively,
     * else -1.
     */
    static int match(String key, String[] fields) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(key)) {
                return i;
            }
        }
        String folded = fold(key);
        for (int i = 0; i < fields.length; i++) {
            if (fold(fields[i]).equals(folded)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Go's {@code foldName}: ASCII letters to upper case, every other rune to the smallest rune of its Unicode simple
     * case-folding orbit. Our field names are ASCII, and the only non-ASCII runes whose orbit holds an ASCII letter are
     * U+017F (long s, orbit of {@code S}) and U+212A (Kelvin sign, orbit of {@code K}); every other rune can never equal
     * an ASCII field name and is kept as it is.
     */
    static String fold(String name) {
        var sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - ('a' - 'A'));
            } else if (c == '\u017f') {
                c = 'S';
            } else if (c == '\u212a') {
                c = 'K';
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
