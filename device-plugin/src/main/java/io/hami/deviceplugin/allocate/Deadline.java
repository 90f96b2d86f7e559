package io.hami.deviceplugin.allocate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an {@code Allocate} must have answered. kubelet gives {@code Allocate} no deadline, so a slow API server
 * would hold pod admission forever; we check ours before each step, and each API call is bounded by the
 * client's request timeout.
 *
 * @param clock the clock it is measured on
 * @param at    the instant it passes
 */
public record Deadline(Clock clock, Instant at) {

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Clock clock, Duration timeout) {
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    /** Time left, never negative. */
    public Duration remaining() {
        var left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * @throws AllocateException ({@link AllocateException.Reason#TIMEOUT}) when the deadline has passed
     *                           before {@code step}
     */
    public void check(String step) throws AllocateException {
        if (!clock.instant().isBefore(at)) {
            throw new AllocateException(AllocateException.Reason.TIMEOUT,
                    "allocation timed out before " + step, Optional.empty(), null);
        }
    }
}
