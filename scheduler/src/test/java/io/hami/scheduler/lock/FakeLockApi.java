package io.hami.scheduler.lock;

import io.hami.model.protocol.NodeLockKind;
import io.hami.scheduler.apiserver.ApiException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An API server holding node lock annotations (one per node and key; {@code hami.io/mutex.lock} unless a key is named)
 * with resourceVersions, plus scripted faults: a conflict or failure for
 * the next writes, a value the next reads show (another writer), and a write that succeeds but whose response is
 * lost. Thread-safe.
 */
public final class FakeLockApi implements NodeLockApi {

    /** A scripted outcome of the next write. */
    public enum WriteFault { CONFLICT, ERROR, LOST_RESPONSE }

    private final Map<String, String> locks = new HashMap<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private final Set<String> pods = new HashSet<>();
    private final Set<String> terminal = new HashSet<>();
    private final Deque<WriteFault> faults = new ArrayDeque<>();
    private final Deque<Runnable> beforeWrite = new ArrayDeque<>();
    public final AtomicInteger writes = new AtomicInteger();
    public final AtomicInteger reads = new AtomicInteger();

    public synchronized FakeLockApi node(String name) {
        versions.putIfAbsent(name, 1);
        return this;
    }

    public synchronized FakeLockApi node(String name, String lock) {
        return node(name, NodeLockKind.HAMI.key(), lock);
    }

    public synchronized FakeLockApi node(String name, String key, String lock) {
        node(name);
        locks.put(name + " " + key, lock);
        versions.merge(name, 1, Integer::sum);
        return this;
    }

    public synchronized FakeLockApi pod(String namespace, String name) {
        pods.add(namespace + "/" + name);
        return this;
    }

    public synchronized FakeLockApi terminalPod(String namespace, String name) {
        pod(namespace, name);
        terminal.add(namespace + "/" + name);
        return this;
    }

    /** The next write fails this way. */
    public synchronized FakeLockApi fault(WriteFault fault) {
        faults.add(fault);
        return this;
    }

    /** Before the next write is applied, another writer does this (e.g. sets the node's lock). */
    public synchronized FakeLockApi meanwhile(Runnable change) {
        beforeWrite.add(change);
        return this;
    }

    public synchronized String lock(String node) {
        return lock(node, NodeLockKind.HAMI.key());
    }

    public synchronized String lock(String node, String key) {
        return locks.get(node + " " + key);
    }

    @Override
    public synchronized LockState read(String node, String key) throws ApiException {
        reads.incrementAndGet();
        if (!versions.containsKey(node)) {
            throw new ApiException(ApiException.Kind.NOT_FOUND, "nodes \"" + node + "\" not found");
        }
        return new LockState(locks.get(node + " " + key), versions.get(node).toString());
    }

    @Override
    public synchronized void write(String node, String key, String value, String resourceVersion)
            throws ApiException {
        writes.incrementAndGet();
        Runnable change = beforeWrite.poll();
        if (change != null) {
            change.run();
        }
        WriteFault fault = faults.poll();
        if (fault == WriteFault.CONFLICT || !versions.get(node).toString().equals(resourceVersion)) {
            throw new ApiException(ApiException.Kind.CONFLICT, "the object has been modified");
        }
        if (fault == WriteFault.ERROR) {
            throw new ApiException(ApiException.Kind.OTHER, "apiserver 500");
        }
        if (value == null) {
            locks.remove(node + " " + key);
        } else {
            locks.put(node + " " + key, value);
        }
        versions.merge(node, 1, Integer::sum);
        if (fault == WriteFault.LOST_RESPONSE) {
            throw new ApiException(ApiException.Kind.OTHER, "connection reset");
        }
    }

    @Override
    public synchronized OwnerState owner(String namespace, String name) {
        String key = namespace + "/" + name;
        if (!pods.contains(key)) {
            return OwnerState.ABSENT;
        }
        return terminal.contains(key) ? OwnerState.TERMINAL : OwnerState.ACTIVE;
    }
}
