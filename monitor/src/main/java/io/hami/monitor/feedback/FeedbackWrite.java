package io.hami.monitor.feedback;

import java.util.OptionalInt;

/**
 * The fields the feedback writes into one container's region; empty ones are left as they are.
 *
 * @param key               the container's directory name
 * @param recentKernel      the new {@code recent_kernel}
 * @param utilizationSwitch the new {@code utilization_switch}
 */
public record FeedbackWrite(String key, OptionalInt recentKernel, OptionalInt utilizationSwitch) {

    /** Whether anything is written. */
    public boolean isEmpty() {
        return recentKernel.isEmpty() && utilizationSwitch.isEmpty();
    }
}
