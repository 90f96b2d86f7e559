package io.hami.runtimehook.install;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * TOML as the installer needs it: a whole document parsed into a tree (to verify an edit), and single values and keys
 * written back as TOML text (to render the table the installer adds).
 */
final class TomlText {
    private static final TomlMapper MAPPER = new TomlMapper();
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private TomlText() {
    }

    /** The document's tree; {@code what} names it in the error. */
    static ObjectNode parse(String text, String what) throws InstallException {
        try {
            var node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? MAPPER.createObjectNode() : (ObjectNode) node;
        } catch (JacksonException e) {
            throw new InstallException(what + " is not valid TOML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
    }

    /** A new empty table. */
    static ObjectNode table() {
        return MAPPER.createObjectNode();
    }

    /** The node at {@code path} below {@code root}, or null. */
    static JsonNode at(JsonNode root, Iterable<String> path) {
        JsonNode n = root;
        for (var key : path) {
            n = n == null ? null : n.get(key);
        }
        return n;
    }

    /** The key as written in TOML: bare when it may be, quoted otherwise. */
    static String key(String key) {
        return BARE_KEY.matcher(key).matches() ? key : string(key);
    }

    /** The value as TOML text: strings, booleans, numbers, arrays and (inline) tables. */
    static String value(JsonNode v) throws InstallException {
        if (v.isTextual()) {
            return string(v.textValue());
        }
        if (v.isBoolean() || v.isIntegralNumber()) {
            return v.asText();
        }
        if (v.isFloatingPointNumber()) {
            double d = v.doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return Double.toString(d);
        }
        if (v.isArray()) {
            var sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(value(v.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v.isObject()) {
            var sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                sb.append(first ? " " : ", ").append(key(e.getKey())).append(" = ").append(value(e.getValue()));
                first = false;
            }
            return sb.append(first ? "}" : " }").toString();
        }
        throw new InstallException("cannot write a TOML value of kind " + v.getNodeType() + ": " + v);
    }

    /** A TOML basic string. */
    static String string(String s) {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
