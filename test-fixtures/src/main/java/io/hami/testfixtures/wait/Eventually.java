package io.hami.testfixtures.wait;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Retries assertions about what other threads or processes do (an informer catching up, a daemon's next
 * pass) until they hold or the time is up; then the last failure is thrown, so the report shows what was seen.
 */
public final class Eventually {
    private static final long PAUSE_MILLIS = 20;

    private Eventually() {
    }

    /** Assertions that may throw anything; checked again until they pass. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Polls {@code condition} until it holds, at most for {@code timeout}; the failure names {@code what}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        within(timeout, () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("waiting until " + what);
            }
        });
    }

    /** Runs {@code check} until it passes, at most for {@code timeout}; returns as soon as it passed once. */
    public static void within(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not within " + timeout + ": " + e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }
}
