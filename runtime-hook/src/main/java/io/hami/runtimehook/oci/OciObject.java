package io.hami.runtimehook.oci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The base of every OCI model class: a typed view over one JSON object. Getters read the member they name (the
 * document was checked by {@link OciShape} when it was read, so the types are right); setters write it in place.
 * Members the view does not name stay in {@link #node()} untouched, so a round trip gives back the same tree.
 */
public abstract class OciObject {
    private static final JsonObject[] NO_OBJECTS = {};

    private final JsonObject node;

    /** A view of {@code node}. */
    protected OciObject(JsonObject node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** A view of a new, empty object. */
    protected OciObject() {
        this(new JsonObject());
    }

    /** The object itself, with every member as read or as set. */
    public final JsonObject node() {
        return node;
    }

    /** A string member, or {@code null} when it is absent or {@code null}. */
    protected final String string(String name) {
        return node.get(name) instanceof String s ? s : null;
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
        return node.get(name) instanceof JsonNumber n ? n.longValue() : null;
    }

    /** A boolean member, or {@code null} when it is absent or {@code null}. */
    protected final Boolean bool(String name) {
        return node.get(name) instanceof Boolean b ? b : null;
    }

    /** A list of strings, empty when the member is absent or {@code null}. */
    protected final List<String> strings(String name) {
        if (!(node.get(name) instanceof JsonArray a)) {
            return List.of();
        }
        var list = new ArrayList<String>(a.size());
        for (int i = 0; i < a.size(); i++) {
            list.add((String) a.get(i));
        }
        return Collections.unmodifiableList(list);
    }

    /** Appends {@code values} to an array member, made empty first when it is missing or {@code null}. */
    protected final void addStrings(String name, List<String> values) {
        var a = array(name, true);
        for (var value : values) {
            a.add(value);
        }
    }

    /** An object member, or {@code null}; with {@code create}, a missing or {@code null} one is made empty first. */
    protected final JsonObject object(String name, boolean create) {
        if (node.get(name) instanceof JsonObject o) {
            return o;
        }
        return create ? node.putObject(name) : null;
    }

    /** An array member, or {@code null}; with {@code create}, a missing or {@code null} one is made empty first. */
    protected final JsonArray array(String name, boolean create) {
        if (node.get(name) instanceof JsonArray a) {
            return a;
        }
        return create ? node.putArray(name) : null;
    }

    /**
     * The objects of an array member, empty when the member is absent or {@code null}; each typed getter wraps them in
     * its view with a plain loop (no lambda: a container start loads no class it can do without, docs/performance.md).
     */
    protected final JsonObject[] objects(String name) {
        var a = array(name, false);
        if (a == null) {
            return NO_OBJECTS;
        }
        var objects = new JsonObject[a.size()];
        for (int i = 0; i < objects.length; i++) {
            objects[i] = (JsonObject) a.get(i);
        }
        return objects;
    }

    /** The object as compact JSON. */
    @Override
    public String toString() {
        return new String(OciJson.write(node), java.nio.charset.StandardCharsets.UTF_8);
    }
}
