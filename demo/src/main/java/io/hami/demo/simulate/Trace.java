package io.hami.demo.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * Pod arrivals and departures to replay: the pods in order of arrival (pods arriving at the same time keep the order
 * they were given in).
 *
 * @param pods the pods, each name once
 */
public record Trace(List<TracePod> pods) {

    public Trace {
        var sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparingLong(TracePod::arrivalMillis));
        pods = List.copyOf(sorted);
        var names = new HashSet<String>();
        for (TracePod p : pods) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("pod name " + p.name() + " occurs twice in the trace");
            }
        }
        if (pods.isEmpty()) {
            throw new IllegalArgumentException("the trace has no pods");
        }
    }

    /** When the first pod arrives. */
    public long firstArrival() {
        return pods.getFirst().arrivalMillis();
    }

    /** When the last pod arrives. */
    public long lastArrival() {
        return pods.getLast().arrivalMillis();
    }
}
