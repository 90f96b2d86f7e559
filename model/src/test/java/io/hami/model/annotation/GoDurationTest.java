package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({"5m,300000", "28s,28000", "1h30m,5400000", "1.5s,1500", "300ms,300", "0,0", "-2m,-120000",
        "1h0m0s,3600000", "2us,0"})
    void parsesGoDurations(String text, long millis) {
        assertThat(GoDuration.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} is no duration")
    @CsvSource({"notaduration", "5", "m", "1..5s", "''", "5x", "-"})
    void rejectsText(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration");
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource({"300,5m0s", "120,2m0s", "28,28s", "3600,1h0m0s", "0,0s", "90,1m30s"})
    void formatsAsGoDoes(long seconds, String text) {
        assertThat(GoDuration.format(Duration.ofSeconds(seconds))).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} ns -> {1}")
    @CsvSource({"1,1ns", "999,999ns", "1000,1µs", "1500,1.5µs", "1000000,1ms", "100000000,100ms", "1500000,1.5ms",
        "999999999,999.999999ms", "-1,-1ns"})
    void formatsDurationsBelowASecondInGoUnits(long nanos, String text) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"5m,300000", "300s,300000", "1h30m,5400000", "1.5s,1500", "500ms,500", "0,0", "2h0m0.5s,7200500"})
    void readsTheMonitorsIntervals(String text, long millis) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"''", "5", "m", "5 m", "5d", "1.2.3s"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void goDurationsOfWholeUnitsRoundTrip() {
        qt().forAll(integers().between(0, 1_000_000), integers().between(0, 3)).checkAssert((n, unit) -> {
            var text = n + new String[] {"ms", "s", "m", "h"}[unit];
            var expected = switch (unit) {
                case 0 -> Duration.ofMillis(n);
                case 1 -> Duration.ofSeconds(n);
                case 2 -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            assertThat(GoDuration.parse(text)).isEqualTo(expected);
        });
    }

}
