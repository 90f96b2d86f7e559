package io.hami.monitor.feedback;

import io.hami.bindings.region.RegionSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * HAMi's priority feedback ({@code Observe}), as a pure function from what the regions hold to what must be
 * written into them.
 *
 * <p><b>Pass 1, census.</b> For each container, {@code recent_kernel} counts down by one when positive (libvgpu
 * sets it to 2 on each launch, so a container that was at 2 is "active in the last period"). An active container
 * with a valid priority counts once, at its priority, on each of its GPUs.
 *
 * <p><b>Pass 2, decisions.</b> A container is <em>blocked</em> when some GPU of its own has an active container of
 * strictly higher priority (a lower number): its {@code recent_kernel} becomes −1, which stalls its launches in
 * libvgpu; once nothing blocks it, a negative value becomes 0. It is <em>contended</em> when blocked or when more
 * than one container of its own priority (itself included) is active on one of its GPUs: then
 * {@code utilization_switch} is 1 and libvgpu enforces the core limit; otherwise 0, and it may burst.
 *
 * <p>Differences from HAMi, both on input HAMi does not expect: a priority outside 0..99 is not counted and gets
 * no decision (HAMi grows a slice to {@code priority+1} entries, which a hostile 2<sup>31</sup>−1 turns into an
 * out-of-memory crash), only its countdown; a {@code recent_kernel} above 2 (which libvgpu never writes) counts
 * down as 2. HAMi re-reads the fields between the passes; since libvgpu never raises {@code recent_kernel} while
 * it is negative and never writes the switch or the priority, deciding on the values of pass 1 gives the same
 * writes. Each field is written at most once, and only when it changes.
 */
public final class PriorityFeedback {
    private static final int PRIORITIES = RegionSnapshot.MAX_PRIORITY + 1;

    private PriorityFeedback() {
    }

    /** The writes for one feedback pass over {@code inputs}; containers with nothing to write are left out. */
    public static List<FeedbackWrite> plan(List<FeedbackInput> inputs) {
        var census = new HashMap<String, int[]>();
        var counted = new int[inputs.size()];
        for (int k = 0; k < inputs.size(); k++) {
            var in = inputs.get(k);
            int rk = in.recentKernel();
            if (rk > 0) {
                rk = Math.min(rk, 2) - 1;
                if (rk > 0 && in.priorityValid()) {
                    for (var uuid : in.uuids()) {
                        census.computeIfAbsent(uuid, u -> new int[PRIORITIES])[in.priority()]++;
                    }
                }
            }
            counted[k] = rk;
        }
        var writes = new ArrayList<FeedbackWrite>();
        for (int k = 0; k < inputs.size(); k++) {
            var in = inputs.get(k);
            int rk = counted[k];
            var sw = OptionalInt.empty();
            if (in.priorityValid()) {
                boolean blocking = blocked(census, in);
                if (blocking && rk >= 0) {
                    rk = -1;
                } else if (!blocking && rk < 0) {
                    rk = 0;
                }
                int wanted = blocking || contended(census, in) ? 1 : 0;
                if (in.utilizationSwitch() != wanted) {
                    sw = OptionalInt.of(wanted);
                }
            }
            var write = new FeedbackWrite(in.key(), rk != in.recentKernel() ? OptionalInt.of(rk) : OptionalInt.empty(), sw);
            if (!write.isEmpty()) {
                writes.add(write);
            }
        }
        return writes;
    }

    private static boolean blocked(Map<String, int[]> census, FeedbackInput in) {
        for (var uuid : in.uuids()) {
            var counts = census.get(uuid);
            if (counts != null) {
                for (int j = 0; j < in.priority(); j++) {
                    if (counts[j] > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean contended(Map<String, int[]> census, FeedbackInput in) {
        for (var uuid : in.uuids()) {
            var counts = census.get(uuid);
            if (counts != null && counts[in.priority()] > 1) {
                return true;
            }
        }
        return false;
    }
}
