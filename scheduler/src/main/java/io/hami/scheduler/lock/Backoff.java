package io.hami.scheduler.lock;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for the lock's retried patches (client-go's {@code wait.Backoff}): delay {@code n}
 * is {@code initial × factor^n} plus up to {@code jitter ×} that, at random.
 *
 * @param steps   how many attempts
 * @param initial the first delay
 * @param factor  the growth per step
 * @param jitter  the random part, as a fraction of the delay
 * @param random  the source of jitter
 * @param sleeper how to wait (tests pass one that does not sleep)
 */
public record Backoff(int steps, Duration initial, double factor, double jitter, RandomGenerator random,
                      Sleeper sleeper) {

    /** Waits; the production one sleeps the thread. */
    @FunctionalInterface
    public interface Sleeper {
        /** Sleeps the current thread. */
        Sleeper THREAD = d -> Thread.sleep(d);

        void sleep(Duration d) throws InterruptedException;
    }

    public Backoff {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be positive: " + steps);
        }
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(sleeper, "sleeper");
    }

    /** HAMi's lock retry: 5 attempts, 100 ms, ×2, jitter 0.5. */
    public static Backoff hami(RandomGenerator random, Sleeper sleeper) {
        return new Backoff(5, Duration.ofMillis(100), 2.0, 0.5, random, sleeper);
    }

    /** The delay after attempt {@code step} (0-based). */
    public Duration delay(int step) {
        double base = initial.toNanos() * Math.pow(factor, step);
        double withJitter = base + base * jitter * random.nextDouble();
        return Duration.ofNanos((long) withJitter);
    }

    /** Sleeps the delay after attempt {@code step}. */
    public void pause(int step) throws InterruptedException {
        sleeper.sleep(delay(step));
    }
}
