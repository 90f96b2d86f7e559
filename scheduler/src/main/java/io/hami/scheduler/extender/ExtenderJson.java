package io.hami.scheduler.extender;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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
     * Reads {@code ExtenderArgs}.
     *
     * @throws IllegalArgumentException with the decoder's message when the body is not such JSON
     */
    public FilterArgs filterArgs(byte[] body) {
        JsonNode root = object(body);
        JsonNode pod = field(root, "Pod");
        JsonNode nodes = field(root, "Nodes");
        JsonNode names = field(root, "NodeNames");
        Optional<List<Node>> nodeList = Optional.empty();
        if (nodes != null && !nodes.isNull()) {
            JsonNode items = field(nodes, "items");
            var list = new ArrayList<Node>();
            if (items != null && items.isArray()) {
                for (JsonNode item : items.values()) {
                    list.add(convert(item, Node.class));
                }
            }
            nodeList = Optional.of(list);
        }
        Optional<List<String>> nameList = Optional.empty();
        if (names != null && !names.isNull()) {
            if (!names.isArray()) {
                throw new IllegalArgumentException("NodeNames: expected an array of strings");
            }
            var list = new ArrayList<String>();
            for (JsonNode n : names.values()) {
                if (!n.isString()) {
                    throw new IllegalArgumentException("NodeNames: expected an array of strings");
                }
                list.add(n.stringValue());
            }
            nameList = Optional.of(list);
        }
        Optional<Pod> p = pod == null || pod.isNull() ? Optional.empty() : Optional.of(convert(pod, Pod.class));
        return new FilterArgs(p, nodeList, nameList);
    }

    /** Reads {@code ExtenderBindingArgs}; missing fields read as empty strings. */
    public BindArgs bindArgs(byte[] body) {
        JsonNode root = object(body);
        return new BindArgs(text(root, "PodName"), text(root, "PodNamespace"), text(root, "PodUID"),
                text(root, "Node"));
    }

    /** Writes {@code ExtenderFilterResult}. */
    public byte[] write(FilterReply reply) {
        ObjectNode root = mapper.createObjectNode();
        if (reply.nodes().isPresent()) {
            ObjectNode list = root.putObject("Nodes");
            list.putObject("metadata");
            ArrayNode items = list.putArray("items");
            reply.nodes().get().forEach(n -> items.add(kube.convertValue(n, JsonNode.class)));
        } else {
            root.putNull("Nodes");
        }
        if (reply.nodeNames().isPresent()) {
            ArrayNode names = root.putArray("NodeNames");
            reply.nodeNames().get().forEach(names::add);
        } else {
            root.putNull("NodeNames");
        }
        if (reply.failedNodes().isPresent()) {
            ObjectNode failed = root.putObject("FailedNodes");
            reply.failedNodes().get().forEach(failed::put);
        } else {
            root.putNull("FailedNodes");
        }
        root.putNull("FailedAndUnresolvableNodes");
        root.put("Error", reply.error());
        return mapper.writeValueAsBytes(root);
    }

    /** Writes {@code ExtenderBindingResult}. */
    public byte[] bindReply(String error) {
        return mapper.writeValueAsBytes(mapper.createObjectNode().put("Error", error));
    }

    private JsonNode object(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
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
