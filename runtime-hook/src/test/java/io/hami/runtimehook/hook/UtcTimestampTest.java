package io.hami.runtimehook.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcTimestampTest {

    @Test
    void writesWhatInstantWritesForAMillisecondMoment() {
        var r = new SplittableRandom(7);
        long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 200_000; i++) {
            long ms = i % 2 == 0 ? r.nextLong(min, max + 1) : r.nextLong(min, max + 1) / 1000 * 1000;
            assertThat(UtcTimestamp.of(ms)).as("%d", ms).isEqualTo(Instant.ofEpochMilli(ms).toString());
        }
    }

    @Test
    void leapDaysAndTheEpochItself() {
        assertThat(UtcTimestamp.of(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(UtcTimestamp.of(Instant.parse("2024-02-29T23:59:59.001Z").toEpochMilli())).isEqualTo("2024-02-29T23:59:59.001Z");
        assertThat(UtcTimestamp.of(Instant.parse("2000-03-01T00:00:00Z").toEpochMilli())).isEqualTo("2000-03-01T00:00:00Z");
        assertThat(UtcTimestamp.of(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }

    @Test
    void refusesYearsBeyondFourDigits() {
        assertThatThrownBy(() -> UtcTimestamp.of(Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("year 10000 is outside 0..9999");
    }
}
