package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hami.bindings.region.InvalidRegionException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The writer changes exactly the four bytes of one of the two switches, and nothing else, ever. */
class RegionWriterTest {

    @TempDir
    Path dir;

    private Path region(RegionFormat format) {
        try (var image = RegionImage.initialized(format)) {
            return image.procNum(1).slot(0, 3, 0, 1).used(0, 0, 0, 0, 77, 77).write(dir.resolve(format + ".cache"));
        }
    }

    @ParameterizedTest
    @EnumSource(RegionFormat.class)
    void writesOnlyTheTwoSwitchesAtTheirOffsets(RegionFormat format) throws Exception {
        var file = region(format);
        var before = Files.readAllBytes(file);
        try (var writer = RegionWriter.open(file)) {
            assertThat(writer.putUtilizationSwitchRelease(0)).isEqualTo(RegionHeader.of(format));
            assertThat(writer.putRecentKernelRelease(-1)).isEqualTo(RegionHeader.of(format));
        }
        var after = Files.readAllBytes(file);

        assertThat(after).hasSameSizeAs(before);
        var o = format.offsets();
        assertThat(changedOffsets(before, after)).containsExactly(
                o.utilizationSwitch(), o.recentKernel(), o.recentKernel() + 1, o.recentKernel() + 2, o.recentKernel() + 3);
        var le = ByteBuffer.wrap(after).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getInt((int) o.utilizationSwitch())).isZero();
        assertThat(le.getInt((int) o.recentKernel())).isEqualTo(-1);

        var snap = RegionReader.read(file);
        assertThat(snap.utilizationSwitch()).isZero();
        assertThat(snap.recentKernel()).isEqualTo(-1);
        assertThat(snap.slots().getFirst().used(0).total()).isEqualTo(77);
    }

    @Test
    void writesAnUnknownMinorVersionAt12OffsetsAndSaysTheVersionIsNotKnown() throws Exception {
        Path file;
        try (var image = RegionImage.initialized(RegionFormat.V1_2)) {
            file = image.setInt(3, java.lang.foreign.MemoryLayout.PathElement.groupElement("minor_version"))
                    .write(dir.resolve("minor.cache"));
        }
        try (var writer = RegionWriter.open(file)) {
            var header = writer.putRecentKernelRelease(-1);
            assertThat(header).isEqualTo(new RegionHeader(RegionFormat.V1_2, "1.3"));
            assertThat(header.knownVersion()).isFalse();
        }
        assertThat(RegionReader.read(file).recentKernel()).isEqualTo(-1);
    }

    @Test
    void acceptsOnlyZeroOrOneForTheSwitch() throws Exception {
        var file = region(RegionFormat.V1_2);
        var before = Files.readAllBytes(file);
        try (var writer = RegionWriter.open(file)) {
            assertThatThrownBy(() -> writer.putUtilizationSwitchRelease(2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("utilization_switch must be 0 or 1: 2");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void refusesAFileThatIsNoLongerARegionAndLeavesItAsItWas() throws Exception {
        var file = region(RegionFormat.V1_2);
        try (var writer = RegionWriter.open(file)) {
            try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(1_048_576);
            }
            assertThatThrownBy(() -> writer.putRecentKernelRelease(0))
                    .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                    .hasMessage("truncated: 1048576 bytes, layout 1.2 needs 2008952");
            assertThat(Files.size(file)).isEqualTo(1_048_576);

            Files.write(file, new byte[2_008_953]);
            assertThatThrownBy(() -> writer.putUtilizationSwitchRelease(1)).hasMessage("not a HAMi-core region: magic 0x00000000");
            assertThat(Files.readAllBytes(file)).containsOnly(0);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RegionFormat.class, names = {"V1_1", "V1_2"})
    void refusesA1xRegionCutIntoTheV0SizeRangeAndWritesNothing(RegionFormat format) throws Exception {
        var file = region(format);
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(2_000_000);
        }
        var before = Files.readAllBytes(file);
        try (var writer = RegionWriter.open(file)) {
            assertThatThrownBy(() -> writer.putUtilizationSwitchRelease(0))
                    .isInstanceOfSatisfying(InvalidRegionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED))
                    .hasMessage("truncated: 2000000 bytes, layout " + format.label() + " needs 2008952");
            assertThatThrownBy(() -> writer.putRecentKernelRelease(-1)).isInstanceOf(InvalidRegionException.class);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void closeIsIdempotentAndAPutAfterCloseFails() throws Exception {
        var writer = RegionWriter.open(region(RegionFormat.V1_1));
        writer.close();
        writer.close();
        assertThatThrownBy(() -> writer.putRecentKernelRelease(1)).isInstanceOf(ClosedChannelException.class);
    }

    private static List<Long> changedOffsets(byte[] a, byte[] b) {
        var out = new ArrayList<Long>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add((long) i);
            }
        }
        return out;
    }
}
