package io.hami.model.config;

import com.fasterxml.jackson.core.JsonToken;

import java.util.List;
import java.util.Optional;

/**
 * A YAML value as read, with the line and column where it starts, so that errors found while binding and
 * validating can point into the file. Aliases, tags and multi-document streams never get this far.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    /** Where the node starts. */
    Location location();

    /** What the node is, for messages: {@code a list}, {@code a mapping}, {@code a string}. */
    String kind();

    /** How errors name a place: the YAML path ({@code (root)} for the document) and, when known, the location. */
    static String describe(String path, Location location) {
        String field = path.isEmpty() ? "(root)" : path;
        return location == null ? field : field + " (" + location + ")";
    }

    /** A 1-based line and column. */
    record Location(int line, int column) {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }

    /**
     * A scalar: {@code token} tells how YAML resolved it, {@code text} is as written, {@code number} holds a
     * {@code BigInteger} for integers and a {@code Double} for floats, null otherwise.
     */
    record Scalar(JsonToken token, String text, Number number, Location location) implements YamlNode {
        /** Whether YAML says null ({@code ~}, {@code null}) or the value is empty ({@code key:}). */
        boolean isNullOrEmpty() {
            return token == JsonToken.VALUE_NULL || (token == JsonToken.VALUE_STRING && text.isEmpty());
        }

        @Override
        public String kind() {
            return switch (token) {
                case VALUE_NUMBER_INT -> "an integer";
                case VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> "a string";
            };
        }
    }

    /** A list. */
    record Sequence(List<YamlNode> items, Location location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping with its keys in document order; keys are unique. */
    record Mapping(List<Entry> entries, Location location) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with where the key starts. */
    record Entry(String key, Location keyLocation, YamlNode value) {
    }
}
