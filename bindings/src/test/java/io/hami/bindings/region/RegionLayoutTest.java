package io.hami.bindings.region;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.layout.LayoutProof;
import io.hami.bindings.layout.ProbeOutput;
import java.lang.foreign.GroupLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Every region layout equals what gcc lays out for native-headers/include/hami/hamicore_region.h. */
class RegionLayoutTest {
    private static final ProbeOutput PROBE = ProbeOutput.load("region");

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("hamicore_device_memory_t", RegionV11Descriptor.DEVICE_MEMORY),
                Arguments.of("hamicore_device_util_t", RegionV11Descriptor.DEVICE_UTIL),
                Arguments.of("hamicore_device_memory_v0_t", RegionV0Descriptor.DEVICE_MEMORY),
                Arguments.of("hamicore_device_util_v0_t", RegionV0Descriptor.DEVICE_UTIL),
                Arguments.of("hamicore_proc_slot_v0_t", RegionV0Descriptor.SLOT),
                Arguments.of("hamicore_proc_slot_v1_1_t", RegionV11Descriptor.SLOT),
                Arguments.of("hamicore_proc_slot_v1_2_t", RegionV12Descriptor.SLOT),
                Arguments.of("hamicore_region_v0_t", RegionV0Descriptor.REGION),
                Arguments.of("hamicore_region_v1_1_t", RegionV11Descriptor.REGION),
                Arguments.of("hamicore_region_v1_2_t", RegionV12Descriptor.REGION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void javaLayoutEqualsTheCStruct(String cStruct, GroupLayout java) {
        LayoutProof.assertMatches(PROBE, cStruct, java);
        assertThat(java.name()).contains(cStruct);
    }

    @Test
    void constantsEqualTheHeader() {
        assertThat(PROBE.constant("HAMICORE_REGION_MAGIC")).isEqualTo(RegionDetection.MAGIC).isEqualTo(0x012FF74E);
        assertThat(PROBE.constant("HAMICORE_DEVICE_MAX")).isEqualTo(RegionLayoutParts.DEVICES);
        assertThat(PROBE.constant("HAMICORE_PROC_MAX")).isEqualTo(RegionLayoutParts.SLOTS);
        assertThat(PROBE.constant("HAMICORE_UUID_LEN")).isEqualTo(RegionLayoutParts.UUID_BYTES);
        assertThat(PROBE.constant("HAMICORE_REGION_V0_SIZE")).isEqualTo(RegionFormat.V0.minimumSize())
                .isEqualTo(RegionV0Descriptor.MINIMUM_SIZE).isEqualTo(1_197_896);
        assertThat(PROBE.constant("HAMICORE_REGION_V1_1_SIZE")).isEqualTo(RegionFormat.V1_1.minimumSize())
                .isEqualTo(RegionV11Descriptor.MINIMUM_SIZE).isEqualTo(2_008_952);
        assertThat(PROBE.constant("HAMICORE_REGION_V1_2_SIZE")).isEqualTo(RegionFormat.V1_2.minimumSize())
                .isEqualTo(RegionV12Descriptor.MINIMUM_SIZE).isEqualTo(2_008_952);
    }

    @Test
    void derivedOffsetsMatchTheSpecificationTables() {
        var v12 = RegionFormat.V1_2.offsets();
        assertThat(v12.slot(3) + v12.used() + 5 * v12.usedStride() + v12.total())
                .isEqualTo(1856 + 1960 * 3 + 8 + 64 * 5 + 32)
                .isEqualTo(RegionV12Descriptor.REGION.byteOffset(groupElement("procs"), sequenceElement(3),
                        groupElement("used"), sequenceElement(5), groupElement("total")));
        assertThat(v12.utilizationSwitch()).isEqualTo(2_008_900);
        assertThat(v12.recentKernel()).isEqualTo(2_008_904);
        assertThat(v12.lastKernelTime()).isEqualTo(2_008_912);
        assertThat(v12.seqlock()).isEqualTo(1936);
        // 1.1 and 1.2 differ in the seqlock alone
        assertThat(RegionFormat.V1_1.offsets().toString()).isEqualTo(v12.toString().replace("seqlock=1936", "seqlock=-1"));

        var v0 = RegionFormat.V0.offsets();
        assertThat(v0.deviceNum()).isEqualTo(48);
        assertThat(v0.procs()).isEqualTo(1848);
        assertThat(v0.slotStride()).isEqualTo(1168);
        assertThat(v0.usedStride()).isEqualTo(40);
        assertThat(v0.monitorused()).isEqualTo(648);
        assertThat(v0.deviceUtil()).isEqualTo(776);
        assertThat(v0.utilStride()).isEqualTo(24);
        assertThat(v0.status()).isEqualTo(1160);
        assertThat(v0.utilizationSwitch()).isEqualTo(1_197_884);
        assertThat(v0.recentKernel()).isEqualTo(1_197_888);
        assertThat(v0.lastKernelTime()).isEqualTo(RegionOffsets.ABSENT);
        assertThat(v0.seqlock()).isEqualTo(RegionOffsets.ABSENT);
    }

    @Test
    void formatsSayWhatTheyCarry() {
        assertThat(RegionFormat.V1_2.hasSeqlock()).isTrue();
        assertThat(RegionFormat.V1_1.hasSeqlock()).isFalse();
        assertThat(RegionFormat.V0.hasSeqlock()).isFalse();
        assertThat(RegionFormat.V0.hasLastKernelTime()).isFalse();
        assertThat(RegionFormat.V1_1.hasLastKernelTime()).isTrue();
    }
}
