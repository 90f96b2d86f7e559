package io.hami.bindings.region;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException.Reason;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Reading regions built in Java, field by field, in every layout. */
class RegionReaderTest {
    private static final String UUID0 = "GPU-0fc3eda5-e98b-a25b-5b0d-cf5c855d1448";
    private static final String UUID1 = "GPU-7b1d3f0e-1c2a-4d8e-9f00-aa55aa55aa55";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void readsEveryFieldOfTheSpecificationsThreeProcessExample(RegionFormat format) throws Exception {
        Path file;
        try (var image = RegionImage.initialized(format)) {
            image.deviceNum(2).uuid(0, UUID0).uuid(1, UUID1)
                    .limit(0, 1_048_576_000L).limit(1, 2_147_483_648L).smLimit(0, 30).smLimit(1, 30)
                    .priority(0).procNum(2)
                    .slot(0, 101, 4242, 1).used(0, 0, 0, 0, 1_048_576, 1_048_576).monitorUsed(0, 0, 3_000_000).smUtil(0, 0, 17)
                    .slot(1, 102, 0, 1).used(1, 1, 0, 0, 2_097_152, 2_097_152);
            if (format.hasLastKernelTime()) {
                image.lastKernelTime(1_767_225_600L);
            }
            if (format.hasSeqlock()) {
                image.seqlock(0, 2);
            }
            file = image.write(dir.resolve("a.cache"));
        }

        var snap = RegionReader.read(file);

        assertThat(snap.format()).isEqualTo(format);
        assertThat(snap.version()).isEqualTo(format.label());
        assertThat(snap.knownVersion()).isTrue();
        assertThat(snap.fileSize()).isEqualTo(format.minimumSize() + 1);
        assertThat(snap.deviceCount()).isEqualTo(2);
        assertThat(snap.devices()).hasSize(16);
        assertThat(snap.devices().get(0)).isEqualTo(new RegionDevice(0, UUID0, 1_048_576_000L, 30));
        assertThat(snap.devices().get(1)).isEqualTo(new RegionDevice(1, UUID1, 2_147_483_648L, 30));
        assertThat(snap.devices().get(2)).isEqualTo(new RegionDevice(2, "", 0, 0));
        assertThat(snap.procNum()).isEqualTo(2);
        assertThat(snap.utilizationSwitch()).isEqualTo(1);
        assertThat(snap.recentKernel()).isEqualTo(2);
        assertThat(snap.priority()).isEqualTo(OptionalInt.of(0));
        assertThat(snap.lastKernelTime()).isEqualTo(format.hasLastKernelTime() ? OptionalLong.of(1_767_225_600L) : OptionalLong.empty());

        var a = snap.slots().get(0);
        assertThat(a.index()).isZero();
        assertThat(a.pid()).isEqualTo(101);
        assertThat(a.hostPid()).isEqualTo(4242);
        assertThat(a.status()).isEqualTo(1);
        assertThat(a.stale()).isFalse();
        assertThat(a.used(0)).isEqualTo(new MemoryUsage(0, 0, 1_048_576, 0, 1_048_576));
        assertThat(a.used(1)).isEqualTo(MemoryUsage.NONE);
        assertThat(a.monitorUsed().get(0)).isEqualTo(3_000_000L);
        assertThat(a.smUtil().get(0)).isEqualTo(17L);
        var b = snap.slots().get(1);
        assertThat(b.pid()).isEqualTo(102);
        assertThat(b.hostPid()).isZero();
        assertThat(b.used(1).total()).isEqualTo(2_097_152);

        assertThat(snap.usedBytes(0)).isEqualTo(1_048_576);
        assertThat(snap.usedBytes(1)).isEqualTo(2_097_152);
        assertThat(snap.smUtil(0)).isEqualTo(17);
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void exitedSlotsStayInTheTableButAreNotCounted(RegionFormat format) throws Exception {
        Path file;
        try (var image = RegionImage.initialized(format)) {
            file = image.procNum(2).slot(0, 0, 0, 0).used(0, 0, 0, 0, 512, 512)
                    .slot(1, 7, 0, 1).used(1, 0, 0, 0, 1024, 1024)
                    .write(dir.resolve("b.cache"));
        }
        var snap = RegionReader.read(file);
        assertThat(snap.slots()).hasSize(2);
        assertThat(snap.activeSlots()).extracting(ProcessSlot::pid).containsExactly(7);
        assertThat(snap.usedBytes(0)).isEqualTo(1024);
    }

    @Test
    void reportsTheLastCopyOfASlotWhoseSeqlockNeverSettlesMarkedStaleNeverAsZero() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            file = image.procNum(2).slot(0, 5, 0, 1).seqlock(0, 7).used(0, 0, 0, 0, 10, 99)
                    .slot(1, 6, 0, 1).seqlock(1, 4).used(1, 0, 0, 0, 20, 20)
                    .write(dir.resolve("odd.cache"));
        }
        var snap = RegionReader.read(file);
        var stuck = snap.slots().get(0);
        assertThat(stuck.stale()).isTrue();
        assertThat(stuck.used(0)).isEqualTo(new MemoryUsage(0, 0, 10, 0, 99));
        assertThat(stuck.pid()).isEqualTo(5);
        assertThat(snap.staleSlots()).containsExactly(stuck);
        assertThat(snap.slots().get(1).stale()).isFalse();
        assertThat(snap.usedBytes(0)).isEqualTo(119);
        assertThat(snap.usedStale()).isTrue();
    }

    @Test
    void keepsTheLastConsistentCopyOfAProcessWhoseSeqlockStopsSettling() throws Exception {
        var file = dir.resolve("settle.cache");
        try (var image = RegionImage.initialized(RegionFormat.V1_2);
             var reader = RegionReader.open(image.procNum(1).slot(0, 5, 0, 1).seqlock(0, 2).used(0, 0, 0, 0, 10, 10).write(file))) {
            assertThat(reader.snapshot().slots().getFirst().stale()).isFalse();

            image.seqlock(0, 3).used(0, 0, 0, 0, 10, 99).write(file); // the owner stopped halfway through an update
            var stuck = reader.snapshot().slots().getFirst();
            assertThat(stuck.stale()).isTrue();
            assertThat(stuck.used(0)).isEqualTo(new MemoryUsage(0, 0, 10, 0, 10));

            image.slot(0, 6, 0, 1).write(file); // another process now: the copy kept is not its own
            var other = reader.snapshot().slots().getFirst();
            assertThat(other.stale()).isTrue();
            assertThat(other.used(0)).isEqualTo(new MemoryUsage(0, 0, 10, 0, 99));
        }
    }

    @Test
    void readsASlotConsistentlyWhenItsWriterFinishesDuringABackoffPause() throws Exception {
        var file = dir.resolve("busy.cache");
        var pauses = new ArrayList<Long>();
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            image.procNum(1).slot(0, 5, 0, 1).seqlock(0, 7).used(0, 0, 0, 0, 10, 10).write(file);
            SeqlockBackoff.Pause finishUpdate = nanos -> {
                pauses.add(nanos);
                image.seqlock(0, 8).used(0, 0, 0, 0, 30, 30).write(file);
            };
            try (var reader = RegionReader.open(file, RegionReader.DEFAULT_SEQLOCK_RETRIES, 1_000_000, finishUpdate)) {
                var slot = reader.snapshot().slots().getFirst();
                assertThat(slot.stale()).isFalse();
                assertThat(slot.used(0)).isEqualTo(new MemoryUsage(0, 0, 30, 0, 30));
            }
        }
        assertThat(pauses).containsExactly(SeqlockBackoff.FIRST_PAUSE_NANOS);
    }

    @Test
    void theBackoffOfOneSnapshotStaysWithinItsBudgetWhenEverySlotStaysOdd() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            image.procNum(1024);
            for (int s = 0; s < 1024; s++) {
                image.slot(s, 100 + s, 0, 1).seqlock(s, 1).used(s, 0, 0, 0, 1, 1);
            }
            file = image.write(dir.resolve("allodd.cache"));
        }
        var pauses = new ArrayList<Long>();
        try (var reader = RegionReader.open(file, RegionReader.DEFAULT_SEQLOCK_RETRIES, 3_000_000, pauses::add)) {
            var snap = reader.snapshot();
            assertThat(snap.staleSlots()).hasSize(1024);
            assertThat(snap.usedBytes(0)).isEqualTo(1024);
        }
        assertThat(pauses.stream().mapToLong(Long::longValue).sum()).isPositive().isLessThanOrEqualTo(3_000_000);
    }

    @Test
    void ignoresTheReservedWordOfA11SlotWhereThe12SeqlockSits() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_1)) {
            file = image.procNum(1).slot(0, 5, 0, 1).used(0, 0, 0, 0, 10, 10)
                    .setLong(3, groupElement("procs"), sequenceElement(0), groupElement("unused"), sequenceElement(0))
                    .write(dir.resolve("v11.cache"));
        }
        assertThat(RegionReader.read(file).slots().getFirst().stale()).isFalse();
    }

    @Test
    void readsAnUnknownMinorVersionWithThe12LayoutAndSaysItIsNotKnown() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            file = image.setInt(9, groupElement("minor_version"))
                    .write(dir.resolve("minor.cache"));
        }
        var snap = RegionReader.read(file);
        assertThat(snap.format()).isEqualTo(RegionFormat.V1_2);
        assertThat(snap.version()).isEqualTo("1.9");
        assertThat(snap.knownVersion()).isFalse();
    }

    @Test
    void rejectsAnUninitializedRegionAsNotARegion() throws Exception {
        var file = Files.write(dir.resolve("zero.cache"), new byte[2_008_953]);
        assertThatThrownBy(() -> RegionReader.read(file)).hasMessage("not a HAMi-core region: magic 0x00000000");
    }

    @Test
    void rejectsATruncatedRegion() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            file = image.write(dir.resolve("short.cache"), 1_048_576);
        }
        assertThatThrownBy(() -> RegionReader.read(file))
                .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                .hasMessage("truncated: 1048576 bytes, layout 1.2 needs 2008952");
        Files.write(file, new byte[5]);
        assertThatThrownBy(() -> RegionReader.read(file)).hasMessage("truncated: 5 bytes, a region header needs 12");
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @CsvSource({"V1_2, 2000000", "V1_2, 1197897", "V1_2, 2008951", "V1_1, 1197896", "V1_1, 1600000"})
    void rejectsA1xRegionCutIntoTheV0SizeRangeAsTruncatedNotAsV0(RegionFormat format, long size) throws Exception {
        Path file;
        try (var image = RegionImage.initialized(format)) {
            file = image.procNum(1).slot(0, 5, 0, 1).used(0, 0, 0, 0, 10, 10).write(dir.resolve("cut.cache"), size);
        }
        assertThatThrownBy(() -> RegionReader.read(file))
                .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                .hasMessage("truncated: " + size + " bytes, layout " + format.label() + " needs 2008952");
    }

    @Test
    void rejectsWhatIsNotARegularFile() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            file = image.write(dir.resolve("real.cache"));
        }
        var link = Files.createSymbolicLink(dir.resolve("link.cache"), file);
        for (var path : new Path[] {link, dir}) {
            assertThatThrownBy(() -> RegionReader.read(path))
                    .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_FILE))
                    .hasMessage("not a HAMi-core region: not a regular file");
        }
    }

    @Test
    void closeIsIdempotentAndASnapshotAfterCloseFails() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V0)) {
            file = image.write(dir.resolve("c.cache"));
        }
        var reader = RegionReader.open(file);
        assertThat(reader.snapshot().format()).isEqualTo(RegionFormat.V0);
        reader.close();
        reader.close();
        assertThatThrownBy(reader::snapshot).isInstanceOf(ClosedChannelException.class);
    }
}
