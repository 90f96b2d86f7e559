package io.hami.scheduler.page;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.NodeSnapshot;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.usage.DeviceUse;
import io.hami.scheduler.usage.PodUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The page's data ({@code GET /allocation.json}): what the scheduler counts, read from its latest snapshot, and the
 * pods the filter refused that are still waiting. Nothing is read from the API server: the snapshot and the informers'
 * cache are what the filter decides on.
 *
 * <pre>
 * {"generated": "…", "nodes": [{"name": "n1", "devices": [{"id": "GPU-…", "index": 0, "type": "nvidia",
 *   "model": "NVIDIA A100-SXM4-40GB", "slots": 10, "usedSlots": 1, "memoryMiB": 40960, "usedMemoryMiB": 3000,
 *   "cores": 100, "usedCores": 30, "healthy": true,
 *   "pods": [{"namespace": "default", "name": "p", "memoryMiB": 3000, "cores": 30}]}]}],
 *  "pending": [{"namespace": "default", "name": "q", "since": "…", "reasons": ["…"]}]}
 * </pre>
 */
public final class AllocationView {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AllocationView() {
    }

    /** The JSON of the page at {@code now}. */
    public static byte[] json(ClusterSnapshot snapshot, PendingReasons pending, KubeCache cache, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generated", now.toString());
        Map<String, List<PodUsage>> podsByNode = new HashMap<>();
        for (PodUsage p : snapshot.pods()) {
            podsByNode.computeIfAbsent(p.node(), k -> new ArrayList<>()).add(p);
        }
        ArrayNode nodes = root.putArray("nodes");
        snapshot.nodes().stream().sorted(Comparator.comparing(NodeSnapshot::name))
                .forEach(n -> node(nodes.addObject(), n, podsByNode.getOrDefault(n.name(), List.of())));
        ArrayNode waiting = root.putArray("pending");
        for (PendingReasons.Entry e : pending.entries()) {
            if (!stillWaiting(e, cache.pod(e.namespace(), e.name()))) {
                pending.forget(e.uid());
                continue;
            }
            ObjectNode o = waiting.addObject();
            o.put("namespace", e.namespace());
            o.put("name", e.name());
            o.put("since", e.since().toString());
            ArrayNode reasons = o.putArray("reasons");
            e.reasons().forEach(reasons::add);
        }
        return JSON.writeValueAsBytes(root);
    }

    private static void node(ObjectNode out, NodeSnapshot node, List<PodUsage> pods) {
        out.put("name", node.name());
        ArrayNode devices = out.putArray("devices");
        var sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(PodUsage::namespace).thenComparing(PodUsage::name));
        for (int i = 0; i < node.deviceCount(); i++) {
            DeviceSpec d = node.device(i);
            ObjectNode o = devices.addObject();
            o.put("id", d.id());
            o.put("index", d.index());
            o.put("type", d.type().id());
            o.put("model", d.model());
            o.put("slots", d.count());
            o.put("usedSlots", node.used(i));
            o.put("memoryMiB", d.totalMem());
            o.put("usedMemoryMiB", node.usedMem(i));
            o.put("cores", d.totalCores());
            o.put("usedCores", node.usedCores(i));
            o.put("healthy", d.healthy());
            ArrayNode onDevice = o.putArray("pods");
            for (PodUsage p : sorted) {
                for (DeviceUse u : p.devices().getOrDefault(d.type().id(), List.of())) {
                    if (u.uuid().equals(d.id())) {
                        ObjectNode po = onDevice.addObject();
                        po.put("namespace", p.namespace());
                        po.put("name", p.name());
                        po.put("memoryMiB", u.mem());
                        po.put("cores", u.cores());
                    }
                }
            }
        }
    }

    /** Whether the refused pod still exists, is the same pod, unbound and not finished. */
    private static boolean stillWaiting(PendingReasons.Entry e, Optional<Pod> pod) {
        if (pod.isEmpty() || !KubeObjects.uid(pod.get()).equals(e.uid())) {
            return false;
        }
        Pod p = pod.get();
        boolean bound = p.getSpec() != null && p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return !bound && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
