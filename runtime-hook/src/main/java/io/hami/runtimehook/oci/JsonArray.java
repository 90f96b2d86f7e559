package io.hami.runtimehook.oci;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JSON array of an OCI document. Its elements are JSON values as {@link JsonObject} describes them.
 */
public final class JsonArray implements Iterable<Object> {
    private final ArrayList<Object> elements;

    /** An empty array. */
    public JsonArray() {
        this.elements = new ArrayList<>();
    }

    JsonArray(ArrayList<Object> elements) {
        this.elements = elements;
    }

    public int size() {
        return elements.size();
    }

    /** The element at {@code index}. */
    public Object get(int index) {
        return elements.get(index);
    }

    /** Removes the element at {@code index}. */
    public void remove(int index) {
        elements.remove(index);
    }

    /** Appends a JSON value. */
    public JsonArray add(Object value) {
        elements.add(JsonObject.checkValue(value));
        return this;
    }

    /** Appends a number. */
    public JsonArray add(long value) {
        elements.add(JsonNumber.of(value));
        return this;
    }

    /** The elements, unmodifiable. */
    public List<Object> elements() {
        return java.util.Collections.unmodifiableList(elements);
    }

    @Override
    public Iterator<Object> iterator() {
        return elements().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonArray a && a.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    /** The array as compact JSON. */
    @Override
    public String toString() {
        return new String(JsonWriter.write(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
