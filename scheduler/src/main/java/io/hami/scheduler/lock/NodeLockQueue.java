package io.hami.scheduler.lock;

import io.hami.model.annotation.PodRef;
import io.hami.model.annotation.GoDuration;
import io.hami.model.protocol.NodeLockKind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Binds waiting for a node lock that another live pod holds, instead of failing at once: one line per node, served
 * in arrival order. Only the head of a line tries {@link NodeLocks#lock}; it tries when it arrives at the head and
 * again each time the lock may have become free, which the informers report ({@link #mayBeFree}: a node update
 * without the lock, a lock owner deleted or finished), which a release through {@link #release} knows itself, and
 * when the lock seen at the last try expires (it may be taken over then). Nothing polls. Correctness never rests on
 * these signals: every try reads the API server, and a signal that turns out stale costs one read.
 *
 * <p>A wait ends when the lock is taken, at its deadline (a contention error, as HAMi answers at once; the lock is not
 * touched), when the waiting pod or the node is deleted, or when a try fails for another reason. Waiting holds no
 * other lock: the waiter parks on its own condition, informer threads only set a flag and signal, and lines of
 * different nodes share nothing. A line is dropped when its last waiter leaves, so that lines do not pile up for
 * node names seen once.
 */
public final class NodeLockQueue {

    /** Where waits are reported: how long a bind waited, and {@code acquired}, {@code timeout},
     * {@code cancelled} or {@code error}. Called only for binds that had to wait. */
    @FunctionalInterface
    public interface WaitObserver {
        void waited(Duration elapsed, String outcome);

        /** Records nothing. */
        WaitObserver NONE = (elapsed, outcome) -> { };
    }

    /** Past a held lock's expiry by this much, the head tries again (expiry compares strictly). */
    private static final long EXPIRY_MARGIN = 10_000_000L;
    /** An expiry no wait reaches (nanoTime differences must not overflow). */
    private static final long NEVER = Long.MAX_VALUE / 4;

    private final NodeLocks locks;
    private final WaitObserver observer;
    private final ConcurrentHashMap<String, Line> lines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PodRef, Waiter> waiting = new ConcurrentHashMap<>();
    /** Binds that had to wait and wait still, by node, for {@link #awaitWaiting}; guarded by itself. */
    private final Map<String, Integer> stalled = new HashMap<>();

    public NodeLockQueue(NodeLocks locks, WaitObserver observer) {
        this.locks = Objects.requireNonNull(locks, "locks");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * Takes the node's lock for the pod, waiting in the node's line up to {@code wait} while another live pod holds
     * it; {@code wait} zero tries once (HAMi's behaviour).
     *
     * @throws NodeLockException a contention error at the deadline; a failure when the pod or node was deleted while
     *                           waiting, or when a try failed otherwise
     */
    public void acquire(String node, PodRef pod, Duration wait) throws NodeLockException, InterruptedException {
        acquire(node, pod, EnumSet.of(NodeLockKind.HAMI), wait);
    }

    /**
     * Takes the node's locks of {@code kinds} for the pod ({@link NodeLocks#lock(String, PodRef, Set)}: all or none),
     * waiting in the node's line up to {@code wait} while another live pod holds one of them.
     */
    public void acquire(String node, PodRef pod, Set<NodeLockKind> kinds, Duration wait) throws NodeLockException,
            InterruptedException {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("the wait for the lock on node " + node + " must not be negative: "
                    + wait);
        }
        if (wait.isZero()) {
            locks.lock(node, pod, kinds);
            return;
        }
        long start = System.nanoTime();
        long deadline = start + wait.toNanos();
        Waiter me = join(node);
        Line line = me.line;
        Waiter before = waiting.put(pod, me);
        if (before != null) {
            before.cancel("a newer bind of the pod is waiting");
        }
        boolean acquired = false;
        String outcome = "error";
        long expiry = start + NEVER;
        try {
            while (true) {
                line.mutex.lock();
                try {
                    while (me.cancelled == null && !(line.queue.peekFirst() == me && line.mayTry)) {
                        long now = System.nanoTime();
                        if (deadline - now <= 0) {
                            outcome = "timeout";
                            throw timedOut(node, wait);
                        }
                        if (line.queue.peekFirst() == me && expiry - now <= 0) {
                            // the lock seen at the last try has expired since: it may be taken over
                            line.mayTry = true;
                            continue;
                        }
                        hadToWait(me, node);
                        long until = line.queue.peekFirst() == me && expiry - deadline < 0 ? expiry : deadline;
                        me.turn.awaitNanos(until - now);
                    }
                    if (me.cancelled != null) {
                        outcome = "cancelled";
                        throw NodeLockException.failure(me.cancelled + " while waiting for the lock on node " + node,
                                null);
                    }
                    // A release signalled from here on sets the flag again: no wake-up is lost (until the try
                    // names the lock it found held, a release of any kind counts).
                    line.mayTry = false;
                    line.blockedOn = null;
                } finally {
                    line.mutex.unlock();
                }
                try {
                    locks.lock(node, pod, kinds);
                    acquired = true;
                    outcome = "acquired";
                    return;
                } catch (NodeLockException e) {
                    if (!e.contention()) {
                        throw e;
                    }
                    line.blockedOn(e.kind());
                    hadToWait(me, node);
                    // a lock stamped far in the future expires "never" rather than overflowing
                    expiry = System.nanoTime() + e.expiresIn()
                            .map(d -> d.compareTo(Duration.ofNanos(NEVER)) > 0 ? NEVER : d.toNanos() + EXPIRY_MARGIN)
                            .orElse(NEVER);
                    if (System.nanoTime() - deadline >= 0) {
                        outcome = "timeout";
                        throw timedOut(node, wait);
                    }
                }
            }
        } finally {
            line.mutex.lock();
            try {
                if (line.leave(me, acquired)) {
                    // under the line's mutex: a bind that finds the dropped line in the map retries after this
                    lines.remove(node, line);
                }
            } finally {
                line.mutex.unlock();
            }
            waiting.remove(pod, me);
            if (me.waited) {
                countStalled(node, -1);
                observer.waited(Duration.ofNanos(System.nanoTime() - start), outcome);
            }
        }
    }

    /** The bind found the lock held, or lined up behind another: it waits (counted once per wait). */
    private void hadToWait(Waiter me, String node) {
        if (!me.waited) {
            me.waited = true;
            countStalled(node, 1);
        }
    }

    private void countStalled(String node, int delta) {
        synchronized (stalled) {
            stalled.merge(node, delta, (a, b) -> a + b == 0 ? null : a + b);
            stalled.notifyAll();
        }
    }

    /** Joins the end of the node's line; a line dropped after the look-up is replaced by a fresh one. */
    private Waiter join(String node) {
        while (true) {
            Line line = lines.computeIfAbsent(node, k -> new Line());
            line.mutex.lock();
            try {
                if (!line.dropped) {
                    Waiter w = new Waiter(line);
                    line.join(w);
                    return w;
                }
            } finally {
                line.mutex.unlock();
            }
        }
    }

    /** Releases the pod's {@code hami.io/mutex.lock} ({@link NodeLocks#release}); the node's line may try at once. */
    public void release(String node, PodRef pod) throws NodeLockException, InterruptedException {
        release(node, pod, EnumSet.of(NodeLockKind.HAMI));
    }

    /** Releases the pod's locks of {@code kinds}; the node's line may try at once. */
    public void release(String node, PodRef pod, Set<NodeLockKind> kinds) throws NodeLockException,
            InterruptedException {
        try {
            locks.release(node, pod, kinds);
        } finally {
            mayBeFree(node);
        }
    }

    /** The node's locks may be free now (a pod holding one is gone): the head of its line tries again. */
    public void mayBeFree(String node) {
        signal(node, Optional.empty());
    }

    /**
     * The node's lock of this kind is free now (its key left the node): the head of its line tries again, unless it
     * last found another kind held. Never blocks for long.
     */
    public void mayBeFree(String node, NodeLockKind kind) {
        signal(node, Optional.of(kind));
    }

    private void signal(String node, Optional<NodeLockKind> freed) {
        Line line = lines.get(node);
        if (line == null) {
            return;
        }
        line.mutex.lock();
        try {
            if (freed.isPresent() && line.blockedOn != null && line.blockedOn != freed.get()) {
                return;
            }
            line.mayTry = true;
            Waiter head = line.queue.peekFirst();
            if (head != null) {
                head.turn.signal();
            }
        } finally {
            line.mutex.unlock();
        }
    }

    /** The pod was deleted: its wait, if any, ends with an error. */
    public void podGone(PodRef pod) {
        Waiter w = waiting.get(pod);
        if (w != null) {
            w.cancel("pod " + pod + " was deleted");
        }
    }

    /** The node was deleted: its waits end with an error, and its in-process mutex is forgotten. */
    public void nodeGone(String node) {
        Line line = lines.remove(node);
        if (line != null) {
            line.mutex.lock();
            try {
                // a bind that looked the line up before the removal joins a fresh one (and finds the node gone)
                line.dropped = true;
                for (Waiter w : line.queue) {
                    w.cancel("node " + node + " was deleted");
                }
            } finally {
                line.mutex.unlock();
            }
        }
        locks.forget(node);
    }

    /** How many binds are in the node's line (the head included). */
    public int waiting(String node) {
        Line line = lines.get(node);
        if (line == null) {
            return 0;
        }
        line.mutex.lock();
        try {
            return line.queue.size();
        } finally {
            line.mutex.unlock();
        }
    }

    /**
     * For tests that must act only once binds wait: blocks until at least {@code count} binds wait for the node's
     * lock, each having found it held by another live pod or lined up behind another bind (unlike {@link #waiting},
     * which also counts a bind that joined the line and has not tried yet).
     *
     * @return false when {@code timeout} passed first
     */
    public boolean awaitWaiting(String node, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stalled) {
            while (stalled.getOrDefault(node, 0) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stalled, left);
            }
            return true;
        }
    }

    /** How many nodes have a line; visible for tests. */
    int lines() {
        return lines.size();
    }

    private static NodeLockException timedOut(String node, Duration wait) {
        return NodeLockException.contention("timed out after " + GoDuration.format(wait) + " waiting for node " + node
                + " to be unlocked");
    }

    /** One node's waiters in arrival order; all fields guarded by {@link #mutex}. */
    private static final class Line {
        final ReentrantLock mutex = new ReentrantLock();
        final ArrayDeque<Waiter> queue = new ArrayDeque<>();
        /** Whether the head should try: it has not tried since it became head, or the lock may have been freed. */
        boolean mayTry;
        /** Whether the line left the map (emptied, or its node deleted): nobody may join it any more. */
        boolean dropped;
        /** The lock the head last found held, when it knows; a release of another kind does not wake it. */
        NodeLockKind blockedOn;

        void blockedOn(Optional<NodeLockKind> kind) {
            mutex.lock();
            try {
                blockedOn = kind.orElse(null);
            } finally {
                mutex.unlock();
            }
        }

        void join(Waiter w) {
            if (queue.isEmpty()) {
                mayTry = true;
            }
            queue.addLast(w);
        }

        /** Takes the waiter out of the line and hands the turn on; whether the line is now empty and dropped. */
        boolean leave(Waiter w, boolean acquired) {
            boolean wasHead = queue.peekFirst() == w;
            queue.remove(w);
            if (queue.isEmpty()) {
                dropped = true;
                return true;
            }
            if (!wasHead) {
                return false;
            }
            blockedOn = null;
            // After taking the lock the successor waits for its release (unless one was signalled meanwhile);
            // otherwise the lock's state is unknown and the successor tries.
            if (!acquired) {
                mayTry = true;
            }
            Waiter next = queue.peekFirst();
            next.turn.signal();
            return false;
        }
    }

    /** One waiting bind in its node's line. */
    private static final class Waiter {
        final Line line;
        final Condition turn;
        /** Why the wait ends early; guarded by the line's mutex. */
        String cancelled;
        /** Whether the bind had to wait (counted in stalled); only its own thread touches it. */
        boolean waited;

        Waiter(Line line) {
            this.line = line;
            this.turn = line.mutex.newCondition();
        }

        void cancel(String reason) {
            line.mutex.lock();
            try {
                cancelled = reason;
                turn.signal();
            } finally {
                line.mutex.unlock();
            }
        }
    }
}
