package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry schedule of unsettled slots: spins, then doubling pauses, within one budget per snapshot. */
class SeqlockBackoffTest {
    private final List<Long> pauses = new ArrayList<>();

    private int retriesOfOneSlot(SeqlockBackoff backoff) {
        int attempt = 0;
        while (backoff.beforeRetry(attempt)) {
            attempt++;
        }
        return attempt;
    }

    @Test
    void spinsFirstThenPausesDoublingUpToOneMillisecond() {
        var backoff = new SeqlockBackoff(16, Long.MAX_VALUE, pauses::add);
        assertThat(retriesOfOneSlot(backoff)).isEqualTo(16);
        assertThat(pauses).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L,
                256_000L, 512_000L, 1_000_000L, 1_000_000L);
    }

    @Test
    void theSlotsOfOneSnapshotShareOneBudgetAndGetNoRetryOnceItIsSpent() {
        var backoff = new SeqlockBackoff(16, 5_000, pauses::add);
        assertThat(retriesOfOneSlot(backoff)).isEqualTo(SeqlockBackoff.SPINS + 2);
        assertThat(pauses).containsExactly(1_000L, 2_000L);
        assertThat(retriesOfOneSlot(backoff)).isZero();
        assertThat(retriesOfOneSlot(backoff)).isZero();
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aSingleRetryIsASpin() {
        var backoff = new SeqlockBackoff(1, 0, pauses::add);
        assertThat(retriesOfOneSlot(backoff)).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }
}
