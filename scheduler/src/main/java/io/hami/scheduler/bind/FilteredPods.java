package io.hami.scheduler.bind;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pods this scheduler's {@code /filter} let through without devices (they ask for none), by uid, for a while:
 * such a pod carries no {@code hami.io/vgpu-node} to bind against, and {@code /bind} still takes only pods this
 * scheduler filtered. Bounded: the oldest entries go first; an entry expires after {@code ttl}. Thread-safe.
 */
public final class FilteredPods {

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final Map<String, Instant> passed;

    /**
     * @param ttl      how long after its filter a pod may be bound (kube-scheduler binds within its scheduling cycle)
     * @param capacity the most pods remembered
     */
    public FilteredPods(Clock clock, Duration ttl, int capacity) {
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
        this.passed = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > FilteredPods.this.capacity;
            }
        };
    }

    /** Remembers that the filter let the pod through just now. */
    public synchronized void passed(String uid) {
        passed.remove(uid);
        passed.put(uid, clock.instant());
    }

    /** Whether the filter let the pod through within the last {@code ttl}. */
    public synchronized boolean wasPassed(String uid) {
        Instant when = passed.get(uid);
        if (when == null) {
            return false;
        }
        if (clock.instant().isAfter(when.plus(ttl))) {
            passed.remove(uid);
            return false;
        }
        return true;
    }
}
