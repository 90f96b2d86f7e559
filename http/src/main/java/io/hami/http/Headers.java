package io.hami.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request's header fields by lower-case name, in arrival order; immutable. */
public final class Headers {

    private final Map<String, List<String>> fields;

    private Headers(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** No fields. */
    public static Headers none() {
        return new Headers(Map.of());
    }

    /** The values of a field (any case), in arrival order; empty when absent. */
    public List<String> all(String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of a field (any case). */
    public Optional<String> first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** Every field name, lower case. */
    public java.util.Set<String> names() {
        return fields.keySet();
    }

    /** Collects fields while a head is parsed. */
    static final class Builder {
        private final Map<String, List<String>> fields = new LinkedHashMap<>();
        private int count;

        void add(String name, String value) {
            fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
            count++;
        }

        int count() {
            return count;
        }

        Headers build() {
            var copy = new LinkedHashMap<String, List<String>>();
            fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new Headers(Collections.unmodifiableMap(copy));
        }
    }
}
