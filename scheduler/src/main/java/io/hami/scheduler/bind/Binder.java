package io.hami.scheduler.bind;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.model.annotation.DecimalText;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.NodeLockKind;
import io.hami.scheduler.apiserver.ApiException;
import io.hami.scheduler.apiserver.ClusterWrites;
import io.hami.scheduler.events.EventSink;
import io.hami.scheduler.kube.KubeObjects;
import io.hami.scheduler.lock.NodeLockException;
import io.hami.scheduler.lock.NodeLockQueue;
import io.hami.scheduler.metrics.SchedulerMetrics;
import io.hami.scheduler.request.PodRequest;
import io.hami.scheduler.request.RequestException;
import io.hami.scheduler.request.RequestReader;
import io.hami.scheduler.state.ClusterState;
import io.hami.scheduler.state.KubeCache;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.vendor.DeviceType;
import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /bind} (docs/protocol.md, "Bind lifecycle"): take the node locks of the device types the app containers
 * ask for ({@code hami.io/mutex.lock}, Cambricon's {@code cambricon.com/dsmlu.lock}; Moore Threads and MetaX whole GPUs
 * take none), mark the pod {@code bind-phase=allocating} with {@code bind-time}, create the Binding. On failure
 * the lock is released and the error answered; the filter's allocation stays (the pod is filtered again, or deleted).
 * On success the lock stays: the device plugin releases it after {@code Allocate}. A type whose plugin on the node
 * announces lockless binds ({@code hami.io/node-lockless-<commonWord>: "true"}) takes no lock there: that plugin
 * needs no pod identity in {@code Allocate}, and binds to the node run side by side; every other node keeps the lock.
 * A bind that takes no lock because of that announcement writes {@code bind-phase} and {@code bind-time} as the
 * Binding's annotations, which the API server sets on the pod with its node name: one write instead of a patch and
 * the Binding. A bind that takes a lock keeps HAMi's order, the patch and then the Binding.
 *
 * <p>Only pods this scheduler placed are bound (docs/security.md, "What /filter and /bind accept"): the pod must name
 * this scheduler in {@code spec.schedulerName}, and the node must be the one {@code /filter} chose, its
 * latest decision (its reservation, else the pod's {@code hami.io/vgpu-node}: the informer's copy may show an earlier
 * decision of a pod filtered again); a pod
 * that asks for no device must have been let through by this scheduler's filter ({@link FilteredPods}).
 *
 * <p>A lock held by another live pod is waited out in the node's line ({@link NodeLockQueue}, woken by the informers)
 * up to {@code --node-lock-wait}; PodGroup members (label {@code scheduling.x-k8s.io/pod-group} or
 * {@code spec.schedulingGroup.podGroupName}) up to the longer of that and {@code --node-lock-retry-timeout}. A zero
 * wait tries once, as HAMi does for pods outside a PodGroup.
 *
 * <p>A pod whose filter answered before patching it (a node without the lock, {@link PodPatches}) is bound only once
 * that patch has succeeded: the bind waits for it, and fails naming the patch's error if it failed (the filter has
 * released the reservation then) or did not finish in time.
 */
public final class Binder {

    private static final Logger LOG = LoggerFactory.getLogger(Binder.class);

    /** Pod label of PodGroup (gang) members. */
    public static final String POD_GROUP = "scheduling.x-k8s.io/pod-group";

    private final String schedulerName;
    private final FilteredPods filtered;
    private final PodPatches patches;
    private final KubeCache cache;
    private final ClusterState state;
    private final NodeLockQueue locks;
    private final ClusterWrites writes;
    private final EventSink events;
    private final SchedulerMetrics metrics;
    private final DeviceTypes types;
    private final Clock clock;
    private final Duration lockWait;
    private final Duration groupLockWait;

    /**
     * @param schedulerName {@code --scheduler-name}: the only {@code spec.schedulerName} bound
     * @param filtered      the pods the filter let through without devices
     * @param patches       the filter's pod patches still in flight, which a bind waits for
     * @param lockWait      {@code --node-lock-wait}: how long a bind waits for a node lock another live pod holds
     * @param retryTimeout  {@code --node-lock-retry-timeout}: the same for PodGroup members (the longer one counts)
     */
    public Binder(String schedulerName, FilteredPods filtered, PodPatches patches, KubeCache cache,
                  ClusterState state, NodeLockQueue locks, ClusterWrites writes, EventSink events,
                  SchedulerMetrics metrics, DeviceTypes types, Clock clock, Duration lockWait, Duration retryTimeout) {
        this.schedulerName = schedulerName;
        this.filtered = filtered;
        this.patches = patches;
        this.cache = cache;
        this.state = state;
        this.locks = locks;
        this.writes = writes;
        this.events = events;
        this.metrics = metrics;
        this.types = types;
        this.clock = clock;
        this.lockWait = lockWait;
        this.groupLockWait = lockWait.compareTo(retryTimeout) >= 0 ? lockWait : retryTimeout;
    }

    /** Binds the pod; the error text, empty on success. */
    public String bind(String namespace, String name, String uid, String node) throws InterruptedException {
        long start = System.nanoTime();
        String error = attempt(namespace, name, uid, node);
        metrics.bound(Duration.ofNanos(System.nanoTime() - start), error.isEmpty());
        return error;
    }

    private String attempt(String namespace, String name, String uid, String nodeName) throws InterruptedException {
        Pod pod = cache.pod(namespace, name).orElse(null);
        if (pod == null && decidedHere(uid)) {
            // kube-scheduler's informer saw the pod; ours may not have yet (docs/scheduler.md, "A bind ahead of the
            // informer"): wait for it as long as for the filter's patch, rather than drop a decision just made
            pod = cache.awaitPod(namespace, name, patches.waitLimit()).orElse(null);
        }
        if (pod == null) {
            state.removePod(uid);
            LOG.warn("bind failed: pod {}/{} not found", namespace, name);
            return "pod \"" + name + "\" not found";
        }
        Optional<String> unwritten = patches.await(uid.isEmpty() ? KubeObjects.uid(pod) : uid);
        if (unwritten.isPresent()) {
            return failed(pod, "pod " + namespace + "/" + name + " not bound: " + unwritten.get()
                    + " (its devices are released; the pod is filtered again)");
        }
        Optional<String> refused = refusal(pod, uid.isEmpty() ? KubeObjects.uid(pod) : uid, nodeName);
        if (refused.isPresent()) {
            LOG.warn("bind refused: {}", refused.get());
            return refused.get();
        }
        var node = cache.node(nodeName).orElse(null);
        if (node == null) {
            state.removePod(uid);
            return failed(pod, "node \"" + nodeName + "\" not found");
        }
        PodRequest request;
        try {
            request = RequestReader.read(pod, types);
        } catch (RequestException e) {
            return failed(pod, "pod " + namespace + "/" + name + ": " + e.getMessage());
        }
        var kinds = EnumSet.noneOf(NodeLockKind.class);
        boolean lockless = false;
        for (DeviceType t : request.types()) {
            if (request.appContainersRequest(t)) {
                if (locklessBinds(node, t)) {
                    lockless = true;
                    continue; // the node's plugin needs no pod identity for this type: no lock
                }
                var kind = t.descriptor().annotations().nodeLockKind();
                if (kind.isPresent()) {
                    kinds.add(kind.get());
                } else if ("true".equals(KubeObjects.annotation(node, HamiAnnotations.lockRequested(t.commonWord())))) {
                    kinds.add(NodeLockKind.HAMI); // our plugin of a type HAMi does not lock asks for it
                }
            }
        }
        PodRef owner = new PodRef(namespace, name);
        boolean locked = false;
        try {
            if (!kinds.isEmpty()) {
                locks.acquire(nodeName, owner, kinds, isPodGroupMember(pod) ? groupLockWait : lockWait);
                locked = true;
            }
            var phase = Map.of(HamiAnnotations.BIND_PHASE, BindPhase.ALLOCATING.wire(),
                    HamiAnnotations.BIND_TIME, DecimalText.unixSeconds(clock.instant()));
            if (lockless && kinds.isEmpty()) {
                // no lock, so no plugin looks for the pod by its phase: the Binding carries it, one write
                writes.bind(namespace, name, uid.isEmpty() ? KubeObjects.uid(pod) : uid, nodeName, phase);
            } else {
                writes.patchPod(namespace, name, phase, Map.of());
                writes.bind(namespace, name, uid.isEmpty() ? KubeObjects.uid(pod) : uid, nodeName, Map.of());
            }
        } catch (NodeLockException | ApiException e) {
            if (locked) {
                release(nodeName, owner, kinds);
            }
            return failed(pod, e.getMessage());
        }
        events.record(pod, false, "BindingSucceed", "Successfully binding node [" + nodeName + "] to " + namespace
                + "/" + name);
        return "";
    }

    /** Whether this scheduler's filter placed the pod or let it through a moment ago. */
    private boolean decidedHere(String uid) {
        return !uid.isEmpty() && (state.snapshot().pod(uid).isPresent() || patches.inFlight(uid)
                || filtered.wasPassed(uid));
    }

    /**
     * Whether the node's plugin of type {@code t} announces lockless binds (docs/protocol.md, "Binds without the node
     * lock"): exactly {@code "true"}; anything else keeps HAMi's lock, so a node of HAMi's own plugin is never bound
     * without it.
     */
    public static boolean locklessBinds(io.fabric8.kubernetes.api.model.Node node, DeviceType t) {
        return "true".equals(KubeObjects.annotation(node, HamiAnnotations.locklessBinds(t.commonWord())));
    }

    /**
     * Why this scheduler must not bind the pod to the node, if it must not: another scheduler's pod, a node other
     * than the filter's, a pod the filter never placed.
     */
    private Optional<String> refusal(Pod pod, String uid, String nodeName) {
        String who = "pod " + KubeObjects.namespace(pod) + "/" + KubeObjects.name(pod);
        String scheduler = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        if (scheduler == null || !scheduler.equals(schedulerName)) {
            return Optional.of(who + " is scheduled by \"" + scheduler + "\", not by \"" + schedulerName
                    + "\": not bound");
        }
        if (!uid.equals(KubeObjects.uid(pod))) {
            return Optional.of(who + " has uid " + KubeObjects.uid(pod) + ", not " + uid + ": not bound");
        }
        // the filter's latest decision: the informer's copy may still carry an earlier one (a pod filtered again)
        String placed = state.snapshot().pod(uid).map(PodUsage::node).orElse(null);
        if (placed == null || placed.isEmpty()) {
            placed = KubeObjects.annotation(pod, HamiAnnotations.VGPU_NODE);
        }
        if (placed != null && !placed.isEmpty()) {
            return placed.equals(nodeName) ? Optional.empty() : Optional.of(who + " was placed on node " + placed
                    + " by the filter, not on " + nodeName + ": not bound");
        }
        return filtered.wasPassed(uid) ? Optional.empty()
                : Optional.of(who + " was not filtered by this scheduler: not bound");
    }

    private void release(String node, PodRef owner, Set<NodeLockKind> kinds) throws InterruptedException {
        try {
            locks.release(node, owner, kinds);
        } catch (NodeLockException e) {
            LOG.warn("bind of {} failed and its lock on node {} could not be released: {}", owner, node,
                    e.getMessage());
        }
    }

    private String failed(Pod pod, String message) {
        LOG.warn("bind failed: {}", message);
        events.record(pod, true, "BindingFailed", message);
        return message;
    }

    /** A PodGroup (gang) member: its bind waits for a node lock at least {@code --node-lock-retry-timeout}. */
    public static boolean isPodGroupMember(Pod pod) {
        if (pod == null) {
            return false;
        }
        if (pod.getMetadata() != null && pod.getMetadata().getLabels() != null) {
            String group = pod.getMetadata().getLabels().get(POD_GROUP);
            if (group != null && !group.isEmpty()) {
                return true;
            }
        }
        return pod.getSpec() != null && pod.getSpec().getSchedulingGroup() != null
                && pod.getSpec().getSchedulingGroup().getPodGroupName() != null
                && !pod.getSpec().getSchedulingGroup().getPodGroupName().isEmpty();
    }
}
