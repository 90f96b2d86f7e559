package io.hami.monitor;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread makes true (an informer catching up), checking every 10 ms. */
public final class Poll {
    private Poll() {
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
