package io.hami.runtimehook.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The base of every OCI model class: a typed view over one JSON object. Getters read the member they name (the
 * document was checked by {@link OciShape} when it was read, so the types are right); setters write it in place.
 * Members the view does not name stay in {@link #node()} untouched, so a round trip gives back the same tree.
 */
public abstract class OciObject {
    private final ObjectNode node;

    /** A view of {@code node}. */
    protected OciObject(ObjectNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** A view of a new, empty object. */
    protected OciObject() {
        this(OciJson.NODES.objectNode());
    }

    /** The object itself, with every member as read or as set. */
    public final ObjectNode node() {
        return node;
    }

    /** A string member, or {@code null} when it is absent or {@code null}. */
    protected final String string(String name) {
        var v = node.get(name);
        return v == null || v.isNull() ? null : v.textValue();
    }

    /** Sets (or, for {@code null}, removes) a string member. */
    protected final void putString(String name, String value) {
        if (value == null) {
            node.remove(name);
        } else {
            node.put(name, value);
        }
    }

    /** An integer member, or {@code null} when it is absent or {@code null}. */
    protected final Long number(String name) {
        var v = node.get(name);
        return v == null || v.isNull() ? null : v.longValue();
    }

    /** A boolean member, or {@code null} when it is absent or {@code null}. */
    protected final Boolean bool(String name) {
        var v = node.get(name);
        return v == null || v.isNull() ? null : v.booleanValue();
    }

    /** A list of strings, empty when the member is absent or {@code null}. */
    protected final List<String> strings(String name) {
        var v = node.get(name);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        var list = new ArrayList<String>(v.size());
        v.forEach(e -> list.add(e.textValue()));
        return Collections.unmodifiableList(list);
    }

    /** An object member, or {@code null}; with {@code create}, a missing or {@code null} one is made empty first. */
    protected final ObjectNode object(String name, boolean create) {
        var v = node.get(name);
        if (v != null && v.isObject()) {
            return (ObjectNode) v;
        }
        return create ? node.putObject(name) : null;
    }

    /** An array member, or {@code null}; with {@code create}, a missing or {@code null} one is made empty first. */
    protected final ArrayNode array(String name, boolean create) {
        var v = node.get(name);
        if (v != null && v.isArray()) {
            return (ArrayNode) v;
        }
        return create ? node.putArray(name) : null;
    }

    /** The objects of an array member as views, empty when the member is absent or {@code null}. */
    protected final <T> List<T> views(String name, Function<ObjectNode, T> view) {
        var a = array(name, false);
        if (a == null) {
            return List.of();
        }
        var list = new ArrayList<T>(a.size());
        for (JsonNode e : a) {
            list.add(view.apply((ObjectNode) e));
        }
        return Collections.unmodifiableList(list);
    }

    /** The object as compact JSON. */
    @Override
    public String toString() {
        return new String(OciJson.write(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
