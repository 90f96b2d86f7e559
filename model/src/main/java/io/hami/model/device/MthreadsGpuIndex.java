package io.hami.model.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The value of {@code mthreads.com/gpu-index}: the node indexes of the GPUs a Moore Threads pod got, e.g.
 * {@code 0} or {@code 2,3}. Its canonical JSON is a bare array; it holds at least one index, each once.
 *
 * @param indexes the GPU indexes, not negative, without repeats
 */
public record MthreadsGpuIndex(List<Integer> indexes) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public MthreadsGpuIndex {
        indexes = Checks.copy(indexes, "indexes");
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("indexes must not be empty: the pod got no GPU");
        }
        for (int i = 0; i < indexes.size(); i++) {
            Checks.nonNegative(indexes.get(i), "indexes[" + i + "]");
        }
        if (new LinkedHashSet<>(indexes).size() != indexes.size()) {
            throw new IllegalArgumentException("indexes must not repeat: " + indexes);
        }
    }

    @Override
    @JsonValue
    public List<Integer> indexes() {
        return indexes;
    }

    /**
     * The pod's GPUs: every index of every allocation entry, each once, in order of first appearance
     * (docs/protocol.md, "Moore Threads"). HAMi v2.10 writes the last entry that holds devices; since all of a Moore
     * Threads pod's devices sit on one card unless one container holds them all, both give the same list for every
     * allocation HAMi's rules allow.
     *
     * @param perEntry per allocation entry, the node indexes of its devices
     * @throws IllegalArgumentException when no entry holds a device
     */
    public static MthreadsGpuIndex ofPod(List<List<Integer>> perEntry) {
        var seen = new LinkedHashSet<Integer>();
        perEntry.forEach(seen::addAll);
        return new MthreadsGpuIndex(new ArrayList<>(seen));
    }
}
