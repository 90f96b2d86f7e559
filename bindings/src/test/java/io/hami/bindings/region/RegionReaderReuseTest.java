package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader answers a file whose bytes did not change with the same snapshot instance, and any change, in the
 * header, a slot (inside or outside the 1.2 seqlock's cover) or the tail, with a new one that shows it.
 */
class RegionReaderReuseTest {
    private static final String UUID0 = "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448";

    @TempDir
    Path dir;

    private static RegionImage twoProcesses(RegionFormat format) {
        var image = RegionImage.initialized(format).deviceNum(1).uuid(0, UUID0).limit(0, 1L << 30).procNum(2)
                .slot(0, 101, 4242, 1).used(0, 0, 0, 0, 1_048_576, 1_048_576).smUtil(0, 0, 17)
                .slot(1, 102, 4243, 1).used(1, 0, 0, 0, 2_097_152, 2_097_152);
        if (format.hasSeqlock()) {
            image.seqlock(0, 2).seqlock(1, 4);
        }
        if (format.hasLastKernelTime()) {
            image.lastKernelTime(1_767_225_600L);
        }
        return image;
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void answersAnUnchangedFileWithTheSameSnapshot(RegionFormat format) throws Exception {
        var file = dir.resolve("same.cache");
        try (var image = twoProcesses(format); var reader = RegionReader.open(image.write(file))) {
            var first = reader.snapshot();
            assertThat(reader.snapshot()).isSameAs(first);
            image.write(file); // rewritten with the same bytes
            assertThat(reader.snapshot()).isSameAs(first);
        }
    }

    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("used, under the seqlock", (UnaryOperator<RegionImage>) i -> i.used(1, 0, 0, 0, 3_145_728, 3_145_728),
                        (Check) s -> s.slots().get(1).used(0).total() == 3_145_728),
                Arguments.of("sm_util, outside the seqlock", (UnaryOperator<RegionImage>) i -> i.smUtil(0, 0, 55),
                        (Check) s -> s.slots().get(0).smUtil().get(0) == 55),
                Arguments.of("a limit in the header", (UnaryOperator<RegionImage>) i -> i.limit(0, 1L << 31),
                        (Check) s -> s.devices().get(0).limitBytes() == 1L << 31),
                Arguments.of("priority in the tail", (UnaryOperator<RegionImage>) i -> i.priority(7),
                        (Check) s -> s.rawPriority() == 7),
                Arguments.of("proc_num in the tail", (UnaryOperator<RegionImage>) i -> i.procNum(1),
                        (Check) s -> s.procNum() == 1 && s.slots().size() == 1),
                Arguments.of("a process exits", (UnaryOperator<RegionImage>) i -> i.slot(1, 0, 4243, 0),
                        (Check) s -> !s.slots().get(1).active()));
    }

    interface Check {
        boolean shows(RegionSnapshot snapshot);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void answersAChangedFileWithANewSnapshotThatShowsTheChange(String what, UnaryOperator<RegionImage> change, Check check)
            throws Exception {
        var file = dir.resolve("changed.cache");
        try (var image = twoProcesses(RegionFormat.V1_2); var reader = RegionReader.open(image.write(file))) {
            var first = reader.snapshot();
            assertThat(check.shows(first)).isFalse();
            change.apply(image).write(file);
            var next = reader.snapshot();
            assertThat(next).isNotSameAs(first);
            assertThat(check.shows(next)).isTrue();
            assertThat(reader.snapshot()).isSameAs(next);
        }
    }

    @Test
    void neverAnswersWithASnapshotThatHadAStaleSlot() throws Exception {
        var file = dir.resolve("odd.cache");
        try (var image = twoProcesses(RegionFormat.V1_2).seqlock(0, 7); var reader = RegionReader.open(image.write(file))) {
            var first = reader.snapshot();
            assertThat(first.usedStale()).isTrue();
            assertThat(reader.snapshot()).isNotSameAs(first);
        }
    }

    @Test
    void answersWithANewSnapshotOnceAWriterHasBegunOnAnUnchangedSlot() throws Exception {
        var file = dir.resolve("begun.cache");
        try (var image = twoProcesses(RegionFormat.V1_2); var reader = RegionReader.open(image.write(file))) {
            var first = reader.snapshot();
            image.seqlock(0, 3).write(file); // odd: libvgpu is updating used[], whose bytes have not moved yet
            var next = reader.snapshot();
            assertThat(next).isNotSameAs(first);
            assertThat(next.slots().get(0).stale()).isTrue();
            assertThat(next.slots().get(0).used(0).total()).isEqualTo(1_048_576);
        }
    }

    @Test
    void readsAnUnchangedRegionInTwoCallsAndAChangedOneWithTwoMoreCopiesOfItsTable() throws Exception {
        try (var image = twoProcesses(RegionFormat.V1_2)) {
            var bytes = image.toBytes();
            var file = new InMemoryFileChannel(bytes, bytes.length);
            try (var reader = RegionReader.over(dir.resolve("counted.cache"), file, RegionReader.DEFAULT_SEQLOCK_RETRIES,
                    SeqlockBackoff.DEFAULT_BUDGET_NANOS, nanos -> { })) {
                var first = reader.snapshot();
                int before = file.reads();
                assertThat(reader.snapshot()).isSameAs(first);
                assertThat(file.reads() - before).as("the header with the slot table, then the tail").isEqualTo(2);

                var moved = image.smUtil(0, 0, 55).toBytes();
                System.arraycopy(moved, 0, bytes, 0, bytes.length);
                before = file.reads();
                assertThat(reader.snapshot().slots().get(0).smUtil().get(0)).isEqualTo(55);
                assertThat(file.reads() - before).as("and the table's data and seqlocks after").isEqualTo(4);
            }
        }
    }

    @Test
    void answersAFileThatGrewWithANewSnapshot() throws Exception {
        var file = dir.resolve("grew.cache");
        try (var image = twoProcesses(RegionFormat.V1_2); var reader = RegionReader.open(image.write(file))) {
            var first = reader.snapshot();
            image.write(file, RegionFormat.V1_2.minimumSize() + 4096);
            var next = reader.snapshot();
            assertThat(next).isNotSameAs(first);
            assertThat(next.fileSize()).isEqualTo(RegionFormat.V1_2.minimumSize() + 4096);
        }
    }
}
