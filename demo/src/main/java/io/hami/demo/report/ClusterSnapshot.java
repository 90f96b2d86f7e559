package io.hami.demo.report;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.scheduling.PodRecord;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.PodDevices;
import io.hami.model.vendor.VendorDescriptor;
import io.hami.model.vendor.Vendors;
import io.hami.model.wire.WireFormatException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the cluster holds at one moment, read through its public interfaces only: each node's registered GPUs
 * ({@code hami.io/node-nvidia-register}), each pod's allocation ({@code hami.io/vgpu-devices-allocated}), node and
 * phase, the memory each GPU's containers use from the node's monitor ({@code hami_vgpu_memory_used_bytes}), and
 * the stand-in's records of the pods that were not placed.
 */
public record ClusterSnapshot(List<NodeView> nodes, List<PodView> pods, List<PodRecord> records) {

    /** The demo's nodes are NVIDIA's, with HAMi's default annotation keys. */
    private static final VendorDescriptor NVIDIA = Vendors.defaults().byId("nvidia").orElseThrow();
    /** The node's register annotation. */
    public static final String REGISTER = NVIDIA.annotations().nodeRegister().orElseThrow();
    /** A pod's allocation annotation. */
    public static final String ALLOCATED = NVIDIA.annotations().devicesAllocated();

    /** One node: its GPUs in index order, and problems reading it. */
    public record NodeView(String name, List<GpuView> gpus, List<String> problems) {
    }

    /**
     * One GPU: as registered, what the scheduled pods' allocations take of it, and what its containers use.
     *
     * @param pods            {@code namespace/name} of each pod with an allocation on it, in pod order
     * @param allocatedMiB    the sum of the allocations' memory
     * @param allocatedCores  the sum of the allocations' cores (percent)
     * @param usedBytes       the monitor's {@code hami_vgpu_memory_used_bytes} summed over its containers
     */
    public record GpuView(String uuid, int index, String type, int count, int registeredMiB, int registeredCores,
                          List<String> pods, long allocatedMiB, int allocatedCores, long usedBytes) {
    }

    /** One pod: node, phase and allocation (empty when it has none). */
    public record PodView(String namespace, String name, String uid, String node, String phase,
                          int initContainers, List<String> containers, Optional<PodDevices> allocation) {

        /**
         * The containers whose allocation entry holds devices, by name (init containers first;
         * docs/protocol.md, "Allocation entries and containers").
         */
        public List<String> gpuContainers() {
            if (allocation.isEmpty()) {
                return List.of();
            }
            var names = new ArrayList<String>();
            var entries = allocation.get().containers();
            for (int i = 0; i < entries.size() && i < containers.size(); i++) {
                if (!entries.get(i).isEmpty()) {
                    names.add(containers.get(i));
                }
            }
            return List.copyOf(names);
        }

        /** What this pod takes of GPU {@code uuid}, as the scheduler counts it. */
        public GpuUse use(String uuid, int coresPerGpu) {
            return allocation.map(a -> GpuUse.of(a, initContainers, uuid, coresPerGpu)).orElse(GpuUse.NONE);
        }
    }

    /**
     * Reads the snapshot.
     *
     * @param monitors each node's monitor {@code /metrics}
     * @param fetch    how to GET a metrics URL (empty text when unreachable)
     */
    public static ClusterSnapshot read(KubernetesClient client, Map<String, URI> monitors, List<PodRecord> records,
                                       Function<URI, String> fetch) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        var podViews = new ArrayList<PodView>();
        var problems = new TreeMap<String, List<String>>();
        for (Pod p : pods) {
            String node = p.getSpec() == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
            String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "" : p.getStatus().getPhase();
            Optional<PodDevices> allocation = Optional.empty();
            String wire = p.getMetadata().getAnnotations() == null ? null
                    : p.getMetadata().getAnnotations().get(ALLOCATED);
            if (wire != null) {
                try {
                    allocation = Optional.of(PodDevicesCodec.INSTANCE.decode(wire));
                } catch (WireFormatException e) {
                    problems.computeIfAbsent(node, k -> new ArrayList<>()).add(p.getMetadata().getName() + ": "
                            + e.getMessage());
                }
            }
            int inits = p.getSpec() == null || p.getSpec().getInitContainers() == null ? 0
                    : p.getSpec().getInitContainers().size();
            var names = new ArrayList<String>();
            if (p.getSpec() != null && p.getSpec().getInitContainers() != null) {
                p.getSpec().getInitContainers().forEach(c -> names.add(c.getName()));
            }
            if (p.getSpec() != null && p.getSpec().getContainers() != null) {
                p.getSpec().getContainers().forEach(c -> names.add(c.getName()));
            }
            podViews.add(new PodView(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                    p.getMetadata().getUid(), node, phase, inits, List.copyOf(names), allocation));
        }
        var nodeViews = new ArrayList<NodeView>();
        var byName = new java.util.HashMap<String, Node>();
        client.nodes().list().getItems().forEach(n -> byName.put(n.getMetadata().getName(), n));
        for (String name : monitors.keySet()) { // only ours (not a K3s server node, say), in the caller's order
            Node n = byName.get(name);
            if (n == null) {
                nodeViews.add(new NodeView(name, List.of(), List.of("no Node object")));
                continue;
            }
            var used = usedBytesByDevice(fetch.apply(monitors.get(name)), problems.computeIfAbsent(name,
                    k -> new ArrayList<>()));
            nodeViews.add(new NodeView(name, gpus(n, podViews, used, problems.get(name)),
                    List.copyOf(problems.get(name))));
        }
        return new ClusterSnapshot(List.copyOf(nodeViews), List.copyOf(podViews), List.copyOf(records));
    }

    private static List<GpuView> gpus(Node n, List<PodView> pods, Map<String, Long> used, List<String> problems) {
        String wire = n.getMetadata().getAnnotations() == null ? null : n.getMetadata().getAnnotations().get(REGISTER);
        if (wire == null) {
            problems.add("no " + REGISTER + " annotation");
            return List.of();
        }
        List<NodeDevice> devices;
        try {
            devices = NodeRegisterCodec.INSTANCE.decode(wire).devices();
        } catch (WireFormatException e) {
            problems.add(e.getMessage());
            return List.of();
        }
        var gpus = new ArrayList<GpuView>();
        for (NodeDevice d : devices.stream().sorted(java.util.Comparator.comparingInt(NodeDevice::index)).toList()) {
            var onIt = new ArrayList<String>();
            long mem = 0;
            int cores = 0;
            for (PodView p : pods) {
                if (!p.node().equals(n.getMetadata().getName()) || p.allocation().isEmpty()
                        || p.phase().equals("Succeeded") || p.phase().equals("Failed")) {
                    continue;
                }
                GpuUse use = p.use(d.id(), d.devcore());
                mem += use.memoryMiB();
                cores += use.cores();
                boolean counted = use.holds();
                if (counted) {
                    onIt.add(p.namespace() + "/" + p.name());
                }
            }
            gpus.add(new GpuView(d.id(), d.index(), d.type(), d.count(), d.devmem(), d.devcore(), List.copyOf(onIt),
                    mem, cores, used.getOrDefault(d.id(), 0L)));
        }
        return List.copyOf(gpus);
    }

    /** {@code hami_vgpu_memory_used_bytes} summed per {@code device_uuid}. */
    static Map<String, Long> usedBytesByDevice(String metrics, List<String> problems) {
        var used = new LinkedHashMap<String, Long>();
        if (metrics.isEmpty()) {
            problems.add("monitor metrics unreachable");
            return used;
        }
        try {
            for (var s : PromText.parse(metrics)) {
                if (s.name().equals("hami_vgpu_memory_used_bytes") && s.labels().containsKey("device_uuid")) {
                    used.merge(s.labels().get("device_uuid"), (long) s.value(), Long::sum);
                }
            }
        } catch (IllegalArgumentException e) {
            problems.add("monitor metrics: " + e.getMessage());
        }
        return used;
    }

    /** The pods the stand-in could not place (refused, unschedulable, still failing to bind), with the reason. */
    public List<PodRecord> unplaced() {
        return records.stream().filter(r -> switch (r.state()) {
            case REJECTED, UNSCHEDULABLE, BACKOFF, QUEUED, FILTERING -> true;
            default -> false;
        }).toList();
    }

    /** The pod named so, if present. */
    public Optional<PodView> pod(String namespace, String name) {
        return pods.stream().filter(p -> p.namespace().equals(namespace) && p.name().equals(name)).findFirst();
    }
}
