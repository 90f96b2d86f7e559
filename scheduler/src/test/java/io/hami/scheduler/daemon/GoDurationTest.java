package io.hami.scheduler.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
}
