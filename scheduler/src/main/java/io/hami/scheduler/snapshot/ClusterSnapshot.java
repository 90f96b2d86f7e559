package io.hami.scheduler.snapshot;

import io.hami.scheduler.quota.QuotaBook;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one filter decision reads, frozen: every registered node with its devices and usage, every pod counted
 * in that usage, and the namespace quotas. Immutable and safe to share between threads; build one with
 * {@link SnapshotBuilder}, which reuses the {@link NodeSnapshot}s of nodes that did not change. The one exception is
 * {@link SnapshotBuilder#view()}: a snapshot that reads the builder's live maps, for one owner that filters between
 * its own changes.
 */
public final class ClusterSnapshot {

    private final DeviceTypes types;
    private final Lookup<NodeSnapshot> nodes;
    private final Lookup<PodUsage> pods;
    private final QuotaBook quotas;
    private final List<QuotaObject> quotaObjects;

    ClusterSnapshot(DeviceTypes types, Lookup<NodeSnapshot> nodes, Lookup<PodUsage> pods,
                    QuotaBook quotas, List<QuotaObject> quotaObjects) {
        this.types = Objects.requireNonNull(types, "types");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.pods = Objects.requireNonNull(pods, "pods");
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.quotaObjects = List.copyOf(quotaObjects);
    }

    /** One ResourceQuota's device limits, in the order the quotas were put. */
    record QuotaObject(String namespace, String name, Map<String, Long> limits) {
    }

    /** An empty cluster. */
    public static ClusterSnapshot empty(DeviceTypes types) {
        return new ClusterSnapshot(types, ShardedMap.empty(), ShardedMap.empty(), QuotaBook.EMPTY, List.of());
    }

    /** A builder that starts from nothing. */
    public static SnapshotBuilder builder(DeviceTypes types) {
        return new SnapshotBuilder(types);
    }

    /** A builder that starts from this snapshot. */
    public SnapshotBuilder toBuilder() {
        return new SnapshotBuilder(this);
    }

    /** The device types the snapshot was built for. */
    public DeviceTypes types() {
        return types;
    }

    /** A registered node. */
    public Optional<NodeSnapshot> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /**
     * A registered node, or {@code null}: {@link #node} for the filter's loop over thousands of candidates, where an
     * {@code Optional} per name was one allocation too many per call.
     */
    public NodeSnapshot nodeOrNull(String name) {
        return nodes.get(name);
    }

    /**
     * The name of the registered node named {@code chars[offset, offset + length)}, as this snapshot holds it, or
     * {@code null} (also on a {@link SnapshotBuilder#view()}): lets a reader of thousands of candidate names reuse the
     * snapshot's strings instead of making one per name.
     */
    public String nodeName(char[] chars, int offset, int length) {
        return nodes.keyOrNull(chars, offset, length);
    }

    /**
     * The slot of the registered node named {@code chars[offset, offset + length)} in {@code [0, nodeSlots())}, or -1
     * as {@link #nodeName} gives {@code null}: distinct nodes have distinct slots, so a reader of thousands of
     * candidate names tells a repeated one by its slot instead of hashing the names again (docs/performance.md).
     * {@link #nodeNameAt} gives the name.
     */
    public int nodeSlot(char[] chars, int offset, int length) {
        return nodes.keySlot(chars, offset, length);
    }

    /** The name of the node in a slot {@link #nodeSlot} gave, as {@link #nodeName} gives it. */
    public String nodeNameAt(int slot) {
        return nodes.keyAt(slot);
    }

    /** The number of slots of node names: every slot {@link #nodeSlot} gives is below it. */
    public int nodeSlots() {
        return nodes.keySlots();
    }

    /**
     * Whether the slots {@link #nodeSlot} of {@code other} gives are this snapshot's too: the same node names, in the
     * same slots (the set of nodes changes far less often than their usage). False on a {@link SnapshotBuilder#view()}.
     */
    public boolean sameNodeSlots(ClusterSnapshot other) {
        return nodes.sameSlots(other.nodes);
    }

    /**
     * The node in {@code slot} ({@link #nodeSlot} of this snapshot or one of {@link #sameNodeSlots}): {@link #nodeOrNull}
     * without hashing the name, for the filter's loop over thousands of candidates.
     */
    public NodeSnapshot nodeAt(int slot) {
        return nodes.valueAt(slot);
    }

    /** Every registered node. */
    public Collection<NodeSnapshot> nodes() {
        return nodes.values();
    }

    /** A counted pod, by UID. */
    public Optional<PodUsage> pod(String uid) {
        return Optional.ofNullable(pods.get(uid));
    }

    /** Every counted pod. */
    public Collection<PodUsage> pods() {
        return pods.values();
    }

    /** The namespace quotas, with the counted pods' usage. */
    public QuotaBook quotas() {
        return quotas;
    }

    /**
     * This snapshot without one pod (its previous reservation, when a pod is filtered again): the same snapshot when the
     * pod is not counted.
     */
    public ClusterSnapshot withoutPod(String uid) {
        if (!pods.containsKey(uid)) {
            return this;
        }
        return toBuilder().removePod(uid).build();
    }

    List<QuotaObject> quotaObjects() {
        return quotaObjects;
    }
}
