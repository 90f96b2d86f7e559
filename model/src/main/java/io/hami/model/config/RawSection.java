package io.hami.model.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The section of a vendor hami-java does not serve (Enflame, Kunlunxin, AWS Neuron, AMD, Vastai, Biren), kept
 * as the YAML mapping it was, so that a HAMi {@code device-config.yaml} loads and writes back unchanged. Its
 * content is not checked beyond being a mapping.
 *
 * <p>Jackson trees are mutable, so the tree is copied on the way in and on the way out. Numbers are held in
 * one form per value (the smallest of int, long and big integer; double for fractions), so that two sections
 * with the same YAML are equal however their trees were built.
 */
public record RawSection(ObjectNode tree) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RawSection {
        tree = (ObjectNode) normalized(Objects.requireNonNull(tree, "tree"));
    }

    /** A copy of the mapping. */
    @Override
    @JsonValue
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** A copy of the value of a key, or a missing node. */
    public JsonNode path(String key) {
        return tree.path(key).deepCopy();
    }

    /** A deep copy with numbers in their one form. */
    private static JsonNode normalized(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), normalized(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.arrayNode();
            node.forEach(item -> copy.add(normalized(item)));
            return copy;
        }
        if (node.isIntegralNumber()) {
            BigInteger n = node.bigIntegerValue();
            if (n.bitLength() <= 31) {
                return JSON.numberNode(n.intValue());
            }
            return n.bitLength() <= 63 ? JSON.numberNode(n.longValue()) : JSON.numberNode(n);
        }
        if (node.isNumber()) {
            return JSON.numberNode(node.doubleValue());
        }
        return node.deepCopy();
    }
}
