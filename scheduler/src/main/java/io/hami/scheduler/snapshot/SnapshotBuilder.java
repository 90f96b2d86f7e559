package io.hami.scheduler.snapshot;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.inventory.InventoryReader;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.quota.QuotaEntry;
import io.hami.scheduler.quota.QuotaLimits;
import io.hami.scheduler.snapshot.ClusterSnapshot.QuotaObject;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles {@link ClusterSnapshot}s from nodes, pods and ResourceQuotas. Not thread-safe: one owner (the cluster
 * state) feeds it events and calls {@link #build()} whenever it wants a new frozen view; only the nodes whose inventory
 * or pods changed since the last build get a new {@link NodeSnapshot}.
 *
 * <p>Quota limits: several ResourceQuotas of a namespace may limit the same resource; the most recently put one wins,
 * and removing it lets the other's limit apply again (HAMi clears the limit instead, which leaves the namespace
 * unlimited while a quota still exists).
 */
public final class SnapshotBuilder {

    private final DeviceTypes types;
    private final Map<String, NodeInventory> inventories = new HashMap<>();
    private final ShardedMap.Builder<NodeSnapshot> built = new ShardedMap.Builder<>();
    private final Set<String> dirty = new HashSet<>();
    private final ShardedMap.Builder<PodUsage> pods = new ShardedMap.Builder<>();
    private final Map<String, Set<String>> podsByNode = new HashMap<>();
    private final LinkedHashMap<String, QuotaObject> quotas = new LinkedHashMap<>();
    /** Namespace to resource to what the counted pods hold, kept as pods come and go. */
    private final Map<String, Map<String, Usage>> used = new HashMap<>();
    private QuotaBook book;

    /** The sum a resource's holders hold, and how many pods contribute to it (an entry lives while one does). */
    private static final class Usage {
        long sum;
        int pods;
    }

    SnapshotBuilder(DeviceTypes types) {
        this.types = types;
    }

    SnapshotBuilder(ClusterSnapshot from) {
        this.types = from.types();
        for (NodeSnapshot n : from.nodes()) {
            inventories.put(n.name(), n.inventory());
            built.put(n.name(), n);
        }
        for (PodUsage p : from.pods()) {
            pods.put(p.uid(), p);
            podsByNode.computeIfAbsent(p.node(), k -> new HashSet<>()).add(p.uid());
            account(p, 1);
        }
        for (QuotaObject q : from.quotaObjects()) {
            quotas.put(q.namespace() + "/" + q.name(), q);
        }
    }

    /** Adds or replaces a node, reading its devices from the Node object. */
    public SnapshotBuilder putNode(Node node) {
        return putNode(InventoryReader.read(node, types));
    }

    /** Adds or replaces a node. */
    public SnapshotBuilder putNode(NodeInventory inventory) {
        inventories.put(inventory.name(), inventory);
        dirty.add(inventory.name());
        return this;
    }

    /** Removes a node; its pods stay counted (for quotas) until they are removed. */
    public SnapshotBuilder removeNode(String name) {
        inventories.remove(name);
        built.remove(name);
        dirty.remove(name);
        return this;
    }

    /**
     * Counts a pod as its annotations say, or stops counting it when it holds nothing (no assignment, terminal phase).
     *
     * @param wasAppOnly whether this pod was already shrunk to its app containers
     * @throws WireFormatException when its allocation annotation is invalid: a new pod is then not counted, a counted
     *                             one keeps its previous usage (the annotation is written once, so this is never
     *                             expected; keeping the usage fails closed)
     */
    public SnapshotBuilder putPod(Pod pod, boolean wasAppOnly) throws WireFormatException {
        Optional<PodUsage> usage = PodUsageReader.read(pod, types, wasAppOnly);
        if (usage.isPresent()) {
            return putPod(usage.get());
        }
        return removePod(KubeObjects.uid(pod));
    }

    /** Counts a pod (a reservation made by the filter, or one read from the API), replacing its previous entry. */
    public SnapshotBuilder putPod(PodUsage pod) {
        removePod(pod.uid());
        pods.put(pod.uid(), pod);
        podsByNode.computeIfAbsent(pod.node(), k -> new HashSet<>()).add(pod.uid());
        account(pod, 1);
        dirty.add(pod.node());
        return this;
    }

    /** Stops counting a pod. Unknown UIDs are ignored. */
    public SnapshotBuilder removePod(String uid) {
        PodUsage old = pods.remove(uid);
        if (old != null) {
            account(old, -1);
            Set<String> onNode = podsByNode.get(old.node());
            if (onNode != null) {
                onNode.remove(uid);
                if (onNode.isEmpty()) {
                    podsByNode.remove(old.node());
                }
            }
            dirty.add(old.node());
        }
        return this;
    }

    /** Adds or replaces a ResourceQuota's device limits. */
    public SnapshotBuilder putQuota(ResourceQuota quota) {
        String ns = KubeObjects.namespace(quota);
        String name = KubeObjects.name(quota);
        quotas.remove(ns + "/" + name);
        quotas.put(ns + "/" + name, new QuotaObject(ns, name, QuotaLimits.read(quota, types)));
        book = null;
        return this;
    }

    /** Removes a ResourceQuota. */
    public SnapshotBuilder removeQuota(String namespace, String name) {
        quotas.remove(namespace + "/" + name);
        book = null;
        return this;
    }

    /** The frozen view. The builder stays usable. */
    public ClusterSnapshot build() {
        refreshNodes();
        return new ClusterSnapshot(types, built.build(), pods.build(), quotaBook(), List.copyOf(quotas.values()));
    }

    /**
     * A view of the current state that reads the builder's own maps instead of copying them: the filter reads it as it
     * reads a {@link #build() built} snapshot, at the cost of only the nodes changed since the last view or build. It
     * is not frozen: its pods follow the builder's later changes while its nodes and quotas do not, so it is only
     * valid until the builder next changes. For one owner that filters between its own changes (a simulation, which
     * would otherwise copy its shards of pods after every placement); never shared between threads or kept.
     */
    public ClusterSnapshot view() {
        refreshNodes();
        return new ClusterSnapshot(types, built, pods, quotaBook(), List.copyOf(quotas.values()));
    }

    /** Gives each node changed since the last build or view a new {@link NodeSnapshot}. */
    private void refreshNodes() {
        for (String name : dirty) {
            NodeInventory inventory = inventories.get(name);
            if (inventory == null) {
                continue;
            }
            var onNode = new ArrayList<PodUsage>();
            for (String uid : podsByNode.getOrDefault(name, Set.of())) {
                onNode.add(pods.get(uid));
            }
            built.put(name, NodeSnapshot.of(inventory, types.size(), onNode));
        }
        dirty.clear();
    }

    /** Adds ({@code sign} 1) or removes (-1) a pod's holdings from the namespace totals; the quota book is rebuilt. */
    private void account(PodUsage p, int sign) {
        for (String typeId : p.devices().keySet()) {
            DeviceType type = types.byId(typeId).orElse(null);
            if (type == null) {
                continue;
            }
            var names = type.descriptor().resources();
            names.memory().ifPresent(r -> add(p.namespace(), r, p.memory(typeId), sign));
            names.cores().ifPresent(r -> add(p.namespace(), r, p.cores(typeId), sign));
        }
        book = null;
    }

    private void add(String namespace, String resource, long amount, int sign) {
        Map<String, Usage> ns = used.computeIfAbsent(namespace, k -> new HashMap<>());
        Usage u = ns.computeIfAbsent(resource, k -> new Usage());
        u.sum += sign * amount;
        u.pods += sign;
        if (u.pods == 0) {
            ns.remove(resource);
            if (ns.isEmpty()) {
                used.remove(namespace);
            }
        }
    }

    /** The quota book: every namespace with a limit or a pod holding a tracked resource (rebuilt only on change). */
    private QuotaBook quotaBook() {
        if (book != null) {
            return book;
        }
        var limits = new HashMap<String, Map<String, Long>>();
        for (QuotaObject q : quotas.values()) {
            limits.computeIfAbsent(q.namespace(), k -> new HashMap<>()).putAll(q.limits());
        }
        var entries = new HashMap<String, Map<String, QuotaEntry>>();
        var namespaces = new HashSet<>(limits.keySet());
        namespaces.addAll(used.keySet());
        for (String ns : namespaces) {
            var resources = new HashSet<String>(limits.getOrDefault(ns, Map.of()).keySet());
            resources.addAll(used.getOrDefault(ns, Map.of()).keySet());
            var perNs = new HashMap<String, QuotaEntry>();
            for (String r : resources) {
                Long limit = limits.getOrDefault(ns, Map.of()).get(r);
                Usage u = used.getOrDefault(ns, Map.of()).get(r);
                perNs.put(r, new QuotaEntry(u == null ? 0 : u.sum, limit == null ? 0 : limit, limit != null));
            }
            entries.put(ns, perNs);
        }
        book = new QuotaBook(entries);
        return book;
    }
}
