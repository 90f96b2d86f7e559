package io.hami.scheduler.lock;

import io.hami.scheduler.apiserver.ApiException;

import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.protocol.NodeLockKind;
import io.hami.model.wire.WireFormatException;
import io.hami.model.annotation.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node locks of HAMi's protocol (docs/scheduler.md, "Filter, bind and the node lock"), compatible with the vendors'
 * device plugins, which find the pod to serve through them and release them after {@code Allocate}. A pod takes the
 * lock of every type it asks for ({@link NodeLockKind}, in enum order, as HAMi takes them in its sorted device order):
 * {@code hami.io/mutex.lock} for most, Cambricon's {@code cambricon.com/dsmlu.lock} for Cambricon; when one cannot be
 * taken, those taken in the same call are released again.
 *
 * <ul>
 *   <li>{@link NodeLockKind#HAMI}: value {@code <RFC3339>,<namespace>,<pod>} in the clock's zone ({@link NodeLockCodec});
 *       a legacy lock is a bare timestamp, which anyone may release; expires after the configured timeout.</li>
 *   <li>{@link NodeLockKind#CAMBRICON_DSMLU}: a bare timestamp naming no pod, which expires after two minutes.</li>
 *   <li>{@link #lock}: an unlocked node is taken; an expired lock (older than its expiry) or one whose owner pod is
 *       gone or terminal is taken over; the owner's own lock is re-entrant; anything else is contention.</li>
 *   <li>Every write is a merge patch guarded by the node's resourceVersion, retried with backoff after a conflict or
 *       a failure; each retry re-reads the node first, so a response lost after a successful write is recognised.</li>
 *   <li>Operations on one node are serialized in this process; different nodes proceed in parallel.</li>
 * </ul>
 * Deviation: HAMi takes over only from deleted owners; an owner that reached {@code Succeeded}/{@code Failed} holds the
 * lock until expiry there (HAMi PR #3047). Here it is taken over too.
 */
public final class NodeLocks {

    /** The lock a call that names none takes. */
    private static final Set<NodeLockKind> HAMI_ONLY = EnumSet.of(NodeLockKind.HAMI);

    private final NodeLockApi api;
    private final Clock clock;
    private final Duration timeout;
    private final Backoff backoff;
    private final ConcurrentHashMap<String, ReentrantLock> mutexes = new ConcurrentHashMap<>();

    /**
     * @param timeout the expiry of {@code hami.io/mutex.lock} ({@code --node-lock-timeout}); Cambricon's lock has its
     *                own
     */
    public NodeLocks(NodeLockApi api, Clock clock, Duration timeout, Backoff backoff) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    /** The lock expiry. */
    public Duration timeout() {
        return timeout;
    }

    /** Takes the node's {@code hami.io/mutex.lock} for the pod (HAMi's {@code LockNode}). */
    public void lock(String node, PodRef pod) throws NodeLockException, InterruptedException {
        lock(node, pod, HAMI_ONLY);
    }

    /**
     * Takes each of the node's locks of {@code kinds} for the pod, in enum order (HAMi's {@code lockAllDevices}); when
     * one fails, the ones this call took are released and the failure is thrown.
     */
    public void lock(String node, PodRef pod, Set<NodeLockKind> kinds) throws NodeLockException, InterruptedException {
        ReentrantLock mutex = mutex(node);
        mutex.lockInterruptibly();
        try {
            var taken = new ArrayList<NodeLockKind>();
            for (NodeLockKind kind : ordered(kinds)) {
                try {
                    lockOne(node, pod, kind);
                } catch (NodeLockException e) {
                    for (NodeLockKind k : taken.reversed()) {
                        try {
                            release(node, pod, k, false);
                        } catch (NodeLockException rollback) {
                            e.addSuppressed(rollback);
                        }
                    }
                    throw e;
                }
                taken.add(kind);
            }
        } finally {
            mutex.unlock();
        }
    }

    private void lockOne(String node, PodRef pod, NodeLockKind kind) throws NodeLockException, InterruptedException {
        NodeLockApi.LockState state = read(node, kind);
        if (state.value() == null) {
            set(node, pod, kind);
            return;
        }
        NodeLock held;
        try {
            held = NodeLockCodec.INSTANCE.decode(state.value());
        } catch (WireFormatException e) {
            throw NodeLockException.failure("node " + node + ": " + kind.key() + ": " + e.getMessage(), e);
        }
        Duration expiry = expiry(kind);
        if (held.expired(clock.instant(), expiry)) {
            release(node, pod, kind, true);
            set(node, pod, kind);
            return;
        }
        if (held.ownedBy(pod.namespace(), pod.name())) {
            return;
        }
        if (held.owner().isPresent()) {
            PodRef owner = held.owner().get();
            NodeLockApi.OwnerState ownerState = call(() -> api.owner(owner.namespace(), owner.name()),
                    "owner pod " + owner + " of the lock on node " + node);
            if (ownerState != NodeLockApi.OwnerState.ACTIVE) {
                release(node, pod, kind, true);
                set(node, pod, kind);
                return;
            }
        }
        Duration expiresIn = Duration.between(clock.instant(), held.acquiredAt().toInstant().plus(expiry));
        throw NodeLockException.contention(kind, "node " + node + " has been locked within "
                + GoDuration.format(expiry), expiresIn);
    }

    /** Releases the node's {@code hami.io/mutex.lock} if the pod holds it (HAMi's {@code ReleaseNodeLock}). */
    public void release(String node, PodRef pod) throws NodeLockException, InterruptedException {
        release(node, pod, HAMI_ONLY);
    }

    /**
     * Releases the node's locks of {@code kinds}, last taken first: {@code hami.io/mutex.lock} only if the pod holds
     * it (another pod's lock is left alone, a legacy lock is removed); Cambricon's lock, which names no pod, as it is
     * (HAMi removes it unconditionally; the bind releases only a lock it took). Every kind is tried; the first failure
     * is thrown.
     */
    public void release(String node, PodRef pod, Set<NodeLockKind> kinds) throws NodeLockException,
            InterruptedException {
        ReentrantLock mutex = mutex(node);
        mutex.lockInterruptibly();
        try {
            NodeLockException first = null;
            for (NodeLockKind kind : new ArrayList<>(ordered(kinds)).reversed()) {
                try {
                    release(node, pod, kind, false);
                } catch (NodeLockException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            mutex.unlock();
        }
    }

    private static EnumSet<NodeLockKind> ordered(Set<NodeLockKind> kinds) {
        var set = EnumSet.noneOf(NodeLockKind.class);
        set.addAll(kinds);
        return set;
    }

    /** How long a lock of this kind holds. */
    Duration expiry(NodeLockKind kind) {
        return kind.fixedExpiry().orElse(timeout);
    }

    /** Forgets the node's in-process mutex (the node was deleted). */
    public void forget(String node) {
        mutexes.remove(node);
    }

    /** The node's in-process mutex; visible for tests. */
    ReentrantLock mutex(String node) {
        return mutexes.computeIfAbsent(node, k -> new ReentrantLock());
    }

    private void set(String node, PodRef pod, NodeLockKind kind) throws NodeLockException, InterruptedException {
        if (read(node, kind).value() != null) {
            throw NodeLockException.contention(kind, "node " + node + " is locked");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String value = NodeLockCodec.INSTANCE.encode(kind.namesOwner() ? NodeLock.heldBy(now, pod) : NodeLock.legacy(now));
        String ours = "," + pod.namespace() + "," + pod.name();
        ApiException last = null;
        for (int step = 0; step < backoff.steps(); step++) {
            if (step > 0) {
                backoff.pause(step - 1);
            }
            NodeLockApi.LockState state = read(node, kind);
            if (state.value() != null) {
                if (kind.namesOwner() ? state.value().endsWith(ours) : state.value().equals(value)) {
                    return;
                }
                throw NodeLockException.contention(kind, "node " + node + " was locked by another pod");
            }
            try {
                api.write(node, kind.key(), value, state.resourceVersion());
                return;
            } catch (ApiException e) {
                last = e;
            }
        }
        throw NodeLockException.failure("setting the lock " + kind.key() + " on node " + node + ": "
                + last.getMessage(), last);
    }

    private void release(String node, PodRef pod, NodeLockKind kind, boolean skipOwnerCheck)
            throws NodeLockException, InterruptedException {
        String first = read(node, kind).value();
        if (first == null) {
            return;
        }
        NodeLock held = decodeOrNull(first);
        if (!skipOwnerCheck && (held == null || (!held.isLegacy() && !held.ownedBy(pod.namespace(), pod.name())))) {
            return;
        }
        boolean byValue = skipOwnerCheck || held == null || held.isLegacy();
        Exception last = null;
        for (int step = 0; step < backoff.steps(); step++) {
            if (step > 0) {
                backoff.pause(step - 1);
            }
            NodeLockApi.LockState state;
            try {
                state = api.read(node, kind.key());
            } catch (ApiException e) {
                last = e;
                continue;
            }
            if (state.value() == null) {
                return;
            }
            if (byValue) {
                if (!state.value().equals(first)) {
                    return;
                }
            } else {
                NodeLock now = decodeOrNull(state.value());
                if (now == null || !now.ownedBy(pod.namespace(), pod.name())) {
                    return;
                }
            }
            try {
                api.write(node, kind.key(), null, state.resourceVersion());
                return;
            } catch (ApiException e) {
                last = e;
            }
        }
        throw NodeLockException.failure("releasing the lock " + kind.key() + " on node " + node + ": "
                + last.getMessage(), last);
    }

    private NodeLockApi.LockState read(String node, NodeLockKind kind) throws NodeLockException {
        return call(() -> api.read(node, kind.key()), "node " + node);
    }

    private static NodeLock decodeOrNull(String value) {
        try {
            return NodeLockCodec.INSTANCE.decode(value);
        } catch (WireFormatException e) {
            return null;
        }
    }

    private interface Call<T> {
        T run() throws ApiException;
    }

    private static <T> T call(Call<T> call, String what) throws NodeLockException {
        try {
            return call.run();
        } catch (ApiException e) {
            String problem = e.kind() == ApiException.Kind.NOT_FOUND ? "not found" : e.getMessage();
            throw NodeLockException.failure(what + ": " + problem, e);
        }
    }
}
