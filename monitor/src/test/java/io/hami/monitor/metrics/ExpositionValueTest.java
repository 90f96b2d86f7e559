package io.hami.monitor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A whole number written without a string reads as the text format's value of its double. */
class ExpositionValueTest {
    private static String written(long v) throws IOException {
        var out = new ByteArrayOutputStream();
        Exposition.writeValue(out, v, new byte[20]);
        return out.toString(StandardCharsets.US_ASCII);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 100, 1_000, 9_999_999, 10_000_000, 10_000_001, 12_300_000, 29_123_456,
            99_999_999, 100_000_000, 1_000_000_000, 1_767_225_600, 9_007_199_254_740_991L, 1L << 53, (1L << 53) + 1,
            Long.MAX_VALUE, -1, -10_000_000, Long.MIN_VALUE})
    void writesAWholeNumberAsItsDoubleIsWritten(long v) throws Exception {
        assertThat(written(v)).isEqualTo(Exposition.value(v));
    }

    @Test
    void writesEveryPowerOfTenAndItsNeighboursAsTheirDoublesAreWritten() throws Exception {
        long p = 1;
        for (int e = 0; e <= 18; e++, p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, 2 * p, 7 * p + 3}) {
                assertThat(written(v)).as("%d", v).isEqualTo(Exposition.value(v));
            }
        }
    }

    @Test
    void writesRandomWholeNumbersAsTheirDoublesAreWritten() throws Exception {
        var random = new SplittableRandom(25);
        for (long v : LongStream.concat(random.longs(20_000, 0, 1L << 54), random.longs(20_000, 0, 4_000_000_000L))
                .toArray()) {
            assertThat(written(v)).as("%d", v).isEqualTo(Exposition.value(v));
        }
    }
}
