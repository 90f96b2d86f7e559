package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.layout.LayoutProof;
import io.hami.bindings.layout.ProbeOutput;
import java.lang.foreign.StructLayout;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every NVML struct we lay out, and every constant we repeat, against what gcc made of hami/nvml.h. */
class NvmlLayoutTest {
    private static final ProbeOutput PROBE = ProbeOutput.load("nvml");

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("nvmlMemory_t", NvmlLayouts.MEMORY),
                Arguments.of("nvmlMemory_v2_t", NvmlLayouts.MEMORY_V2),
                Arguments.of("nvmlBAR1Memory_t", NvmlLayouts.BAR1_MEMORY),
                Arguments.of("nvmlUtilization_t", NvmlLayouts.UTILIZATION),
                Arguments.of("nvmlPciInfo_t", NvmlLayouts.PCI_INFO),
                Arguments.of("nvmlProcessInfo_v1_t", NvmlLayouts.PROCESS_INFO_V1),
                Arguments.of("nvmlProcessInfo_v2_t", NvmlLayouts.PROCESS_INFO_V2),
                Arguments.of("nvmlProcessInfo_t", NvmlLayouts.PROCESS_INFO_V2),
                Arguments.of("nvmlEventData_t", NvmlLayouts.EVENT_DATA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void javaLayoutMatchesC(String cStruct, StructLayout java) {
        LayoutProof.assertMatches(PROBE, cStruct, java);
    }

    @Test
    void everyProbedStructIsBound() {
        assertThat(layouts().map(a -> (String) a.get()[0])).containsExactlyInAnyOrderElementsOf(PROBE.structs().keySet());
    }

    @Test
    void layoutsAreNamedAfterTheirTypedef() {
        layouts().filter(a -> !a.get()[0].equals("nvmlProcessInfo_t"))
                .forEach(a -> assertThat(((StructLayout) a.get()[1]).name()).contains((String) a.get()[0]));
    }

    @Test
    void processEntriesAreSixteenAndTwentyFourBytes() {
        assertThat(NvmlLayouts.PROCESS_INFO_V1.byteSize()).isEqualTo(16);
        assertThat(NvmlLayouts.PROCESS_INFO_V2.byteSize()).isEqualTo(24);
    }

    @Test
    void constantsMatchTheHeader() {
        var java = Map.ofEntries(
                Map.entry("nvmlMemory_v2", (long) NvmlLayouts.nvmlMemory_v2),
                Map.entry("NVML_DEVICE_UUID_V2_BUFFER_SIZE", (long) NvmlLayouts.NVML_DEVICE_UUID_V2_BUFFER_SIZE),
                Map.entry("NVML_DEVICE_NAME_V2_BUFFER_SIZE", (long) NvmlLayouts.NVML_DEVICE_NAME_V2_BUFFER_SIZE),
                Map.entry("NVML_DEVICE_SERIAL_BUFFER_SIZE", (long) NvmlLayouts.NVML_DEVICE_SERIAL_BUFFER_SIZE),
                Map.entry("NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE", (long) NvmlLayouts.NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE),
                Map.entry("NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE", (long) NvmlLayouts.NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE),
                Map.entry("NVML_TEMPERATURE_GPU", (long) NvmlLayouts.NVML_TEMPERATURE_GPU),
                Map.entry("NVML_DEVICE_MIG_ENABLE", (long) MigMode.NVML_DEVICE_MIG_ENABLE),
                Map.entry("nvmlEventTypeSingleBitEccError", NvmlEvent.SINGLE_BIT_ECC_ERROR),
                Map.entry("nvmlEventTypeDoubleBitEccError", NvmlEvent.DOUBLE_BIT_ECC_ERROR),
                Map.entry("nvmlEventTypeXidCriticalError", NvmlEvent.XID_CRITICAL_ERROR),
                Map.entry("NVML_ERROR_FUNCTION_NOT_FOUND", (long) NvmlReturn.FUNCTION_NOT_FOUND.code()),
                Map.entry("NVML_ERROR_GPU_IS_LOST", (long) NvmlReturn.GPU_IS_LOST.code()),
                Map.entry("NVML_ERROR_UNKNOWN", (long) NvmlReturn.UNKNOWN.code()));
        assertThat(java).isEqualTo(PROBE.constants());
    }

    @Test
    void memoryV2VersionWordIsTheSpecValue() {
        assertThat(NvmlLayouts.nvmlMemory_v2).isEqualTo(0x02000028);
    }
}
