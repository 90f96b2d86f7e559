package io.hami.scheduler.filter;

import io.hami.model.annotation.DecimalText;
import io.hami.model.protocol.HamiAnnotations;
import io.hami.scheduler.usage.PodUsage;
import io.hami.scheduler.usage.PodUsageReader;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the filter decided for one pod, in the shape the extender answers and writes:
 * <ul>
 *   <li>{@link Kind#PASS_THROUGH}: the pod asks for no device; answer the candidate list unchanged;</li>
 *   <li>{@link Kind#SCHEDULED}: answer {@code NodeNames = [node]}, patch {@link #annotations} and {@link #labels}
 *       onto the pod and count {@link #reservation} until the pod's own annotations arrive;</li>
 *   <li>{@link Kind#UNSCHEDULABLE}: answer {@code FailedNodes = failedNodes};</li>
 *   <li>{@link Kind#ERROR}: answer {@code Error = error} (bad pod resources or annotations).</li>
 * </ul>
 *
 * @param kind         the outcome
 * @param node         the chosen node
 * @param score        the chosen node's score
 * @param allocations  per requested device type, the allocation to write
 * @param failedNodes  node to reason, unregistered candidates first, then in the order the nodes were fitted (not
 *                     sorted: the extender's JSON map does not need it and sorting 5,000 names costs a millisecond):
 *                     every candidate when nothing fits; when something fits, the unregistered candidates and the
 *                     fitted ones that failed (with {@code BEST_FIRST}, only those fitted before the chosen one)
 * @param fittingNodes the fitted nodes that fit, with their scores, in order of preference (every fitting candidate
 *                     with {@code ALL_NODES}; the chosen one and any fitted before it with {@code BEST_FIRST})
 * @param reservation  what the pod will hold, for the usage accounting
 * @param error        the error text, empty unless {@link Kind#ERROR}
 */
public record FilterResult(Kind kind, Optional<String> node, float score, List<TypeAllocation> allocations,
                           Map<String, String> failedNodes, List<ScoredNode> fittingNodes,
                           Optional<PodUsage> reservation, String error) {

    /** The outcomes of a filter call. */
    public enum Kind { PASS_THROUGH, SCHEDULED, UNSCHEDULABLE, ERROR }

    /** A node that fits, with its score. */
    public record ScoredNode(String node, float score) {
    }


    public FilterResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
        allocations = List.copyOf(allocations);
        failedNodes = Collections.unmodifiableMap(failedNodes instanceof LinkedHashMap<String, String> ordered
                ? ordered : new LinkedHashMap<>(failedNodes));
        fittingNodes = List.copyOf(fittingNodes);
        Objects.requireNonNull(reservation, "reservation");
        Objects.requireNonNull(error, "error");
    }

    static FilterResult passThrough() {
        return new FilterResult(Kind.PASS_THROUGH, Optional.empty(), 0f, List.of(), Map.of(), List.of(),
                Optional.empty(), "");
    }

    static FilterResult error(String message) {
        return new FilterResult(Kind.ERROR, Optional.empty(), 0f, List.of(), Map.of(), List.of(),
                Optional.empty(), message);
    }

    static FilterResult unschedulable(Map<String, String> failed) {
        return new FilterResult(Kind.UNSCHEDULABLE, Optional.empty(), 0f, List.of(), failed, List.of(),
                Optional.empty(), "");
    }

    /**
     * The pod annotations to patch for a {@link Kind#SCHEDULED} result, exactly those HAMi v2.10's scheduler writes:
     * {@code hami.io/vgpu-node}, {@code hami.io/vgpu-time} (Unix seconds of {@code now}), and for each requested type
     * its {@code *-devices-to-allocate} and {@code *-devices-allocated} (the same value; Moore Threads only the latter)
     * with the keys its vendor's device plugin reads ({@link VendorAnnotations}). Empty for other outcomes.
     */
    public Map<String, String> annotations(Instant now) {
        if (kind != Kind.SCHEDULED) {
            return Map.of();
        }
        var result = new LinkedHashMap<String, String>();
        result.put(HamiAnnotations.VGPU_NODE, node.orElseThrow());
        result.put(HamiAnnotations.VGPU_TIME, DecimalText.unixSeconds(now));
        for (TypeAllocation a : allocations) {
            VendorAnnotations.put(result, a, node.orElseThrow(), now);
        }
        return Collections.unmodifiableMap(result);
    }

    /** The pod labels to patch for a {@link Kind#SCHEDULED} result: {@code hami.io/vgpu-node}. */
    public Map<String, String> labels() {
        return kind == Kind.SCHEDULED ? Map.of(HamiAnnotations.VGPU_NODE, node.orElseThrow()) : Map.of();
    }
}
