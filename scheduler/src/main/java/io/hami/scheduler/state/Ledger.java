package io.hami.scheduler.state;

import io.fabric8.kubernetes.api.model.Pod;
import io.hami.scheduler.kube.KubeObjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter's decisions that the informer has not caught up with, per pod UID. Owned by the state thread.
 *
 * <p>Informer events may predate the filter's patch (the pod's status changed while the filter decided), so a pod
 * event alone cannot say what the pod holds:
 * <ul>
 *   <li><b>reserved</b>: the filter chose devices. Events without exactly the patched annotations are older than the
 *       patch and leave the reservation in place; the first event with them confirms it, and from then on the pod's
 *       annotations are the truth.</li>
 *   <li><b>superseded</b>: the pod was filtered again and did not get devices (nothing fits, an error, a failed patch),
 *       so the allocation annotations it still carries from an earlier filter are stale: while an event shows exactly
 *       those and the pod is not bound, it holds nothing. Other annotations, or a binding, end the entry.</li>
 * </ul>
 * Entries expire after a TTL; the state then falls back to the informer's view of the pod.
 */
final class Ledger {

    /** What to do with a pod event. */
    enum Verdict {
        /** Count the pod from its annotations. */
        COUNT,
        /** Keep the reservation; the event is older than the filter's patch. */
        KEEP,
        /** The pod holds nothing: its annotations are stale. */
        IGNORE
    }

    private record Entry(String namespace, String name, Map<String, String> annotations, boolean reserved,
                         Instant expires) {
    }

    /** A pod whose entry expired, to be re-read from the informer's cache. */
    record Expired(String uid, String namespace, String name) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    void reserved(String uid, String namespace, String name, Map<String, String> annotations, Instant expires) {
        entries.put(uid, new Entry(namespace, name, Map.copyOf(annotations), true, expires));
    }

    /**
     * Marks the pod's allocation annotations {@code stale} as void; when the caller's copy of the pod shows none but
     * the ledger holds a reservation the informer has not confirmed, the reservation's annotations are the stale ones.
     */
    void superseded(String uid, String namespace, String name, Map<String, String> stale, Instant expires) {
        Entry previous = entries.get(uid);
        if (stale.isEmpty() && previous != null && previous.reserved()) {
            stale = previous.annotations();
        }
        if (stale.isEmpty()) {
            entries.remove(uid);
        } else {
            entries.put(uid, new Entry(namespace, name, Map.copyOf(stale), false, expires));
        }
    }

    /** Judges an event of a live (non-terminal) pod; a confirming event or a newer state ends the entry. */
    Verdict judge(Pod pod) {
        String uid = KubeObjects.uid(pod);
        Entry e = entries.get(uid);
        if (e == null) {
            return Verdict.COUNT;
        }
        boolean same = carries(pod, e.annotations());
        if (e.reserved()) {
            if (same) {
                entries.remove(uid);
                return Verdict.COUNT;
            }
            return Verdict.KEEP;
        }
        boolean bound = pod.getSpec() != null && pod.getSpec().getNodeName() != null
                && !pod.getSpec().getNodeName().isEmpty();
        if (same && !bound) {
            return Verdict.IGNORE;
        }
        entries.remove(uid);
        return Verdict.COUNT;
    }

    void forget(String uid) {
        entries.remove(uid);
    }

    boolean contains(String uid) {
        return entries.containsKey(uid);
    }

    /** Removes and returns the entries that expired at {@code now}. */
    List<Expired> expire(Instant now) {
        var expired = new ArrayList<Expired>();
        var it = entries.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().expires().isAfter(now)) {
                expired.add(new Expired(e.getKey(), e.getValue().namespace(), e.getValue().name()));
                it.remove();
            }
        }
        return expired;
    }

    private static boolean carries(Pod pod, Map<String, String> annotations) {
        Map<String, String> actual = KubeObjects.annotations(pod);
        for (var e : annotations.entrySet()) {
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
