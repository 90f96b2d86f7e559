package io.hami.scheduler;

import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.NodeSchedulerPolicy;
import io.hami.scheduler.vendor.DeviceTypes;
import java.util.Objects;

/**
 * The scheduler's decision settings, built once at start-up from flags and the device config.
 *
 * @param types      the device types ({@code --device-config-file})
 * @param nodePolicy {@code --node-scheduler-policy} (HAMi default {@code binpack})
 * @param gpuPolicy  {@code --gpu-scheduler-policy} (HAMi default {@code spread})
 * @param evaluation how many candidate nodes the filter fits
 */
public record SchedulerConfig(DeviceTypes types, NodeSchedulerPolicy nodePolicy, GpuSchedulerPolicy gpuPolicy,
                              Evaluation evaluation) {

    /** How many candidate nodes the filter fits. */
    public enum Evaluation {
        /**
         * Fit nodes in order of preference and stop at the first that fits. The choice is the same as fitting all of
         * them, because the node score is known before fitting for every type whose score does not depend on the chosen
         * devices; for pods of such a type (Ascend 910 networks) every node is fitted anyway. Failure reasons are
         * complete only when nothing fits.
         */
        BEST_FIRST,
        /** Fit every candidate, as HAMi does: the result lists every fitting node with its score. */
        ALL_NODES
    }

    public SchedulerConfig {
        Objects.requireNonNull(types, "types");
        Objects.requireNonNull(nodePolicy, "nodePolicy");
        Objects.requireNonNull(gpuPolicy, "gpuPolicy");
        Objects.requireNonNull(evaluation, "evaluation");
    }

    /** HAMi's flag defaults ({@code binpack} nodes, {@code spread} GPUs) for these types, best-first evaluation. */
    public static SchedulerConfig defaults(DeviceTypes types) {
        return new SchedulerConfig(types, NodeSchedulerPolicy.BINPACK, GpuSchedulerPolicy.SPREAD, Evaluation.BEST_FIRST);
    }
}
