package io.hami.runtimehook.oci;

import io.hami.runtimehook.HookException;

/**
 * Reads and writes the OCI documents as trees of {@link JsonObject}s: strict JSON (UTF-8, no comments, no duplicate
 * member names, nothing after the document), bounded size and nesting, numbers kept exactly as written and characters
 * outside the BMP written as themselves. The model classes are typed views over these trees, so every member they do
 * not name, every {@code null} and the member order survive an edit.
 *
 * <p>The reader and writer are our own ({@link JsonReader}, {@link JsonWriter}), not a JSON library's: this runs on
 * every GPU container start, in a JVM started for it, where linking a library's parser, tree and number classes cost
 * more than the edit itself.
 */
public final class OciJson {
    /** The largest {@code config.json} or state the shim reads: real ones are a few KiB. */
    public static final int MAX_BYTES = 4 << 20;

    private OciJson() {
    }

    /**
     * Reads one JSON object.
     *
     * @param what how the message names the input, e.g. {@code /run/…/config.json}
     * @throws HookException when it is larger than {@link #MAX_BYTES}, not JSON (the message names the line and
     *                       column), or not an object
     */
    public static JsonObject readObject(byte[] bytes, String what) throws HookException {
        if (bytes.length > MAX_BYTES) {
            throw new HookException(what + ": larger than " + MAX_BYTES + " bytes");
        }
        var tree = JsonReader.read(bytes, what);
        if (tree == null) {
            throw new HookException(what + ": expected a JSON object, found nothing");
        }
        if (!(tree instanceof JsonObject object)) {
            throw new HookException(what + ": expected a JSON object, found " + JsonObject.typeName(tree));
        }
        return object;
    }

    /** The tree as compact UTF-8 JSON. */
    public static byte[] write(JsonObject tree) {
        return JsonWriter.write(tree);
    }
}
