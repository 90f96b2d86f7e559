package io.hami.scheduler.inventory;

import io.hami.model.device.MetaxTopologyTable;
import java.util.Objects;
import java.util.Optional;

/**
 * What MetaX's whole-GPU device plugin says about a node's MetaLink topology (docs/scheduler.md, "Scores and
 * policies"): per number of GPUs a pod asks for, the loss ({@code metax-tech.com/gpu.topology.losses}, read under the
 * {@code binpack} node policy) and the score ({@code metax-tech.com/gpu.topology.scores}, read under {@code spread}).
 *
 * @param losses the losses annotation, empty when the node has none
 * @param scores the scores annotation, empty when the node has none
 */
public record MetaxTopology(Optional<MetaxTopologyTable> losses, Optional<MetaxTopologyTable> scores) {

    /** A node without either annotation. */
    public static final MetaxTopology NONE = new MetaxTopology(Optional.empty(), Optional.empty());

    public MetaxTopology {
        Objects.requireNonNull(losses, "losses");
        Objects.requireNonNull(scores, "scores");
    }
}
