package io.hami.demo.report;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.demo.scheduling.PodRecord;
import io.hami.deviceplugin.Sharing;
import io.hami.deviceplugin.allocate.KubePods;
import io.hami.model.annotation.MigAllocationsCodec;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.device.MigAllocation;
import io.hami.model.device.PodDevices;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.PodContainer;
import io.hami.model.protocol.PodContainers;
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
 * What the cluster holds at one moment, read through its public interfaces only: each node's registered devices of
 * every type ({@link RegisteredDevices}), each pod's allocation of every type ({@code hami.io/<type>-devices-allocated}),
 * node and phase, the memory each NVIDIA GPU's containers use from the node's monitor
 * ({@code hami_vgpu_memory_used_bytes}; the other vendors' containers run no HAMi-core here), and the stand-in's
 * records of the pods that were not placed.
 */
public record ClusterSnapshot(List<NodeView> nodes, List<PodView> pods, List<PodRecord> records) {

    /** The device types of the demo's scheduler: HAMi's defaults. */
    public static final Vendors TYPES = Vendors.defaults();
    /** NVIDIA's type: the GPUs whose containers run HAMi-core. */
    private static final VendorDescriptor NVIDIA = TYPES.byId("nvidia").orElseThrow();
    /** The NVIDIA node's register annotation. */
    public static final String REGISTER = NVIDIA.annotations().nodeRegister().orElseThrow();
    /** A pod's NVIDIA allocation annotation. */
    public static final String ALLOCATED = NVIDIA.annotations().devicesAllocated();
    /** NVIDIA's count resource, whose entries are matched to containers. */
    public static final String GPU_RESOURCE = NVIDIA.resources().count();

    /** One node: its devices by type (catalog order), then index, and problems reading it. */
    public record NodeView(String name, List<GpuView> gpus, List<String> problems) {
    }

    /**
     * One device: as registered, what the scheduled pods' allocations take of it, and what its containers use.
     *
     * @param uuid            the id allocations name it by
     * @param count           its slots; 0 where the scheduler publishes none (the types it learns from node capacity)
     * @param pods            {@code namespace/name} of each pod with an allocation on it, in pod order
     * @param allocatedMiB    the sum of the allocations' memory
     * @param allocatedCores  the sum of the allocations' cores (the type's unit: percent, Ascend AI cores, …)
     * @param usedBytes       the monitor's {@code hami_vgpu_memory_used_bytes} summed over its containers
     * @param deviceType      the type's id in the catalog ({@code nvidia}, {@code cambricon}, {@code ascend-910b3}, …)
     * @param mode            the sharing mode it registered ({@code mig}: dynamic MIG), empty where none is
     */
    public record GpuView(String uuid, int index, String type, int count, int registeredMiB, int registeredCores,
                          List<String> pods, long allocatedMiB, int allocatedCores, long usedBytes, String deviceType,
                          String mode) {

        /** Whether it is an NVIDIA GPU. */
        public boolean nvidia() {
            return deviceType.equals(NVIDIA.id());
        }

        /** Whether it is an NVIDIA GPU partitioned by dynamic MIG: its containers get MIG instances, no HAMi-core. */
        public boolean mig() {
            return nvidia() && mode.equals(Sharing.MIG);
        }

        /** Whether its containers run HAMi-core, whose regions the monitor reads (NVIDIA's, not in MIG mode). */
        public boolean hamiCore() {
            return nvidia() && !mig();
        }
    }

    /**
     * One pod: node, phase, its allocation of each device type (none when it has none) and its MIG reservations
     * ({@link HamiAnnotations#MIG_ALLOCATIONS}, with the instances the device plugin made; none when it has none).
     */
    public record PodView(String namespace, String name, String uid, String node, String phase,
                          PodContainers containers, Map<String, PodDevices> allocations, List<MigAllocation> mig) {

        public PodView {
            allocations = Map.copyOf(allocations);
            mig = List.copyOf(mig);
        }

        /** Its NVIDIA allocation, when it has one. */
        public Optional<PodDevices> allocation() {
            return Optional.ofNullable(allocations.get(NVIDIA.id()));
        }

        /** The number of init containers, whose entries come first. */
        public int initContainers() {
            return (int) containers.ordered().stream().filter(PodContainer::init).count();
        }

        /**
         * The containers whose NVIDIA allocation entry holds devices (those that run HAMi-core), by name, matched by the
         * contract's rule (docs/protocol.md, "Allocation entries and containers").
         */
        public List<String> gpuContainers() {
            return containersOf(NVIDIA);
        }

        /** The containers whose allocation entry of {@code type} holds devices, by name. */
        public List<String> containersOf(VendorDescriptor type) {
            var allocation = allocations.get(type.id());
            if (allocation == null) {
                return List.of();
            }
            var names = new ArrayList<String>();
            var entries = allocation.containers();
            for (int i = 0; i < entries.size(); i++) {
                if (!entries.get(i).isEmpty()) {
                    containers.containerOf(allocation, i, type.resources().count()).ifPresent(c -> names.add(c.name()));
                }
            }
            return List.copyOf(names);
        }

        /** What this pod takes of NVIDIA GPU {@code uuid}, as the scheduler counts it. */
        public GpuUse use(String uuid, int coresPerGpu) {
            return use(NVIDIA.id(), uuid, coresPerGpu);
        }

        /** What this pod takes of device {@code uuid} of type {@code deviceType}, as the scheduler counts it. */
        public GpuUse use(String deviceType, String uuid, int coresPerDevice) {
            var allocation = allocations.get(deviceType);
            return allocation == null ? GpuUse.NONE : GpuUse.of(allocation, initContainers(), uuid, coresPerDevice);
        }
    }

    /**
     * Reads the snapshot.
     *
     * @param scheduler the scheduler's {@code /metrics}, where the devices it learns from node capacity are published
     * @param monitors  each node's monitor {@code /metrics}
     * @param fetch     how to GET a metrics URL (empty text when unreachable)
     */
    public static ClusterSnapshot read(KubernetesClient client, URI scheduler, Map<String, URI> monitors,
                                       List<PodRecord> records, Function<URI, String> fetch) {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        var podViews = new ArrayList<PodView>();
        var problems = new TreeMap<String, List<String>>();
        for (Pod p : pods) {
            String node = p.getSpec() == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
            String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "" : p.getStatus().getPhase();
            var allocations = new LinkedHashMap<String, PodDevices>();
            for (var type : TYPES.all()) {
                String wire = p.getMetadata().getAnnotations() == null ? null
                        : p.getMetadata().getAnnotations().get(type.annotations().devicesAllocated());
                if (wire == null) {
                    continue;
                }
                try {
                    allocations.put(type.id(), PodDevicesCodec.INSTANCE.decode(wire));
                } catch (WireFormatException e) {
                    problems.computeIfAbsent(node, k -> new ArrayList<>()).add(p.getMetadata().getName() + ": "
                            + e.getMessage());
                }
            }
            var mig = List.<MigAllocation>of();
            String migWire = p.getMetadata().getAnnotations() == null ? null
                    : p.getMetadata().getAnnotations().get(HamiAnnotations.MIG_ALLOCATIONS);
            if (migWire != null) {
                try {
                    mig = MigAllocationsCodec.INSTANCE.decode(migWire).allocations();
                } catch (WireFormatException e) {
                    problems.computeIfAbsent(node, k -> new ArrayList<>()).add(p.getMetadata().getName() + ": "
                            + e.getMessage());
                }
            }
            podViews.add(new PodView(p.getMetadata().getNamespace(), p.getMetadata().getName(),
                    p.getMetadata().getUid(), node, phase, KubePods.containers(p), allocations, mig));
        }
        var byName = new java.util.HashMap<String, Node>();
        client.nodes().list().getItems().forEach(n -> byName.put(n.getMetadata().getName(), n));
        var registered = new RegisteredDevices(TYPES, fetch.apply(scheduler));
        var nodeViews = new ArrayList<NodeView>();
        for (String name : monitors.keySet()) { // only ours (not a K3s server node, say), in the caller's order
            Node n = byName.get(name);
            if (n == null) {
                nodeViews.add(new NodeView(name, List.of(), List.of("no Node object")));
                continue;
            }
            var nodeProblems = problems.computeIfAbsent(name, k -> new ArrayList<>());
            var devices = registered.of(n, nodeProblems);
            var used = devices.stream().anyMatch(d -> d.type().id().equals(NVIDIA.id()))
                    ? usedBytesByDevice(fetch.apply(monitors.get(name)), nodeProblems) : Map.<String, Long>of();
            nodeViews.add(new NodeView(name, gpus(name, devices, podViews, used), List.copyOf(nodeProblems)));
        }
        return new ClusterSnapshot(List.copyOf(nodeViews), List.copyOf(podViews), List.copyOf(records));
    }

    private static List<GpuView> gpus(String node, List<RegisteredDevices.Device> devices, List<PodView> pods,
                                      Map<String, Long> used) {
        var gpus = new ArrayList<GpuView>();
        for (var d : devices) {
            var onIt = new ArrayList<String>();
            long mem = 0;
            int cores = 0;
            for (PodView p : pods) {
                if (!p.node().equals(node) || p.phase().equals("Succeeded") || p.phase().equals("Failed")) {
                    continue;
                }
                GpuUse use = p.use(d.type().id(), d.id(), d.cores());
                mem += use.memoryMiB();
                cores += use.cores();
                if (use.holds()) {
                    onIt.add(p.namespace() + "/" + p.name());
                }
            }
            gpus.add(new GpuView(d.id(), d.index(), d.model(), d.count(), d.memoryMiB(), d.cores(), List.copyOf(onIt),
                    mem, cores, used.getOrDefault(d.id(), 0L), d.type().id(), d.mode()));
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
