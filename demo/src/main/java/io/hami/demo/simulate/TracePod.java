package io.hami.demo.simulate;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One pod of a trace: when it arrives, how long it runs once placed, and what its one container asks for.
 *
 * @param name          the pod's name, unique within the trace
 * @param arrivalMillis when it is submitted, in milliseconds from the start of the trace
 * @param durationMillis how long it holds its devices once placed
 * @param requests      the container's resource limits by resource name ({@code nvidia.com/gpu} → {@code 2}), as the
 *                      scheduler reads them from a pod; sorted, so that pods asking the same compare equal
 */
public record TracePod(String name, long arrivalMillis, long durationMillis, SortedMap<String, String> requests) {

    public TracePod {
        Objects.requireNonNull(name, "name");
        if (arrivalMillis < 0) {
            throw new IllegalArgumentException("pod " + name + ": time must not be negative: " + arrivalMillis + " ms");
        }
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("pod " + name + ": duration must be positive: " + durationMillis + " ms");
        }
        requests = Collections.unmodifiableSortedMap(new TreeMap<>(requests));
    }
}
