package io.hami.demo.simulate;

import io.hami.model.annotation.GpuSchedulerPolicy;
import io.hami.model.annotation.GpuSchedulerPolicyCodec;
import io.hami.model.annotation.NodeSchedulerPolicy;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one policy pair did with a trace (docs/simulate.md, "What is measured").
 *
 * @param nodePolicy        the node policy
 * @param gpuPolicy         the GPU policy
 * @param pods              pods in the trace
 * @param placed            pods that got devices
 * @param refused           pods that waited longer than the longest wait and were given up
 * @param waitMillis        how long each placed pod waited, sorted
 * @param memoryUtilization allocated GPU memory over the cluster's, averaged over the window
 * @param coreUtilization   allocated GPU cores over the cluster's, averaged over the window
 * @param fragmentation     GPU memory left free while pods waited, over the cluster's, averaged over the window
 * @param peakWaiting       the most pods waiting at once
 * @param makespanMillis    when the last pod left, from the first arrival
 * @param timeline          the state at evenly spaced times of the window, for plots
 */
public record PolicyResult(NodeSchedulerPolicy nodePolicy, GpuSchedulerPolicy gpuPolicy, int pods, int placed,
                           int refused, long[] waitMillis, double memoryUtilization, double coreUtilization,
                           double fragmentation, int peakWaiting, long makespanMillis, Timeline timeline) {

    public PolicyResult {
        Objects.requireNonNull(nodePolicy, "nodePolicy");
        Objects.requireNonNull(gpuPolicy, "gpuPolicy");
        waitMillis = waitMillis.clone();
        Arrays.sort(waitMillis);
        Objects.requireNonNull(timeline, "timeline");
    }

    /** {@code binpack/spread}: the node policy, then the GPU policy. */
    public String label() {
        return nodePolicy.wireName() + "/" + GpuSchedulerPolicyCodec.INSTANCE.encode(gpuPolicy);
    }

    /** The wait of the placed pods at percentile {@code p} (nearest rank), 0 when none was placed. */
    public long waitPercentileMillis(double p) {
        if (waitMillis.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * waitMillis.length);
        return waitMillis[Math.clamp(rank - 1, 0, waitMillis.length - 1)];
    }

    @Override
    public long[] waitMillis() {
        return waitMillis.clone();
    }

    /**
     * Samples of the cluster's state.
     *
     * @param timesMillis       when, from the first arrival
     * @param memoryUtilization allocated GPU memory over the cluster's
     * @param waiting           pods waiting
     */
    public record Timeline(long[] timesMillis, double[] memoryUtilization, int[] waiting) {
        public Timeline {
            timesMillis = timesMillis.clone();
            memoryUtilization = memoryUtilization.clone();
            waiting = waiting.clone();
        }
    }
}
