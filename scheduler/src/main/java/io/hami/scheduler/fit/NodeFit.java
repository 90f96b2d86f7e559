package io.hami.scheduler.fit;

import io.hami.scheduler.snapshot.NodeSnapshot;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of fitting one pod onto one node.
 *
 * @param node   the node
 * @param fits   whether every container found its devices
 * @param score  the node's score for the node policy (default score plus the vendors' additions); meaningful when it fits
 * @param reason why it does not fit: HAMi's {@code "n/total Reason"} text or a node-level reason; empty when it fits
 * @param picks  when it fits: per device type ordinal ({@code null} for types the pod does not request), per container
 *               (init containers first), the chosen devices
 */
public record NodeFit(NodeSnapshot node, boolean fits, float score, String reason, List<List<List<Pick>>> picks) {

    public NodeFit {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(picks, "picks");
    }

    static NodeFit failed(NodeSnapshot node, String reason) {
        return new NodeFit(node, false, 0f, reason, List.of());
    }
}
