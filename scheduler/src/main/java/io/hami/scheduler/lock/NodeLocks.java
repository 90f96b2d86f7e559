package io.hami.scheduler.lock;

import io.hami.scheduler.apiserver.ApiException;

import io.hami.model.annotation.NodeLock;
import io.hami.model.annotation.NodeLockCodec;
import io.hami.model.annotation.PodRef;
import io.hami.model.vendor.AnnotationKeys;
import io.hami.model.wire.WireFormatException;
import io.hami.model.annotation.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * HAMi's node lock {@code hami.io/mutex.lock} (docs/scheduler.md, "Filter, bind and the node lock"), compatible with
 * HAMi's device plugins, which find the pod to serve through it and release it after {@code Allocate}.
 *
 * <ul>
 *   <li>Value {@code <RFC3339>,<namespace>,<pod>} in the clock's zone ({@link NodeLockCodec}); a legacy lock is a bare
 *       timestamp, which anyone may release.</li>
 *   <li>{@link #lock}: an unlocked node is taken; an expired lock (older than the timeout) or one whose owner pod is
 *       gone or terminal is taken over; the owner's own lock is re-entrant; anything else is contention.</li>
 *   <li>Every write is a merge patch guarded by the node's resourceVersion, retried with backoff after a conflict or
 *       a failure; each retry re-reads the node first, so a response lost after a successful write is recognised.</li>
 *   <li>Operations on one node are serialized in this process; different nodes proceed in parallel.</li>
 * </ul>
 * Deviation: HAMi takes over only from deleted owners; an owner that reached {@code Succeeded}/{@code Failed} holds the
 * lock until expiry there (HAMi PR #3047). Here it is taken over too.
 */
public final class NodeLocks {

    /** The one lock key HAMi v2.10 writes for every vendor. */
    public static final String KEY = AnnotationKeys.HAMI_NODE_LOCK;

    private final NodeLockApi api;
    private final Clock clock;
    private final Duration timeout;
    private final Backoff backoff;
    private final ConcurrentHashMap<String, ReentrantLock> mutexes = new ConcurrentHashMap<>();

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

    /** Takes the node's lock for the pod (HAMi's {@code LockNode}). */
    public void lock(String node, PodRef pod) throws NodeLockException, InterruptedException {
        ReentrantLock mutex = mutex(node);
        mutex.lockInterruptibly();
        try {
            NodeLockApi.LockState state = read(node);
            if (state.value() == null) {
                set(node, pod);
                return;
            }
            NodeLock held;
            try {
                held = NodeLockCodec.INSTANCE.decode(state.value());
            } catch (WireFormatException e) {
                throw NodeLockException.failure("node " + node + ": " + e.getMessage(), e);
            }
            if (held.expired(clock.instant(), timeout)) {
                release(node, pod, true);
                set(node, pod);
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
                    release(node, pod, true);
                    set(node, pod);
                    return;
                }
            }
            Duration expiresIn = Duration.between(clock.instant(), held.acquiredAt().toInstant().plus(timeout));
            throw NodeLockException.contention("node " + node + " has been locked within "
                    + GoDuration.format(timeout), expiresIn);
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Releases the node's lock if the pod holds it (HAMi's {@code ReleaseNodeLock}); another pod's lock is left alone,
     * a legacy lock is removed.
     */
    public void release(String node, PodRef pod) throws NodeLockException, InterruptedException {
        ReentrantLock mutex = mutex(node);
        mutex.lockInterruptibly();
        try {
            release(node, pod, false);
        } finally {
            mutex.unlock();
        }
    }

    /** Forgets the node's in-process mutex (the node was deleted). */
    public void forget(String node) {
        mutexes.remove(node);
    }

    /** The node's in-process mutex; visible for tests. */
    ReentrantLock mutex(String node) {
        return mutexes.computeIfAbsent(node, k -> new ReentrantLock());
    }

    private void set(String node, PodRef pod) throws NodeLockException, InterruptedException {
        if (read(node).value() != null) {
            throw NodeLockException.contention("node " + node + " is locked");
        }
        String value = NodeLockCodec.INSTANCE.encode(NodeLock.heldBy(OffsetDateTime.now(clock), pod));
        String ours = "," + pod.namespace() + "," + pod.name();
        ApiException last = null;
        for (int step = 0; step < backoff.steps(); step++) {
            if (step > 0) {
                backoff.pause(step - 1);
            }
            NodeLockApi.LockState state = read(node);
            if (state.value() != null) {
                if (state.value().endsWith(ours)) {
                    return;
                }
                throw NodeLockException.contention("node " + node + " was locked by another pod");
            }
            try {
                api.write(node, KEY, value, state.resourceVersion());
                return;
            } catch (ApiException e) {
                last = e;
            }
        }
        throw NodeLockException.failure("setting the lock on node " + node + ": " + last.getMessage(), last);
    }

    private void release(String node, PodRef pod, boolean skipOwnerCheck)
            throws NodeLockException, InterruptedException {
        String first = read(node).value();
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
                state = api.read(node, KEY);
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
                api.write(node, KEY, null, state.resourceVersion());
                return;
            } catch (ApiException e) {
                last = e;
            }
        }
        throw NodeLockException.failure("releasing the lock on node " + node + ": " + last.getMessage(), last);
    }

    private NodeLockApi.LockState read(String node) throws NodeLockException {
        return call(() -> api.read(node, KEY), "node " + node);
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
