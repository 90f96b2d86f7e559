package io.hami.scheduler.extender;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hami.scheduler.Kube;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.vendor.DeviceTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming reader and writer of the extender's envelope against ones that build the whole tree first (how it was
 * read and written before): the same arguments, or an error with the same message, for well-formed, odd and broken
 * bodies; the same bytes for every kind of answer.
 */
class ExtenderJsonStreamTest {
    private final KubernetesSerialization kube = new KubernetesSerialization();
    private final ExtenderJson json = new ExtenderJson(kube);
    private final JsonMapper mapper = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"NodeNames\":[\"a\",\"b\"]}",
            "{\"pod\":{\"metadata\":{\"name\":\"p\"}},\"NODENAMES\":[\"a\"],\"nodes\":null}",
            "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":[{\"metadata\":{\"name\":\"t1\"}}]}}",
            "{\"pod\":{\"metadata\":{\"name\":\"first\"}},\"POD\":{\"metadata\":{\"name\":\"second\"}}}",
            "{\"POD\":{\"metadata\":{\"name\":\"folded\"}},\"Pod\":{\"metadata\":{\"name\":\"exact\"}}}",
            "{\"NodeNames\":[\"a\"],\"NodeNames\":[\"b\",\"c\"]}",
            "{\"nodenames\":[\"a\"],\"NodeNAMES\":[\"b\"]}",
            "{\"Other\":{\"deep\":[1,{\"x\":[]}]},\"NodeNames\":[]}",
            "{\"Pod\":null,\"NodeNames\":null}",
            "{}",
            "{\"NodeNames\":[1]}",
            "{\"NodeNames\":\"a\"}",
            "{\"Pod\":",
            "{\"Pod\":{}} trailing",
            "{\"Pod\":{}} {}",
            "[1]",
            "[1,",
            "\"text\"",
            "",
            "{\"Pod\":{\"metadata\":{\"name\":7}}}",
            "{\"Pod\":[]}",
    })
    void readsWhatTheTreeReaderRead(String body) {
        assertThat(outcome(() -> json.filterArgs(bytes(body)))).isEqualTo(outcome(() -> treeRead(bytes(body))));
        assertThat(outcome(() -> json.filterArgs(bytes(body), knowing("a", "b", "c"))))
                .as("with the snapshot's names").isEqualTo(outcome(() -> treeRead(bytes(body))));
        assertThat(outcome(() -> json.filterArgs(inLongerBuffer(body), bytes(body).length, knowing("a", "b", "c"),
                usedList()))).as("read in place from the front of a longer buffer, into a kept list")
                .isEqualTo(outcome(() -> treeRead(bytes(body))));
    }

    /** A kept list of names after an earlier call. */
    private static NameList usedList() {
        var list = new NameList();
        list.add("earlier");
        list.keptAfterClear();
        return list;
    }

    /** The body at the front of a buffer that goes on with what an earlier, longer body left there. */
    static byte[] inLongerBuffer(String body) {
        return bytes(body + ",\"NodeNames\":[\"left\",\"over\"]} [1,");
    }

    @Test
    void takesTheNamesOfKnownNodesAsTheSnapshotsOwnStrings() {
        ClusterSnapshot known = knowing("node-1", "node-2");
        String node1 = known.node("node-1").orElseThrow().name();
        var names = json.filterArgs(bytes("{\"NodeNames\":[\"node-1\",\"node-3\",\"node\\u002d1\",\"node-\"]}"), known)
                .nodeNames().orElseThrow();
        assertThat(names).containsExactly("node-1", "node-3", "node-1", "node-");
        assertThat(names.get(0)).isSameAs(node1);
        assertThat(names.get(2)).as("an escaped spelling of the same name").isSameAs(node1);
    }

    @Test
    void aKeptListLearnsWhetherTheNamesRepeatAndTheFilterDropsTheRepeats() {
        ClusterSnapshot known = knowing("node-1", "node-2");
        var once = new NameList();
        json.filterArgs(bytes("{\"NodeNames\":[\"node-2\",\"node-3\",\"node-1\"]}"), 42, known, once);
        assertThat(once).containsExactly("node-2", "node-3", "node-1");
        assertThat(once.distinct()).isTrue();
        assertThat(CandidateNames.distinct(once)).containsExactly("node-2", "node-3", "node-1");

        for (String body : List.of("{\"NodeNames\":[\"node-2\",\"node-3\",\"node\\u002d2\"]}",
                "{\"NodeNames\":[\"node-3\",\"node-1\",\"node-3\"]}")) {
            var twice = new NameList();
            json.filterArgs(bytes(body), bytes(body).length, known, twice);
            assertThat(twice.distinct()).as(body).isFalse();
            assertThat(CandidateNames.distinct(twice)).as(body).hasSize(2).doesNotHaveDuplicates();
        }
    }

    /** A snapshot with one NVIDIA node of each name. */
    private static ClusterSnapshot knowing(String... names) {
        var builder = ClusterSnapshot.builder(DeviceTypes.defaults());
        for (String name : names) {
            builder.putNode(Kube.nvidiaNode(name, Kube.gpu("GPU-" + name, 0, 10, 1000, 100, 0)));
        }
        return builder.build();
    }

    static Stream<ExtenderJson.FilterReply> replies() {
        var failed = new LinkedHashMap<String, String>();
        failed.put("n2", "1/1 CardInsufficientMemory");
        failed.put("n1", "quote \" and \\ and \n and é");
        var template = new NodeBuilder().withNewMetadata().withName("t1")
                .addToLabels("a", "b").endMetadata().build();
        return Stream.of(ExtenderJson.FilterReply.names(List.of("n1")),
                ExtenderJson.FilterReply.names(List.of()), ExtenderJson.FilterReply.names(List.of("a", "b\"c")),
                ExtenderJson.FilterReply.failed(failed), ExtenderJson.FilterReply.failed(Map.of()),
                ExtenderJson.FilterReply.error("boom \"quoted\""),
                new ExtenderJson.FilterReply(Optional.of(List.of(template)), Optional.empty(), Optional.of(failed), ""));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void writesTheBytesTheTreeWriterWrote(ExtenderJson.FilterReply reply) {
        assertThat(new String(json.write(reply), StandardCharsets.UTF_8))
                .isEqualTo(new String(treeWrite(reply), StandardCharsets.UTF_8));
    }

    /** The writer as it was: a Jackson tree of the whole answer, then its bytes. */
    private byte[] treeWrite(ExtenderJson.FilterReply reply) {
        var root = mapper.createObjectNode();
        if (reply.nodes().isPresent()) {
            var list = root.putObject("Nodes");
            list.putObject("metadata");
            var items = list.putArray("items");
            reply.nodes().get().forEach(n -> items.add(kube.convertValue(n, JsonNode.class)));
        } else {
            root.putNull("Nodes");
        }
        if (reply.nodeNames().isPresent()) {
            var names = root.putArray("NodeNames");
            reply.nodeNames().get().forEach(names::add);
        } else {
            root.putNull("NodeNames");
        }
        if (reply.failedNodes().isPresent()) {
            var failed = root.putObject("FailedNodes");
            reply.failedNodes().get().forEach(failed::put);
        } else {
            root.putNull("FailedNodes");
        }
        root.putNull("FailedAndUnresolvableNodes");
        root.put("Error", reply.error());
        return mapper.writeValueAsBytes(root);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private interface Read {
        ExtenderJson.FilterArgs read();
    }

    private static String outcome(Read read) {
        try {
            var args = read.read();
            return "pod=" + args.pod().map(p -> p.getMetadata() == null ? "?" : p.getMetadata().getName())
                    + " nodes=" + args.nodes().map(l -> l.stream().map(n -> n.getMetadata().getName()).toList())
                    + " names=" + args.nodeNames();
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    /** The reader as it was: the whole body as a Jackson tree, then the keys looked up in it. */
    private ExtenderJson.FilterArgs treeRead(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
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
        return new ExtenderJson.FilterArgs(p, nodeList, nameList);
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return kube.convertValue(node, type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

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
}
