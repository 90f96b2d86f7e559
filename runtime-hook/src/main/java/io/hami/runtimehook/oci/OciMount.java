package io.hami.runtimehook.oci;

import java.util.List;

/** One entry of {@code mounts}: {@code destination} in the container, {@code type}, {@code source}, {@code options}. */
public final class OciMount extends OciObject {

    /** A view of an existing entry. */
    public OciMount(JsonObject node) {
        super(node);
    }

    /** A new entry, members in the spec's order. */
    public OciMount(String destination, String type, String source, List<String> options) {
        putString("destination", destination);
        putString("type", type);
        putString("source", source);
        addStrings("options", options);
    }

    public String destination() {
        return string("destination");
    }

    public String type() {
        return string("type");
    }

    public String source() {
        return string("source");
    }

    public List<String> options() {
        return strings("options");
    }
}
