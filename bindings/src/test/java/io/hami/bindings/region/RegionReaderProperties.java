package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arbitrary bytes, of sizes around every threshold of the detection rule and with or without a valid header,
 * never make the reader throw anything but {@link InvalidRegionException}, and what it returns is bounded.
 */
class RegionReaderProperties {
    private static final long[] SIZES = {0, 11, 12, 13, 1856, 804_681, 1_197_895, 1_197_896, 1_197_897,
        2_008_951, 2_008_952, 2_008_953, 2_100_000};

    @TempDir
    Path dir;

    @Test
    void arbitraryBytesNeverBreakTheReader() {
        qt().withExamples(300).forAll(integers().between(0, SIZES.length - 1), longs().all(), integers().between(0, 3))
                .checkAssert((sizeIndex, seed, header) -> {
                    var file = randomRegion(SIZES[sizeIndex], seed, header);
                    try {
                        assertBounded(RegionReader.read(file));
                    } catch (InvalidRegionException expected) {
                        assertThat(expected.getMessage()).doesNotContain("\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Random bytes; header 0 keeps them, 1 sets the magic, 2 the magic and major 1, 3 also a plausible proc_num. */
    private Path randomRegion(long size, long seed, int header) {
        var bytes = new byte[(int) size];
        new SplittableRandom(seed).nextBytes(bytes);
        var le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (header >= 1 && size >= 12) {
            le.putInt(0, RegionDetection.MAGIC);
        }
        if (header >= 2 && size >= 12) {
            le.putInt(4, 1);
        }
        if (header == 3 && size >= RegionFormat.V1_2.minimumSize()) {
            le.putInt((int) RegionFormat.V1_2.offsets().procNum(), (int) (seed & 15));
        }
        try {
            return Files.write(dir.resolve("random.cache"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertBounded(RegionSnapshot snap) {
        assertThat(snap.procNum()).isBetween(0, 1024);
        assertThat(snap.slots()).hasSize(snap.procNum());
        assertThat(snap.deviceCount()).isBetween(0, 16);
        assertThat(snap.devices()).hasSize(16).allSatisfy(d -> {
            assertThat(d.uuid().length()).isLessThanOrEqualTo(96);
            assertThat(d.uuid().codePoints()).noneMatch(Character::isISOControl);
            assertThat(d.limitBytes()).isNotNegative();
        });
        snap.priority().ifPresent(p -> assertThat(p).isBetween(0, 99));
        for (int d = 0; d < 16; d++) {
            assertThat(snap.usedBytes(d)).isNotNegative();
            assertThat(snap.smUtil(d)).isNotNegative();
        }
        assertThat(snap.slots()).allSatisfy(s -> assertThat(s.used()).hasSize(16));
    }
}
