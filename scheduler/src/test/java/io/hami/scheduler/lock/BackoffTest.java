package io.hami.scheduler.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysGrowByTheFactorWithinTheJitter() {
        var b = Backoff.hami(new Random(7), d -> { });
        for (int step = 0; step < 5; step++) {
            long base = 100L << step;
            assertThat(b.delay(step).toMillis()).isBetween(base, base + base / 2);
        }
    }

    /** nodelock_test: 50 callers × 3 steps put at most 20 delays into any 10 ms bucket. */
    @Test
    void jitterSpreadsCallers() {
        var random = new Random(42);
        var buckets = new HashMap<Long, Integer>();
        for (int caller = 0; caller < 50; caller++) {
            var b = Backoff.hami(random, d -> { });
            Duration total = Duration.ZERO;
            for (int step = 0; step < 3; step++) {
                total = total.plus(b.delay(step));
                buckets.merge(total.toMillis() / 10, 1, Integer::sum);
            }
        }
        assertThat(buckets.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(20));
    }
}
