package io.hami.runtimehook.oci;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hami.runtimehook.HookException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads and writes the OCI documents as Jackson trees: strict JSON (no comments, no duplicate keys, nothing after the
 * document), bounded size and nesting, numbers kept exactly (integers of any size, decimals with their digits) and
 * characters outside the BMP written as themselves. The model classes are typed views over these trees, so every
 * member they do not name, every {@code null} and the member order survive an edit.
 *
 * <p>Trees are built and written on Jackson's streaming parser and generator, not through an {@code ObjectMapper}:
 * this runs on every container start, and setting up a mapper (or data binding, which also builds a deserializer per
 * class by reflection) costs several times the rest of the edit.
 */
public final class OciJson {
    /** The largest {@code config.json} or state the shim reads: real ones are a few KiB. */
    public static final int MAX_BYTES = 4 << 20;

    /** Makes the nodes of trees and of new members; decimals keep their scale. */
    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).build())
            .build();

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
        try (var parser = FACTORY.createParser(bytes)) {
            var first = parser.nextToken();
            if (first == null) {
                throw new HookException(what + ": expected a JSON object, found nothing");
            }
            tree = read(parser, first);
            if (parser.nextToken() != null) {
                throw new HookException(what + ": not valid JSON at line " + parser.currentLocation().getLineNr() + ", column "
                        + parser.currentLocation().getColumnNr() + ": more content after the document");
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new HookException(what + ": not valid JSON" + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new HookException(what + ": " + e.getMessage(), e);
        }
        if (!tree.isObject()) {
            throw new HookException(what + ": expected a JSON object, found " + tree.getNodeType());
        }
        return (ObjectNode) tree;
    }

    private static JsonNode read(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                var object = NODES.objectNode();
                for (var t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    var name = p.currentName();
                    object.set(name, read(p, p.nextToken()));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = NODES.arrayNode();
                for (var t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    array.add(read(p, t));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new JsonParseFailure(p, "unexpected " + token);
        };
    }

    /** The tree as compact UTF-8 JSON. */
    public static byte[] write(JsonNode tree) {
        var out = new ByteArrayOutputStream(8192);
        try (var generator = FACTORY.createGenerator(out)) {
            write(generator, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a JSON tree", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (var e : n.properties()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (var e : n) {
                    write(g, e);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> {
                if (n.isInt()) {
                    g.writeNumber(n.intValue());
                } else if (n.isLong()) {
                    g.writeNumber(n.longValue());
                } else if (n.isBigInteger()) {
                    g.writeNumber(n.bigIntegerValue());
                } else {
                    g.writeNumber(n.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
        }
    }

    /** A token the grammar does not allow where it stands. */
    private static final class JsonParseFailure extends com.fasterxml.jackson.core.JsonParseException {
        private static final long serialVersionUID = 1L;

        JsonParseFailure(JsonParser p, String message) {
            super(p, message);
        }
    }
}
