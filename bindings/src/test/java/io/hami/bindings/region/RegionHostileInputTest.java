package io.hami.bindings.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A container writes whatever it likes into its region; the reader bounds all of it. */
class RegionHostileInputTest {

    @TempDir
    Path dir;

    private RegionSnapshot read(RegionImage image) throws Exception {
        try (image) {
            return RegionReader.read(image.write(dir.resolve("hostile.cache")));
        }
    }

    @ParameterizedTest(name = "proc_num {0} reads as {1}")
    @CsvSource({"2147483647, 1024", "1025, 1024", "1024, 1024", "-1, 0", "-2147483648, 0", "3, 3"})
    void clampsProcNumToTheSlotTable(int raw, int clamped) throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V1_2).procNum(raw));
        assertThat(snap.procNum()).isEqualTo(clamped);
        assertThat(snap.slots()).hasSize(clamped);
    }

    @Test
    void rejectsRegionWhoseProcNumExceedsSlotsByReadingOnlyTheTable() throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V0).procNum(1_000_000).slot(1023, 9, 0, 1));
        assertThat(snap.slots()).hasSize(1024);
        assertThat(snap.slots().getLast().pid()).isEqualTo(9);
    }

    @ParameterizedTest(name = "device_num {0} reads as {1}")
    @CsvSource({"-1, 16", "-9223372036854775808, 16", "17, 16", "16, 16", "0, 0", "4, 4"})
    void clampsDeviceNumAsUnsigned(long raw, int clamped) throws Exception {
        assertThat(read(RegionImage.initialized(RegionFormat.V1_1).deviceNum(raw)).deviceCount()).isEqualTo(clamped);
    }

    @ParameterizedTest(name = "priority {0}")
    @CsvSource({"2147483647", "100", "-1", "-2147483648"})
    void acceptsPriorityOnlyFrom0To99(int raw) throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V1_2).priority(raw));
        assertThat(snap.priority()).isEqualTo(OptionalInt.empty());
        assertThat(snap.rawPriority()).isEqualTo(raw);
        assertThat(read(RegionImage.initialized(RegionFormat.V1_2).priority(99)).priority()).hasValue(99);
    }

    @Test
    void boundsAUuidWithoutNulToItsNinetySixBytes() throws Exception {
        var full = new byte[96];
        Arrays.fill(full, (byte) 'A');
        var snap = read(RegionImage.initialized(RegionFormat.V1_2).uuid(0, full).uuid(1, "GPU-next"));
        assertThat(snap.devices().get(0).uuid()).hasSize(96).matches("A+");
        assertThat(snap.devices().get(1).uuid()).isEqualTo("GPU-next");
    }

    @Test
    void dropsUuidsThatAreNotUtf8OrHoldControlCharacters() throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V1_2)
                .uuid(0, new byte[] {'G', 'P', 'U', (byte) 0xC3, (byte) 0x28})
                .uuid(1, "GPU-\u001b[31mred")
                .uuid(2, "GPU-\n")
                .uuid(3, "GPU-caf\u00e9".getBytes(StandardCharsets.UTF_8))
                .uuid(4, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
        assertThat(snap.devices()).extracting(RegionDevice::uuid).startsWith("", "", "", "GPU-caf\u00e9", "");
        assertThat(snap.devices().get(0).hasUuid()).isFalse();
    }

    @Test
    void saturatesValuesAbove63BitsAndTheirSums() throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V1_2).procNum(3)
                .limit(0, -1L)
                .slot(0, 1, 0, 1).used(0, 0, -1L, 0, 0, Long.MAX_VALUE - 5)
                .slot(1, 2, 0, 1).used(1, 0, 0, 0, 0, 10).smUtil(1, 0, Long.MAX_VALUE)
                .slot(2, 3, 0, 2).used(2, 0, 0, 0, 0, -2L).smUtil(2, 0, 5)
                .lastKernelTime(-1L));
        assertThat(snap.devices().get(0).limitBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(snap.slots().get(0).used(0).contextSize()).isEqualTo(Long.MAX_VALUE);
        assertThat(snap.slots().get(2).used(0).total()).isEqualTo(Long.MAX_VALUE);
        assertThat(snap.usedBytes(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(snap.smUtil(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(snap.lastKernelTime()).hasValue(Long.MAX_VALUE);
    }

    @Test
    void countsSlotsWithAnyNonZeroStatusAsHamiDoes() throws Exception {
        var snap = read(RegionImage.initialized(RegionFormat.V1_1).procNum(3)
                .slot(0, 1, 0, -7).slot(1, 2, 0, 0).slot(2, 3, 0, 2));
        assertThat(snap.activeSlots()).extracting(ProcessSlot::pid).containsExactly(1, 3);
    }

    @Test
    void saturatingAddStopsAtTheEdges() {
        assertThat(RegionSnapshot.saturatingAdd(Long.MAX_VALUE, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(RegionSnapshot.saturatingAdd(Long.MAX_VALUE - 1, 1)).isEqualTo(Long.MAX_VALUE);
        assertThat(RegionSnapshot.saturatingAdd(40, 2)).isEqualTo(42);
    }
}
