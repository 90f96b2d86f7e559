package io.hami.runtimehook.oci;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.runtimehook.HookException;
import java.io.IOException;

/**
 * Reads and writes the OCI documents as Jackson trees: strict JSON (no comments, no duplicate keys, nothing after the
 * document), bounded size and nesting, and numbers kept exactly (integers of any size, decimals with their digits).
 * The model classes are typed views over these trees, so every member they do not name, every {@code null} and the
 * member order survive an edit. A tree, not data binding: binding would build a deserializer per class by reflection
 * on every container start, which costs more than the rest of the edit.
 */
public final class OciJson {
    /** The largest {@code config.json} or state the shim reads: real ones are a few KiB. */
    public static final int MAX_BYTES = 4 << 20;

    /** Makes the nodes of new members; decimals keep their scale. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(NODES)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).build());
    }

    private OciJson() {
    }

    /**
     * Reads one JSON object.
     *
     * @param what how the message names the input, e.g. {@code /run/…/config.json}
     * @throws HookException when it is larger than {@link #MAX_BYTES}, not JSON, or not an object
     */
    public static ObjectNode readObject(byte[] bytes, String what) throws HookException {
        if (bytes.length > MAX_BYTES) {
            throw new HookException(what + ": larger than " + MAX_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new HookException(what + ": not valid JSON" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HookException(what + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new HookException(what + ": expected a JSON object, found " + (tree == null || tree.isMissingNode() ? "nothing" : tree.getNodeType()));
        }
        return (ObjectNode) tree;
    }

    /** The tree as compact UTF-8 JSON. */
    public static byte[] write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
