package io.hami.monitor.feedback;

import io.hami.bindings.region.RegionSnapshot;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the feedback reads of one container's region.
 *
 * @param key               the container's directory name
 * @param uuids             the non-empty device uuids among all 16 entries
 * @param priority          {@code priority} as written (lower = higher priority); only 0..99 takes part
 * @param recentKernel      {@code recent_kernel}
 * @param utilizationSwitch {@code utilization_switch}
 */
public record FeedbackInput(String key, Set<String> uuids, int priority, int recentKernel, int utilizationSwitch) {

    public FeedbackInput {
        Objects.requireNonNull(key, "key");
        uuids = Set.copyOf(uuids);
    }

    /** The input of a region snapshot. */
    public static FeedbackInput of(String key, RegionSnapshot s) {
        var uuids = new TreeSet<String>();
        s.devices().forEach(d -> {
            if (d.hasUuid()) {
                uuids.add(d.uuid());
            }
        });
        return new FeedbackInput(key, uuids, s.rawPriority(), s.recentKernel(), s.utilizationSwitch());
    }

    /** Whether the priority lies in 0..{@value RegionSnapshot#MAX_PRIORITY}. */
    public boolean priorityValid() {
        return priority >= 0 && priority <= RegionSnapshot.MAX_PRIORITY;
    }
}
