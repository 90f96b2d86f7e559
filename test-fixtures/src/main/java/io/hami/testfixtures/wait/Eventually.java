package io.hami.testfixtures.wait;

import java.time.Duration;

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

    /** Runs {@code check} until it passes, at most for {@code timeout}; returns as soon as it passed once. */
    public static void within(Duration timeout, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    var failure = new AssertionError("not within " + timeout + ": " + e.getMessage(), e);
                    throw failure;
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
