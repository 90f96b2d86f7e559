package io.hami.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.scheduler.vendor.DeviceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API server's {@code Date} (whole seconds) against this machine's clock before and after the call. */
class ClockSkewTest {

    private static final String DATE = "Fri, 03 Jul 2026 12:00:00 GMT";
    private static final Instant SERVER = Instant.parse("2026-07-03T12:00:00Z");

    private static Section compare(String date, Instant before, Instant after) {
        var s = new Section("api");
        new ApiChecks(null, Clock.systemUTC(), Duration.ofMinutes(5), DeviceTypes.defaults(), "built-in")
                .clock(s, date, before, after);
        return s;
    }

    @Test
    void aClockAnHourAheadIsAWarningWithTheSeconds() {
        var s = compare(DATE, SERVER.plusSeconds(3600), SERVER.plusSeconds(3600));
        assertThat(s.findings()).singleElement().satisfies(f -> {
            assertThat(f.id()).isEqualTo("api.clock-skew");
            assertThat(f.problem()).startsWith("this machine's clock is 3599 s ahead of the API server's");
        });
    }

    @Test
    void aClockBehindIsAWarningToo() {
        var s = compare(DATE, SERVER.minusSeconds(30), SERVER.minusSeconds(29));
        assertThat(s.findings()).singleElement().satisfies(f -> assertThat(f.problem())
                .startsWith("this machine's clock is 29 s behind the API server's"));
    }

    @Test
    void theHeadersWholeSecondAndTheCallsDurationAreNoSkew() {
        assertThat(compare(DATE, SERVER.plusMillis(900), SERVER.plusMillis(1900)).findings()).isEmpty();
        assertThat(compare(DATE, SERVER.plusSeconds(5), SERVER.plusSeconds(6)).findings()).isEmpty();
    }

    @Test
    void withoutAReadableDateNothingIsCompared() {
        assertThat(compare(null, SERVER, SERVER).facts()).containsExactly("the API server sent no Date header: clocks "
                + "not compared");
        assertThat(compare("yesterday", SERVER, SERVER).facts()).containsExactly("the API server's Date header is "
                + "unreadable (yesterday): clocks not compared");
    }
}
