package io.hami.testfixtures.nvml;

import io.hami.bindings.nvml.NvmlEvent;
import io.hami.bindings.nvml.NvmlEventSet;
import io.hami.bindings.nvml.NvmlResult;
import io.hami.bindings.nvml.NvmlReturn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The event sets and XID queue of {@link FakeNvml}, with the mock's rules: the queue starts as the profile's
 * events at each first init, a wait takes the oldest event whose device the set registered for its type, and
 * an injected event wakes the waiters.
 */
final class FakeNvmlEvents {

    private static final long SET_BASE = 0x5e70_0000_0000L;
    private static final int MAX_SETS = 64;

    private record Queued(int device, long xid, OptionalInt gpuInstanceId, OptionalInt computeInstanceId) {
    }

    private final FakeNvml nvml;
    private final NvmlProfile profile;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<Queued> queue = new ArrayList<>();
    private final Map<Long, long[]> sets = new HashMap<>();
    private long nextSet = 1;
    private boolean initialized;

    FakeNvmlEvents(FakeNvml nvml, NvmlProfile profile) {
        this.nvml = nvml;
        this.profile = profile;
    }

    /** At the first init (true) and the last shutdown (false). */
    void reset(boolean init) {
        lock.lock();
        try {
            initialized = init;
            sets.clear();
            queue.clear();
            if (init) {
                profile.xidEvents().forEach(x -> queue.add(new Queued(x.device(), x.xid(), x.gpuInstanceId(), x.computeInstanceId())));
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    NvmlResult<NvmlEventSet> create() {
        var rc = nvml.system("nvmlEventSetCreate");
        if (rc != NvmlReturn.SUCCESS) {
            return NvmlResult.error("nvmlEventSetCreate", rc);
        }
        lock.lock();
        try {
            if (sets.size() == MAX_SETS) {
                return NvmlResult.error("nvmlEventSetCreate", NvmlReturn.INSUFFICIENT_RESOURCES);
            }
            long handle = SET_BASE + nextSet++ * 0x100;
            sets.put(handle, new long[profile.devices().size()]);
            return NvmlResult.ok("nvmlEventSetCreate", new NvmlEventSet(handle));
        } finally {
            lock.unlock();
        }
    }

    NvmlResult<Void> register(int device, long supported, long types, NvmlEventSet set) {
        lock.lock();
        try {
            var masks = sets.get(set.handle());
            if (masks == null) {
                return NvmlResult.error("nvmlDeviceRegisterEvents", NvmlReturn.INVALID_ARGUMENT);
            }
            if ((types & ~supported) != 0) {
                return NvmlResult.error("nvmlDeviceRegisterEvents", NvmlReturn.NOT_SUPPORTED);
            }
            masks[device] |= types;
            return NvmlResult.ok("nvmlDeviceRegisterEvents", null);
        } finally {
            lock.unlock();
        }
    }

    NvmlResult<NvmlEvent> await(NvmlEventSet set, int timeoutMs) {
        var symbol = "nvmlEventSetWait_v2";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Integer.toUnsignedLong(timeoutMs));
        lock.lock();
        try {
            for (;;) {
                if (!initialized) {
                    return NvmlResult.error(symbol, NvmlReturn.UNINITIALIZED);
                }
                var masks = sets.get(set.handle());
                if (masks == null) {
                    return NvmlResult.error(symbol, NvmlReturn.INVALID_ARGUMENT);
                }
                for (int i = 0; i < queue.size(); i++) {
                    var q = queue.get(i);
                    if ((masks[q.device()] & NvmlEvent.XID_CRITICAL_ERROR) != 0) {
                        queue.remove(i);
                        return NvmlResult.ok(symbol, new NvmlEvent(FakeNvml.handle(q.device()), NvmlEvent.XID_CRITICAL_ERROR,
                                q.xid(), q.gpuInstanceId(), q.computeInstanceId()));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return NvmlResult.error(symbol, NvmlReturn.TIMEOUT);
                }
                arrived.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NvmlResult.error(symbol, NvmlReturn.UNKNOWN);
        } finally {
            lock.unlock();
        }
    }

    NvmlResult<Void> free(NvmlEventSet set) {
        lock.lock();
        try {
            return sets.remove(set.handle()) != null ? NvmlResult.ok("nvmlEventSetFree", null)
                    : NvmlResult.error("nvmlEventSetFree", NvmlReturn.INVALID_ARGUMENT);
        } finally {
            lock.unlock();
        }
    }

    boolean inject(int device, long xid) {
        lock.lock();
        try {
            if (!initialized || device < 0 || device >= profile.devices().size()) {
                return false;
            }
            queue.add(new Queued(device, xid, OptionalInt.empty(), OptionalInt.empty()));
            arrived.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    int live() {
        lock.lock();
        try {
            return sets.size();
        } finally {
            lock.unlock();
        }
    }
}
