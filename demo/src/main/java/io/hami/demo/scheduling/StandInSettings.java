package io.hami.demo.scheduling;

import java.time.Duration;
import java.util.Objects;

/**
 * How the kube-scheduler stand-in schedules.
 *
 * @param schedulerName      the pods it schedules (the webhook sets it on pods that ask for devices)
 * @param filterConcurrency  pods filtered at once; kube-scheduler filters one at a time
 * @param bindConcurrency    binds in flight at once; kube-scheduler binds asynchronously, without a bound
 * @param initialBackoff     the first wait after a failed bind (kube-scheduler: 1 s), doubled per attempt
 * @param maxBackoff         the longest wait (kube-scheduler: 10 s)
 */
public record StandInSettings(String schedulerName, int filterConcurrency, int bindConcurrency,
                              Duration initialBackoff, Duration maxBackoff) {

    public StandInSettings {
        Objects.requireNonNull(schedulerName, "schedulerName");
        if (filterConcurrency < 1 || bindConcurrency < 1) {
            throw new IllegalArgumentException("filter and bind concurrency must be at least 1: " + filterConcurrency
                    + ", " + bindConcurrency);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff: need 0 <= initial <= max: " + initialBackoff + ", "
                    + maxBackoff);
        }
    }

    /** kube-scheduler's behaviour: one filter at a time, binds in parallel, backoff 1 s to 10 s. */
    public static StandInSettings kubeScheduler(String schedulerName) {
        return new StandInSettings(schedulerName, 1, 64, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** The same with other concurrency. */
    public StandInSettings withConcurrency(int filters, int binds) {
        return new StandInSettings(schedulerName, filters, binds, initialBackoff, maxBackoff);
    }

    /** The same with another backoff. */
    public StandInSettings withBackoff(Duration initial, Duration max) {
        return new StandInSettings(schedulerName, filterConcurrency, bindConcurrency, initial, max);
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    Duration backoff(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
