package io.hami.scheduler.bind;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FilteredPodsTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    @Test
    void aPodIsRememberedForTheTtlAndTheOldestGoFirst() {
        var pods = new FilteredPods(clock, Duration.ofMinutes(5), 2);
        pods.passed("a");
        pods.passed("b");
        assertThat(pods.wasPassed("a")).isTrue();
        pods.passed("c");
        assertThat(pods.wasPassed("a")).as("the oldest, over capacity").isFalse();
        assertThat(pods.wasPassed("b")).isTrue();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(pods.wasPassed("c")).isFalse();
        assertThat(pods.wasPassed("never")).isFalse();
    }
}
