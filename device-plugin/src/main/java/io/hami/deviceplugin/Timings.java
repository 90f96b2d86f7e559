package io.hami.deviceplugin;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how long the plugin waits for things. The defaults are HAMi's where HAMi has one.
 *
 * @param registerInterval between node registrations (HAMi: 30 s)
 * @param registerRetry    after a failed registration (HAMi: 5 s)
 * @param kubeletPoll      between checks for a restarted kubelet (its socket re-created)
 * @param kubeletRpc       the deadline of a {@code Register} call to kubelet
 * @param allocateTimeout  the longest one {@code Allocate} may take, our own bound (kubelet sets none)
 * @param healthWait       the longest one wait for device health events blocks; bounds how long stopping takes
 */
public record Timings(Duration registerInterval, Duration registerRetry, Duration kubeletPoll, Duration kubeletRpc,
                      Duration allocateTimeout, Duration healthWait) {

    public Timings {
        for (var d : new Duration[] {registerInterval, registerRetry, kubeletPoll, kubeletRpc, allocateTimeout, healthWait}) {
            Objects.requireNonNull(d, "durations must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
    }

    /** 30 s, 5 s, 1 s, 10 s, 30 s, 1 s. */
    public static Timings defaults() {
        return new Timings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(1));
    }

    /** These timings with another allocate timeout. */
    public Timings withAllocateTimeout(Duration timeout) {
        return new Timings(registerInterval, registerRetry, kubeletPoll, kubeletRpc, timeout, healthWait);
    }
}
