package io.hami.scheduler.warmup;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.hami.model.annotation.NodeRegisterCodec;
import io.hami.model.device.NodeDevice;
import io.hami.model.device.NodeRegistration;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.lock.NodeLockApi;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.vendor.DeviceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cluster held in memory for the warm-up: its nodes, its pods, its node locks and the writes the filter and the
 * bind make, all answered here. Nothing of it reaches the API server or the daemon's own state.
 */
final class SyntheticCluster implements KubeCache, ClusterWrites, NodeLockApi {

    /** GPUs per synthetic node, and how many pods each may share (HAMi's default split count). */
    static final int GPUS = 8;
    private static final int SPLIT = 10;
    private static final int MEMORY_MIB = 40_960;

    private final DeviceType type;
    private final List<String> nodeNames;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final Map<String, NodeLockApi.LockState> locks = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();

    /** {@code count} nodes of {@link #GPUS} devices of {@code type} each, which must register its devices. */
    SyntheticCluster(DeviceType type, int count) {
        this.type = type;
        String registerKey = type.descriptor().annotations().nodeRegister().orElseThrow(
                () -> new IllegalArgumentException(type.id() + " registers no devices by annotation"));
        var names = new ArrayList<String>(count);
        for (int n = 0; n < count; n++) {
            String name = "warmup-node-" + n;
            var devices = new ArrayList<NodeDevice>(GPUS);
            for (int g = 0; g < GPUS; g++) {
                devices.add(NodeDevice.of(String.format("GPU-warmup-%04d-%02d", n, g), g, SPLIT, MEMORY_MIB, 100,
                        type.commonWord(), g / 4, "hami-core", true));
            }
            nodes.put(name, new NodeBuilder().withNewMetadata().withName(name).withResourceVersion("1")
                    .addToAnnotations(registerKey, NodeRegisterCodec.INSTANCE.encode(new NodeRegistration(devices)))
                    .endMetadata().withNewStatus().addToAllocatable(type.descriptor().resources().count(),
                            new Quantity(Integer.toString(SPLIT * GPUS))).endStatus().build());
            names.add(name);
        }
        this.nodeNames = List.copyOf(names);
    }

    List<String> nodeNames() {
        return nodeNames;
    }

    Iterable<Node> nodes() {
        return nodes.values();
    }

    /**
     * A pod asking for one device of the type, a quarter of its memory and a fifth of its cores, scheduled by
     * {@code schedulerName}; known to this cluster from now on.
     */
    Pod newPod(String schedulerName, long sequence) {
        var resources = type.descriptor().resources();
        var limits = new java.util.HashMap<String, Quantity>();
        limits.put(resources.count(), new Quantity("1"));
        resources.memory().ifPresent(m -> limits.put(m, new Quantity(Integer.toString(MEMORY_MIB / 4))));
        resources.cores().ifPresent(c -> limits.put(c, new Quantity("20")));
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("hami-warmup").withName("warmup-" + sequence)
                .withUid("warmup-uid-" + sequence).endMetadata().withNewSpec().withSchedulerName(schedulerName)
                .addNewContainer().withName("main").withImage("none").withNewResources().withLimits(limits)
                .endResources().endContainer().endSpec().build();
        pods.put(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()), pod);
        return pod;
    }

    /** Forgets a pod (as its deletion would). */
    void remove(Pod pod) {
        pods.remove(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
    }

    /** The pods known now. */
    int podCount() {
        return pods.size();
    }

    /** The node locks held now. */
    int heldLocks() {
        return (int) locks.values().stream().filter(l -> l.value() != null).count();
    }

    /** The writes answered so far (pod patches, binds, node patches, lock writes). */
    long writes() {
        return writes.get();
    }

    @Override
    public Optional<Pod> pod(String namespace, String name) {
        return Optional.ofNullable(pods.get(key(namespace, name)));
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public void patchPod(String namespace, String name, Map<String, String> annotations, Map<String, String> labels)
            throws ApiException {
        writes.incrementAndGet();
        Pod pod = pods.get(key(namespace, name));
        if (pod == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "pod " + namespace + "/" + name + " not found");
        }
        pods.put(key(namespace, name), new PodBuilder(pod).editMetadata().addToAnnotations(annotations)
                .addToLabels(labels).endMetadata().build());
    }

    /** Binds the pod, and frees its node's lock as the node's device plugin would once the pod got its devices. */
    @Override
    public void bind(String namespace, String name, String uid, String node, Map<String, String> annotations)
            throws ApiException {
        writes.incrementAndGet();
        Pod pod = pods.get(key(namespace, name));
        if (pod == null) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "pod " + namespace + "/" + name + " not found");
        }
        pods.put(key(namespace, name), new PodBuilder(pod).editMetadata().addToAnnotations(annotations).endMetadata()
                .editSpec().withNodeName(node).endSpec().build());
        synchronized (this) {
            locks.put(node, new LockState(null, Long.toString(versions.incrementAndGet())));
        }
    }

    @Override
    public void patchNode(String node, Map<String, String> annotations) {
        writes.incrementAndGet();
    }

    @Override
    public synchronized LockState read(String node, String key) throws ApiException {
        if (!nodes.containsKey(node)) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "node " + node + " not found");
        }
        return locks.getOrDefault(node, new LockState(null, "0"));
    }

    @Override
    public synchronized void write(String node, String key, String value, String resourceVersion)
            throws ApiException {
        writes.incrementAndGet();
        LockState now = locks.getOrDefault(node, new LockState(null, "0"));
        if (!now.resourceVersion().equals(resourceVersion)) {
            throw new ApiException(ApiException.Kind.CONFLICT, "node " + node + " changed");
        }
        locks.put(node, new LockState(value, Long.toString(versions.incrementAndGet())));
    }

    @Override
    public OwnerState owner(String namespace, String name) {
        return pods.containsKey(key(namespace, name)) ? OwnerState.ACTIVE : OwnerState.ABSENT;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
