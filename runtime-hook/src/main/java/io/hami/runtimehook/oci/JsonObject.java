package io.hami.runtimehook.oci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON object of an OCI document: members in document order, names unique. A member's value is one of
 * {@link String}, {@link JsonNumber}, {@link Boolean}, {@link JsonNull#NULL}, {@link JsonObject} or {@link JsonArray};
 * an absent member is {@code null} from {@link #get}.
 */
public final class JsonObject {
    private final LinkedHashMap<String, Object> members;

    /** An empty object. */
    public JsonObject() {
        this.members = new LinkedHashMap<>();
    }

    JsonObject(LinkedHashMap<String, Object> members) {
        this.members = members;
    }

    /** The value of member {@code name}, or {@code null} when there is none. */
    public Object get(String name) {
        return members.get(name);
    }

    /** Sets member {@code name} to a JSON value (a new member goes last, an existing one keeps its place). */
    public JsonObject set(String name, Object value) {
        members.put(Objects.requireNonNull(name, "name"), checkValue(value));
        return this;
    }

    public JsonObject put(String name, String value) {
        return set(name, value);
    }

    public JsonObject put(String name, long value) {
        return set(name, JsonNumber.of(value));
    }

    public JsonObject put(String name, boolean value) {
        return set(name, value);
    }

    public JsonObject putNull(String name) {
        return set(name, JsonNull.NULL);
    }

    /** Sets member {@code name} to a new empty object and returns that. */
    public JsonObject putObject(String name) {
        var child = new JsonObject();
        set(name, child);
        return child;
    }

    /** Sets member {@code name} to a new empty array and returns that. */
    public JsonArray putArray(String name) {
        var child = new JsonArray();
        set(name, child);
        return child;
    }

    /** Removes member {@code name}, if present. */
    public void remove(String name) {
        members.remove(name);
    }

    public int size() {
        return members.size();
    }

    /** The members in order, unmodifiable. */
    public Set<Map.Entry<String, Object>> members() {
        return Collections.unmodifiableMap(members).entrySet();
    }

    static Object checkValue(Object value) {
        if (value instanceof String || value instanceof JsonNumber || value instanceof Boolean || value instanceof JsonObject
                || value instanceof JsonArray || value == JsonNull.NULL) {
            return value;
        }
        throw new IllegalArgumentException("not a JSON value: " + (value == null ? "null" : value.getClass().getName()));
    }

    /** The JSON type of a value, as errors name it: OBJECT, ARRAY, STRING, NUMBER, BOOLEAN or NULL. */
    static String typeName(Object value) {
        if (value instanceof JsonObject) {
            return "OBJECT";
        } else if (value instanceof JsonArray) {
            return "ARRAY";
        } else if (value instanceof String) {
            return "STRING";
        } else if (value instanceof JsonNumber) {
            return "NUMBER";
        } else if (value instanceof Boolean) {
            return "BOOLEAN";
        }
        return "NULL";
    }

    /** Equal members (order aside), as JSON compares objects. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JsonObject other && other.members.equals(members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }

    /** The object as compact JSON. */
    @Override
    public String toString() {
        return new String(JsonWriter.write(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
