package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The fuzz target's in-memory file reads as a file of the same bytes: the same snapshot, or the same error. */
class InMemoryFileChannelTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void aRegionReadFromMemoryIsTheRegionReadFromItsFile(RegionFormat format) throws Exception {
        var image = RegionImage.initialized(format);
        image.procNum(2).slot(0, 100, 200, 1).used(0, 0, 1, 2, 3, 6).slot(1, 101, 201, 1);
        if (format.hasSeqlock()) {
            image.seqlock(1, 3); // a writer that never finished: the slot is read as stale
        }
        byte[] bytes = image.toBytes();
        int header = RegionDetection.HEADER_BYTES;
        for (int length : new int[] {0, header - 1, header, bytes.length / 2, bytes.length - 1, bytes.length,
                bytes.length + 64}) {
            byte[] file = Arrays.copyOf(bytes, length);
            Path path = Files.write(dir.resolve(format + "-" + length + ".cache"), file);
            assertThat(outcome(() -> RegionReader.read(path)))
                    .as("%s cut to %d bytes", format, length)
                    .isEqualTo(outcome(() -> {
                        try (var reader = RegionReader.over(path, new InMemoryFileChannel(file, length),
                                RegionReader.DEFAULT_SEQLOCK_RETRIES, SeqlockBackoff.DEFAULT_BUDGET_NANOS, n -> { })) {
                            return reader.snapshot();
                        }
                    }));
        }
    }

    private interface Read {
        RegionSnapshot read() throws Exception;
    }

    private static Object outcome(Read read) {
        try {
            return read.read();
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
