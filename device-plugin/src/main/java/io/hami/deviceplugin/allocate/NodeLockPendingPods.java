package io.hami.deviceplugin.allocate;


import io.fabric8.kubernetes.client.KubernetesClient;
import io.hami.deviceplugin.allocate.AllocateException.Reason;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.annotation.PodDevicesCodec;
import io.hami.model.kube.LeanNode;
import io.hami.model.kube.LeanPod;
import io.hami.model.protocol.BindPhase;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.model.protocol.NodeLockKind;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.wire.WireFormatException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * HAMi v2.10's rule for "which pod is this {@code Allocate} for" (docs/protocol.md, "Bind lifecycle"): the pod named
 * by the node lock {@code hami.io/mutex.lock}, in any phase; without a lock (or with a legacy, owner-less
 * one), a {@code Pending} pod bound to this node whose {@code hami.io/bind-phase} is {@code allocating} or
 * {@code success}, that has a {@code hami.io/bind-time}, whose {@code hami.io/vgpu-node} is this node and
 * whose allocation annotation still holds a device.
 *
 * <p>Where v2.10 is loose we are strict, and say so:
 * <ul>
 *   <li>candidates without a lock are listed by the {@code hami.io/vgpu-node=<node>} label the scheduler sets
 *       with the annotation (a label selector, which every API server and the test mock honour), then
 *       checked one by one; v2.10 lists by the {@code spec.nodeName} field selector;</li>
 *   <li>among several candidates the oldest bind wins (then namespace and name), not the API's list order;</li>
 *   <li>a pod whose allocation annotation holds no device any more is not a candidate;</li>
 *   <li>{@link #finish} removes the lock only when it names that pod; a legacy lock is left to expire.</li>
 * </ul>
 */
public final class NodeLockPendingPods implements PendingPods {

    private final KubernetesClient client;
    private final String nodeName;
    private final AnnotationKeys keys;
    private final Optional<String> lock;
    private final Optional<NodeLockRelease> release;

    /**
     * @param keys the vendor's pod and node annotation keys: which allocation annotations to read
     * @param lock the node lock the scheduler takes for the vendor's binds, if any
     */
    public NodeLockPendingPods(KubernetesClient client, String nodeName, AnnotationKeys keys, Optional<String> lock) {
        this.client = Objects.requireNonNull(client, "client");
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.release = lock.map(key -> new NodeLockRelease(client, nodeName, key));
    }

    /**
     * The allocation still to hand out: the vendor's {@code …-devices-to-allocate}, or, where the scheduler writes only
     * {@code …-devices-allocated} (HAMi's for Moore Threads) and no {@code Allocate} has written the former yet, the
     * latter whole.
     */
    static String toAllocate(Map<String, String> annotations, AnnotationKeys keys) {
        var value = annotation(annotations, keys.devicesToAllocate());
        return value != null ? value : annotation(annotations, keys.devicesAllocated());
    }

    /** Whether this node's lock for the vendor names its owner (HAMi's {@code hami.io/mutex.lock}). */
    private boolean ownedLock() {
        return lock.flatMap(NodeLockKind::ofKey).filter(NodeLockKind::namesOwner).isPresent();
    }

    @Override
    public LeanPod find(Deadline deadline) throws AllocateException {
        deadline.check("reading node " + nodeName);
        LeanNode node = client.resources(LeanNode.class).withName(nodeName).get();
        if (node == null) {
            throw new AllocateException(Reason.API_ERROR, "node " + nodeName + " does not exist", Optional.empty(), null);
        }
        var owner = ownedLock() ? lockOwner(annotation(node.getMetadata().getAnnotations(), AnnotationKeys.HAMI_NODE_LOCK))
                : Optional.<PodRef>empty();
        if (owner.isPresent()) {
            var ref = owner.get();
            deadline.check("reading pod " + ref);
            var pod = client.resources(LeanPod.class).inNamespace(ref.namespace()).withName(ref.name()).get();
            if (pod == null) {
                throw new AllocateException(Reason.NO_PENDING_POD, "node " + nodeName + " is locked by pod " + ref
                        + ", which does not exist", Optional.of(ref), null);
            }
            return pod;
        }
        deadline.check("listing pods bound to " + nodeName);
        return client.resources(LeanPod.class).inAnyNamespace().withLabel(HamiAnnotations.VGPU_NODE, nodeName).list().getItems().stream()
                .filter(this::waitsForDevices)
                .min(Comparator.comparingLong(NodeLockPendingPods::bindTime)
                        .thenComparing(p -> p.getMetadata().getNamespace())
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> new AllocateException(Reason.NO_PENDING_POD, "no pod on node " + nodeName
                        + " is waiting for devices (no node lock, no pod in bind phase allocating)", Optional.empty(), null));
    }

    private Optional<PodRef> lockOwner(String value) throws AllocateException {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return NodeLockCodec.INSTANCE.decode(value).owner();
        } catch (WireFormatException e) {
            throw new AllocateException(Reason.BAD_ALLOCATION, "node " + nodeName + ": " + AnnotationKeys.HAMI_NODE_LOCK
                    + ": " + e.getMessage(), Optional.empty(), e);
        }
    }

    private boolean waitsForDevices(LeanPod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        var phase = BindPhase.of(annotation(annotations, HamiAnnotations.BIND_PHASE));
        return pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName())
                && pod.getStatus() != null && "Pending".equals(pod.getStatus().getPhase())
                && annotation(annotations, HamiAnnotations.BIND_TIME) != null
                && (phase.equals(Optional.of(BindPhase.ALLOCATING)) || phase.equals(Optional.of(BindPhase.SUCCESS)))
                && nodeName.equals(annotation(annotations, HamiAnnotations.VGPU_NODE))
                && holdsDevices(toAllocate(annotations, keys));
    }

    /**
     * Whether the allocation still to hand out holds a device. One that does not decode counts as holding some, so
     * that the planner names the pod and its bad annotation instead of reporting that no pod waits.
     */
    static boolean holdsDevices(String toAllocate) {
        if (toAllocate == null || toAllocate.isEmpty()) {
            return false;
        }
        try {
            return PodDevicesCodec.INSTANCE.decode(toAllocate).containers().stream().anyMatch(c -> !c.isEmpty());
        } catch (WireFormatException e) {
            return true;
        }
    }

    private static long bindTime(LeanPod pod) {
        try {
            return Long.parseLong(annotation(pod.getMetadata().getAnnotations(), HamiAnnotations.BIND_TIME));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** An annotation's value; {@code null} when absent, or set to JSON null by a merge patch that a mock kept. */
    static String annotation(Map<String, String> annotations, String key) {
        return annotations == null ? null : annotations.get(key);
    }

    @Override
    public void finish(PodRef pod) {
        release.ifPresent(r -> r.release(pod));
    }

    /** One read of the node for all of {@code pods}: a lock names at most one of them. */
    @Override
    public void finishAny(Collection<PodRef> pods) {
        if (!pods.isEmpty()) {
            release.ifPresent(r -> r.release(pods));
        }
    }

}
