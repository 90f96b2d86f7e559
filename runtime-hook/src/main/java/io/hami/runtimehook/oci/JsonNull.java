package io.hami.runtimehook.oci;

/** JSON's {@code null} as a member value or array element (an absent member is no value at all). */
public final class JsonNull {
    /** The one null. */
    public static final JsonNull NULL = new JsonNull();

    private JsonNull() {
    }

    @Override
    public String toString() {
        return "null";
    }
}
