package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every NVML struct we lay out, and every constant we repeat, against what gcc made of hami/nvml.h. */
class NvmlLayoutTest extends LayoutContract {
    NvmlLayoutTest() {
        super("nvml", Map.of(
                "nvmlMemory_t", NvmlLayouts.MEMORY,
                "nvmlMemory_v2_t", NvmlLayouts.MEMORY_V2,
                "nvmlBAR1Memory_t", NvmlLayouts.BAR1_MEMORY,
                "nvmlUtilization_t", NvmlLayouts.UTILIZATION,
                "nvmlPciInfo_t", NvmlLayouts.PCI_INFO,
                "nvmlProcessInfo_v1_t", NvmlLayouts.PROCESS_INFO_V1,
                "nvmlProcessInfo_v2_t", NvmlLayouts.PROCESS_INFO_V2,
                "nvmlProcessInfo_t", NvmlLayouts.PROCESS_INFO_V2,
                "nvmlEventData_t", NvmlLayouts.EVENT_DATA),
                Map.ofEntries(
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
                Map.entry("NVML_ERROR_UNKNOWN", (long) NvmlReturn.UNKNOWN.code()),
                Map.entry("NVML_NVLINK_MAX_LINKS", (long) Nvml.NVLINK_MAX_LINKS),
                Map.entry("NVML_FEATURE_ENABLED", 1L),
                Map.entry("NVML_TOPOLOGY_INTERNAL", (long) TopologyLevel.INTERNAL.code()),
                Map.entry("NVML_TOPOLOGY_SINGLE", (long) TopologyLevel.SINGLE.code()),
                Map.entry("NVML_TOPOLOGY_MULTIPLE", (long) TopologyLevel.MULTIPLE.code()),
                Map.entry("NVML_TOPOLOGY_HOSTBRIDGE", (long) TopologyLevel.HOSTBRIDGE.code()),
                Map.entry("NVML_TOPOLOGY_NODE", (long) TopologyLevel.NODE.code()),
                Map.entry("NVML_TOPOLOGY_SYSTEM", (long) TopologyLevel.SYSTEM.code()),
                Map.entry("NVML_P2P_CAPS_INDEX_NVLINK", (long) P2PCapability.NVLINK.code()),
                Map.entry("NVML_P2P_CAPS_INDEX_PCI", (long) P2PCapability.PCI.code()),
                Map.entry("NVML_P2P_STATUS_OK", (long) P2PStatus.OK.code()),
                Map.entry("NVML_P2P_STATUS_NOT_SUPPORTED", (long) P2PStatus.NOT_SUPPORTED.code()),
                Map.entry("NVML_NVLINK_DEVICE_TYPE_GPU", (long) NvLinkRemote.GPU.code()),
                Map.entry("NVML_NVLINK_DEVICE_TYPE_SWITCH", (long) NvLinkRemote.SWITCH.code())),
                Map.of("nvmlMemory_t", 24L, "nvmlMemory_v2_t", 40L, "nvmlBAR1Memory_t", 24L, "nvmlUtilization_t", 8L,
                "nvmlPciInfo_t", 68L, "nvmlProcessInfo_v1_t", 16L, "nvmlProcessInfo_v2_t", 24L, "nvmlProcessInfo_t", 24L,
                "nvmlEventData_t", 32L));
    }

    @Test
    void memoryV2VersionWordIsTheSpecValue() {
        assertThat(NvmlLayouts.nvmlMemory_v2).isEqualTo(0x02000028);
    }
}
