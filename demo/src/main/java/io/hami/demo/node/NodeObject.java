package io.hami.demo.node;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hami.kubelet.v1beta1.ListAndWatchResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's Node object, kept as kubelet keeps it: created (or relabelled) at start with the node's labels,
 * and its status updated with the device plugin's resource (capacity: every device ListAndWatch lists;
 * allocatable: the healthy ones) and a {@code Ready} condition. Annotations belong to the device plugin and
 * the scheduler; this class writes them only for a node whose plugin is a stand-in ({@link #annotate}).
 */
final class NodeObject {
    /** A simulated node's fixed CPU, memory and pod capacity, enough for any demo workload. */
    private static final Map<String, String> BASE_CAPACITY = Map.of("cpu", "64", "memory", "512Gi", "pods", "110");

    private final KubernetesClient client;
    private final String name;
    private final Map<String, String> labels;

    NodeObject(KubernetesClient client, String name, Map<String, String> labels) {
        this.client = client;
        this.name = name;
        this.labels = Map.copyOf(labels);
    }

    /** Creates the Node with its labels, or adds the labels to a Node that exists (a node agent restart). */
    void register() {
        var existing = client.nodes().withName(name).get();
        if (existing == null) {
            var node = new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build();
            client.nodes().resource(node).create();
        } else {
            var patch = new NodeBuilder().withNewMetadata().withLabels(labels).endMetadata().build();
            client.nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
        }
        updateStatus(Map.of());
    }

    /** Publishes the plugin's devices from one ListAndWatch update as {@code resource}'s capacity. */
    void devices(String resource, ListAndWatchResponse update) {
        long healthy = update.getDevicesList().stream().filter(d -> "Healthy".equals(d.getHealth())).count();
        updateStatus(Map.of(resource, new long[] {update.getDevicesCount(), healthy}));
    }

    /** Publishes fixed device counts, as a vendor's own plugin would through kubelet: capacity and allocatable alike. */
    void capacity(Map<String, Long> counts) {
        var resources = new HashMap<String, long[]>();
        counts.forEach((resource, n) -> resources.put(resource, new long[] {n, n}));
        updateStatus(resources);
    }

    /** Merges {@code annotations} into the Node's, as the vendor's plugin writes its registration. */
    void annotate(Map<String, String> annotations) {
        var patch = new NodeBuilder().withNewMetadata().withAnnotations(annotations).endMetadata().build();
        client.nodes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(patch));
    }

    /**
     * A merge patch of the status subresource, without a resourceVersion: kubelet owns the Node's status, while the
     * device plugin and the scheduler patch its annotations at the same time, so a read-modify-write would
     * conflict with them for nothing.
     */
    private void updateStatus(Map<String, long[]> resources) {
        var capacity = new HashMap<String, Quantity>();
        BASE_CAPACITY.forEach((k, v) -> capacity.put(k, new Quantity(v)));
        var allocatable = new HashMap<>(capacity);
        resources.forEach((resource, counts) -> {
            capacity.put(resource, new Quantity(Long.toString(counts[0])));
            allocatable.put(resource, new Quantity(Long.toString(counts[1])));
        });
        var status = new NodeBuilder().withNewStatus().withCapacity(capacity).withAllocatable(allocatable)
                .withConditions(List.of(ready())).endStatus().build();
        client.nodes().withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(status));
    }

    private static NodeCondition ready() {
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet stand-in is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now).build();
    }
}
