package io.hami.model.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.model.wire.WireFormatException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Unix seconds and nanoseconds as HAMi writes them into annotations. */
class DecimalTextTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00.123456789Z");

    @Test
    void writesSecondsAndNanosecondsAsGoFormatsThem() {
        assertThat(DecimalText.unixSeconds(AT)).isEqualTo("1795860000");
        assertThat(DecimalText.unixNanos(AT)).isEqualTo("1795860000123456789");
    }

    @Test
    void readsThemBack() throws Exception {
        assertThat(DecimalText.parseUnixSeconds("t", "predicate-time", "1795860000"))
                .isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(DecimalText.parseUnixNanos("t", "predicate-time", "1795860000123456789")).isEqualTo(AT);
    }

    @Test
    void aTimeBeyondNanosecondRangeIsNotWritten() {
        assertThatThrownBy(() -> DecimalText.unixNanos(Instant.parse("2263-01-01T00:00:00Z")))
                .isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", " 1", "1.5", "1e9", "9223372036854775808"})
    void refusesAnythingButDigitsNamingTheField(String text) {
        assertThatThrownBy(() -> DecimalText.parseUnixNanos("mthreads", "predicate-time", text))
                .isInstanceOf(WireFormatException.class).hasMessageStartingWith("mthreads: predicate-time: ");
    }
}
