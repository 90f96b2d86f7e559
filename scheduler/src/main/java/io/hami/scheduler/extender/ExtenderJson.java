package io.hami.scheduler.extender;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of {@code k8s.io/kube-scheduler/extender/v1} (docs/scheduler.md, "Extender endpoints and JSON"). The Go
 * structs have no JSON tags, so keys are the Go field names; Go decodes them case-insensitively, and so does this
 * reader. Replies spell them as Go does and emit every field, {@code null} included. Kubernetes objects inside go
 * through fabric8's serialization; the envelope is a Jackson tree.
 */
public final class ExtenderJson {

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final KubernetesSerialization kube;

    public ExtenderJson(KubernetesSerialization kube) {
        this.kube = kube;
    }

    /** {@code ExtenderArgs}: the pod, the template nodes of a simulation, or the candidate node names. */
    public record FilterArgs(Optional<Pod> pod, Optional<List<Node>> nodes, Optional<List<String>> nodeNames) {
    }

    /** {@code ExtenderBindingArgs}. */
    public record BindArgs(String podName, String podNamespace, String podUid, String node) {
    }

    /** {@code ExtenderFilterResult}; absent parts are written as {@code null}. */
    public record FilterReply(Optional<List<Node>> nodes, Optional<List<String>> nodeNames,
                              Optional<Map<String, String>> failedNodes, String error) {

        public static FilterReply names(List<String> names) {
            return new FilterReply(Optional.empty(), Optional.of(names), Optional.empty(), "");
        }

        public static FilterReply failed(Map<String, String> failed) {
            return new FilterReply(Optional.empty(), Optional.empty(), Optional.of(failed), "");
        }

        public static FilterReply error(String error) {
            return new FilterReply(Optional.empty(), Optional.empty(), Optional.empty(), error);
        }
    }

    /**
     * Reads {@code ExtenderArgs}. The envelope is read as a stream: the candidate names (thousands on a large
     * cluster) go straight into a list, without a tree; only the pod and template nodes become trees for fabric8.
     * Keys match as {@link #field} says: an exact key wins, else the first key equal ignoring case; a repeated key
     * keeps its last value.
     *
     * @throws IllegalArgumentException with the decoder's message when the body is not such JSON
     */
    public FilterArgs filterArgs(byte[] body) {
        return filterArgs(body, body.length, null);
    }

    /** {@link #filterArgs(byte[], int, ClusterSnapshot)} of a whole array. */
    public FilterArgs filterArgs(byte[] body, ClusterSnapshot known) {
        return filterArgs(body, body.length, known);
    }

    /** {@link #filterArgs(byte[], int, ClusterSnapshot, NameList)} into a list of its own. */
    public FilterArgs filterArgs(byte[] body, int length, ClusterSnapshot known) {
        return filterArgs(body, length, known, null);
    }

    /**
     * {@link #filterArgs(byte[])}, taking each candidate name that names a node of {@code known} as that snapshot's own
     * string ({@link ClusterSnapshot#nodeName}) instead of a new one: a call names thousands of nodes, and their
     * strings were the largest allocation of a {@code /filter} call (docs/performance.md). The arguments are equal
     * either way.
     *
     * @param body  the body in its first {@code length} bytes (read in place, not copied)
     * @param known the latest snapshot, or {@code null} to make every name anew
     * @param into  an empty list the first {@code NodeNames} array is read into (a body that repeats the key reads
     *              the others into lists of their own), or {@code null} for a list of its own
     */
    FilterArgs filterArgs(byte[] body, int length, ClusterSnapshot known, NameList into) {
        var pod = new Wanted<JsonNode>("Pod");
        var nodes = new Wanted<JsonNode>("Nodes");
        var names = new Wanted<Optional<List<String>>>("NodeNames");
        try (JsonParser parser = mapper.createParser(body, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                object(body, length); // not an object: the tree reader's error, as before
                throw new IllegalArgumentException("expected a JSON object");
            }
            for (String key = parser.nextName(); key != null; key = parser.nextName()) {
                parser.nextToken();
                if (pod.matches(key)) {
                    pod.put(key, parser.readValueAsTree());
                } else if (nodes.matches(key)) {
                    nodes.put(key, parser.readValueAsTree());
                } else if (names.matches(key)) {
                    names.put(key, nodeNames(parser, length, known, into));
                    into = null;
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                object(body, length); // content after the object: the tree reader's answer to it, as before
            }
        } catch (JacksonException e) {
            object(body, length); // the tree reader's message for the same syntax error, as before
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        Optional<List<Node>> nodeList = Optional.empty();
        JsonNode nodesTree = nodes.value();
        if (nodesTree != null && !nodesTree.isNull()) {
            JsonNode items = field(nodesTree, "items");
            var list = new ArrayList<Node>();
            if (items != null && items.isArray()) {
                for (JsonNode item : items.values()) {
                    list.add(convert(item, Node.class));
                }
            }
            nodeList = Optional.of(list);
        }
        Optional<List<String>> nameList = names.value() == null ? Optional.empty() : names.value();
        if (nameList == NOT_STRINGS) {
            throw new IllegalArgumentException("NodeNames: expected an array of strings");
        }
        JsonNode podTree = pod.value();
        Optional<Pod> p = podTree == null || podTree.isNull() ? Optional.empty() : Optional.of(convert(podTree, Pod.class));
        return new FilterArgs(p, nodeList, nameList);
    }

    /**
     * {@code NodeNames} at the parser's current token: an array of strings, null (absent), or {@link #NOT_STRINGS}
     * (reported once the whole body has parsed, so that a syntax error later in it is the one reported, as before).
     */
    private static Optional<List<String>> nodeNames(JsonParser parser, int bodyLength, ClusterSnapshot known,
                                                    NameList into) {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return Optional.empty();
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return NOT_STRINGS;
        }
        // Sized from the body so that thousands of names do not regrow the list (a quoted node name and its comma take
        // about a dozen bytes). With the snapshot known, for up to all of its nodes (kube-scheduler names each at most
        // once; a dozen bytes each fell short of 5,000 names of up to nine characters), but not more than the body can
        // hold in short names. Only a longer list of names grows.
        int expected = known == null ? bodyLength / NAME_BYTES
                : Math.min(known.nodes().size(), bodyLength / SHORT_NAME_BYTES);
        List<String> list;
        if (into != null) {
            into.ensureCapacity(expected);
            list = into;
        } else {
            list = new ArrayList<>(Math.max(10, expected));
        }
        boolean strings = true;
        if (into != null && known != null) {
            // Each name with its slot in the snapshot's table: the list learns whether a name repeats on the way.
            into.slotsOf(known);
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    int slot = known.nodeSlot(parser.getStringCharacters(), parser.getStringOffset(),
                            parser.getStringLength());
                    if (slot >= 0) {
                        into.addNode(known.nodeNameAt(slot), slot);
                    } else {
                        into.addOther(parser.getString());
                    }
                } else {
                    strings = false;
                    parser.skipChildren();
                }
            }
            return strings ? Optional.of(list) : NOT_STRINGS;
        }
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                String name = known == null ? null : known.nodeName(parser.getStringCharacters(),
                        parser.getStringOffset(), parser.getStringLength());
                list.add(name != null ? name : parser.getString());
            } else {
                strings = false;
                parser.skipChildren();
            }
        }
        return strings ? Optional.of(list) : NOT_STRINGS;
    }

    /** About the bytes a candidate name takes in the body, for sizing the list of names. */
    private static final int NAME_BYTES = 12;

    /** The bytes of a short candidate name in the body (five characters, quotes and comma), for an upper bound. */
    private static final int SHORT_NAME_BYTES = 8;

    /** The value {@link #nodeNames} reads when {@code NodeNames} is not an array of strings. */
    private static final Optional<List<String>> NOT_STRINGS = Optional.of(List.of());

    /**
     * One envelope key as a tree would hold it: the value of the exact key if there is one, else of the first key
     * (by first appearance) equal ignoring case; the last value of a repeated key.
     */
    private static final class Wanted<T> {
        private final String name;
        private T exact;
        private String folded;
        private T foldedValue;

        private final String lower;

        Wanted(String name) {
            this.name = name;
            this.lower = name.toLowerCase(Locale.ROOT);
        }

        boolean matches(String key) {
            return key.equals(name) || key.toLowerCase(Locale.ROOT).equals(lower) && (folded == null || folded.equals(key));
        }

        void put(String key, T value) {
            if (key.equals(name)) {
                exact = value;
            } else {
                folded = key;
                foldedValue = value;
            }
        }

        T value() {
            return exact != null ? exact : foldedValue;
        }
    }

    /** Reads {@code ExtenderBindingArgs}; missing fields read as empty strings. */
    public BindArgs bindArgs(byte[] body) {
        return bindArgs(body, body.length);
    }

    /** {@link #bindArgs(byte[])} of the first {@code length} bytes of {@code body}. */
    public BindArgs bindArgs(byte[] body, int length) {
        JsonNode root = object(body, length);
        return new BindArgs(text(root, "PodName"), text(root, "PodNamespace"), text(root, "PodUID"),
                text(root, "Node"));
    }

    /**
     * Writes {@code ExtenderFilterResult}, streamed: a pass-through or an unschedulable answer names every candidate,
     * thousands on a large cluster, and none of them needs a tree.
     */
    public byte[] write(FilterReply reply) {
        // Sized for the names a pass-through or an unschedulable answer carries, so that the buffer is not regrown.
        int names = reply.nodeNames().map(List::size).orElse(0) + reply.failedNodes().map(Map::size).orElse(0);
        var out = new ByteArrayOutputStream(256 + 32 * names);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            if (reply.nodes().isPresent()) {
                g.writeObjectPropertyStart("Nodes");
                g.writeObjectPropertyStart("metadata");
                g.writeEndObject();
                g.writeArrayPropertyStart("items");
                for (Node n : reply.nodes().get()) {
                    g.writeTree(kube.convertValue(n, JsonNode.class));
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                g.writeNullProperty("Nodes");
            }
            if (reply.nodeNames().isPresent()) {
                g.writeArrayPropertyStart("NodeNames");
                for (String name : reply.nodeNames().get()) {
                    g.writeString(name);
                }
                g.writeEndArray();
            } else {
                g.writeNullProperty("NodeNames");
            }
            if (reply.failedNodes().isPresent()) {
                g.writeObjectPropertyStart("FailedNodes");
                for (var e : reply.failedNodes().get().entrySet()) {
                    g.writeStringProperty(e.getKey(), e.getValue());
                }
                g.writeEndObject();
            } else {
                g.writeNullProperty("FailedNodes");
            }
            g.writeNullProperty("FailedAndUnresolvableNodes");
            g.writeStringProperty("Error", reply.error());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Writes {@code ExtenderBindingResult}. */
    public byte[] bindReply(String error) {
        return mapper.writeValueAsBytes(mapper.createObjectNode().put("Error", error));
    }

    private JsonNode object(byte[] body, int length) {
        JsonNode root;
        try {
            root = mapper.readTree(body, 0, length);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return root;
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return kube.convertValue(node, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The value of the first key equal to {@code name} ignoring case (Go's rule), or {@code null}. */
    private static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (var e : object.properties()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode object, String name) {
        JsonNode v = field(object, name);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(name + ": expected a string");
        }
        return v.stringValue();
    }
}
