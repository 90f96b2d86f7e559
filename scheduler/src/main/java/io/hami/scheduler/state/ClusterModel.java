package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.hami.model.wire.WireFormatException;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.inventory.DeviceSpec;
import io.hami.scheduler.inventory.InventoryReader;
import io.hami.scheduler.inventory.MetaxTopology;
import io.hami.scheduler.inventory.NodeInventory;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.snapshot.ClusterSnapshot;
import io.hami.scheduler.snapshot.SnapshotBuilder;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.usage.PodUsageReader;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as the scheduler counts it, fed by informer events and the filter's reservations: the one owner of the
 * core's {@link SnapshotBuilder}. Not thread-safe; {@link ClusterState} runs it on its state thread.
 *
 * <p>Nodes: devices from the node's annotations or capacity ({@link InventoryReader}), minus the types
 * {@link NodeHealth} finds dead; a type whose annotation became unreadable keeps its last readable devices (a
 * transient discovery error does not evict, as in HAMi); nodes outside {@code --node-label-selector} are left out.
 * Pods: counted from their allocation annotations, as the {@link Ledger} allows. Quotas: passed through.
 */
final class ClusterModel {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterModel.class);

    private final DeviceTypes types;
    private final Clock clock;
    private final Map<String, String> selector;
    private final Duration ledgerTtl;
    private final KubeCache cache;
    private final SnapshotBuilder builder;
    private final Function<SnapshotBuilder, ClusterSnapshot> build;
    private final NodeHealth health;
    private final UnreadableRegistrations unreadable;
    private final Ledger ledger = new Ledger();
    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, NodeInventory> raw = new HashMap<>();
    private final Map<String, NodeInventory> applied = new HashMap<>();
    private final Map<String, List<String>> stamps = new HashMap<>();
    private final Set<String> appOnly = new HashSet<>();
    private final Map<String, PodUsage> counted = new HashMap<>();
    private boolean dirty = true;

    ClusterModel(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl, KubeCache cache) {
        this(types, clock, selector, ledgerTtl, cache, SnapshotBuilder::build, EventSink.NONE);
    }

    /** @param events where a node's unreadable registrations are recorded ({@link UnreadableRegistrations}) */
    ClusterModel(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl, KubeCache cache,
                 EventSink events) {
        this(types, clock, selector, ledgerTtl, cache, SnapshotBuilder::build, events);
    }

    /** @param build how the builder's frozen view is taken (tests inject failures here) */
    ClusterModel(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl, KubeCache cache,
                 Function<SnapshotBuilder, ClusterSnapshot> build) {
        this(types, clock, selector, ledgerTtl, cache, build, EventSink.NONE);
    }

    private ClusterModel(DeviceTypes types, Clock clock, Map<String, String> selector, Duration ledgerTtl,
                         KubeCache cache, Function<SnapshotBuilder, ClusterSnapshot> build, EventSink events) {
        this.types = types;
        this.clock = clock;
        this.selector = Map.copyOf(selector);
        this.ledgerTtl = ledgerTtl;
        this.cache = cache;
        this.builder = ClusterSnapshot.builder(types);
        this.build = build;
        this.health = new NodeHealth(types);
        this.unreadable = new UnreadableRegistrations(events);
    }

    void putNode(Node node) {
        String name = KubeObjects.name(node);
        if (!selected(node)) {
            removeNode(name);
            return;
        }
        nodes.put(name, node);
        NodeInventory read = InventoryReader.read(node, types);
        NodeInventory previous = raw.put(name, read);
        read.problems().forEach((type, problem) -> {
            if (previous == null || !problem.equals(previous.problems().get(type))) {
                LOG.warn("node {}: {} devices unreadable, left out: {}", name, type, problem);
            }
        });
        unreadable.seen(node, read.problems(), key -> InventoryReader.source(node, key, types));
        judge(name);
    }

    void removeNode(String name) {
        if (nodes.remove(name) != null || applied.containsKey(name)) {
            dirty = true;
        }
        raw.remove(name);
        applied.remove(name);
        stamps.remove(name);
        health.forget(name);
        unreadable.forget(name);
        builder.removeNode(name);
    }

    void putPod(Pod pod) {
        String uid = KubeObjects.uid(pod);
        if (PodUsageReader.isTerminal(pod)) {
            removePod(uid);
            return;
        }
        switch (ledger.judge(pod)) {
            case KEEP -> { }
            case IGNORE -> uncount(uid);
            case COUNT -> count(pod, uid);
        }
    }

    void removePod(String uid) {
        ledger.forget(uid);
        uncount(uid);
    }

    void putQuota(ResourceQuota quota) {
        builder.putQuota(quota);
        dirty = true;
    }

    void removeQuota(String namespace, String name) {
        builder.removeQuota(namespace, name);
        dirty = true;
    }

    void reserve(Reservation r) {
        PodUsage u = r.usage();
        ledger.reserved(u.uid(), u.namespace(), u.name(), r.annotations(), clock.instant().plus(ledgerTtl));
        builder.putPod(u);
        counted.put(u.uid(), u);
        dirty = true;
    }

    /**
     * The pod got no devices from its latest filter: it holds nothing, and the allocation annotations it carries are
     * stale.
     */
    void release(String uid, String namespace, String name, Map<String, String> stale) {
        ledger.superseded(uid, namespace, name, stale, clock.instant().plus(ledgerTtl));
        uncount(uid);
    }

    /** Re-judges every node's health at the current time and expires ledger entries; the stamps to write. */
    List<ClusterState.Stamp> tick() {
        for (String name : new ArrayList<>(nodes.keySet())) {
            judge(name);
        }
        for (Ledger.Expired e : ledger.expire(clock.instant())) {
            Optional<Pod> pod = cache.pod(e.namespace(), e.name()).filter(p -> KubeObjects.uid(p).equals(e.uid()));
            if (pod.isPresent()) {
                putPod(pod.get());
            } else {
                removePod(e.uid());
            }
        }
        var result = new ArrayList<ClusterState.Stamp>();
        stamps.forEach((node, keys) -> keys.forEach(k -> result.add(new ClusterState.Stamp(node, k))));
        return result;
    }

    boolean dirty() {
        return dirty;
    }

    /** The frozen view; when building it throws, the model stays dirty so that the next build tries again. */
    ClusterSnapshot build() {
        ClusterSnapshot snapshot = build.apply(builder);
        dirty = false;
        return snapshot;
    }

    private void count(Pod pod, String uid) {
        try {
            Optional<PodUsage> usage = PodUsageReader.read(pod, types, appOnly.contains(uid));
            if (usage.isPresent()) {
                if (usage.get().appOnly()) {
                    appOnly.add(uid);
                }
                PodUsage previous = counted.put(uid, usage.get());
                if (!usage.get().equals(previous)) {
                    if (!usage.get().migProblem().isEmpty()
                            && (previous == null || !usage.get().migProblem().equals(previous.migProblem()))) {
                        LOG.warn("pod {}/{}: MIG reservations unreadable, its MIG GPUs are treated as unhealthy: {}",
                                KubeObjects.namespace(pod), KubeObjects.name(pod), usage.get().migProblem());
                    }
                    builder.putPod(usage.get());
                    dirty = true;
                }
            } else {
                uncount(uid);
            }
        } catch (WireFormatException e) {
            // A counted pod keeps its previous usage (fail closed); a new one is not counted.
            LOG.warn("pod {}/{}: allocation annotation unreadable, usage unchanged: {}", KubeObjects.namespace(pod),
                    KubeObjects.name(pod), e.getMessage());
        }
    }

    private void uncount(String uid) {
        appOnly.remove(uid);
        if (counted.remove(uid) != null) {
            builder.removePod(uid);
            dirty = true;
        }
    }

    private void judge(String name) {
        Node node = nodes.get(name);
        NodeInventory inventory = raw.get(name);
        NodeHealth.Verdict verdict = health.judge(node, inventory, clock.instant(), clock.getZone());
        if (verdict.stamp().isEmpty()) {
            stamps.remove(name);
        } else {
            stamps.put(name, verdict.stamp());
        }
        NodeInventory effective = effective(inventory, applied.get(name), verdict.dead());
        if (!effective.equals(applied.get(name))) {
            applied.put(name, effective);
            builder.putNode(effective);
            dirty = true;
        }
    }

    /** The raw inventory without dead types; a type that became unreadable keeps its previous devices. */
    private NodeInventory effective(NodeInventory now, NodeInventory before, Set<String> dead) {
        var devices = new ArrayList<DeviceSpec>();
        MetaxTopology metax = now.metaxTopology();
        for (DeviceType t : types.all()) {
            if (dead.contains(t.id())) {
                continue;
            }
            List<DeviceSpec> source = now.devices();
            if (now.problems().containsKey(t.id()) && before != null) {
                source = before.devices();
                if (t.kind() == DeviceType.Kind.METAX_GPU) {
                    metax = before.metaxTopology();
                }
            }
            for (DeviceSpec d : source) {
                if (d.type().equals(t)) {
                    devices.add(d);
                }
            }
        }
        return new NodeInventory(now.name(), devices, now.problems(), now.cordoned(), now.pairScores(),
                now.ascendSoftCapable(), metax);
    }

    private boolean selected(Node node) {
        if (selector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = node.getMetadata() == null || node.getMetadata().getLabels() == null
                ? Map.of() : node.getMetadata().getLabels();
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
