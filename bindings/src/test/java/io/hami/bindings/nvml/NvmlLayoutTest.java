package io.hami.bindings.nvml;

import static org.assertj.core.api.Assertions.assertThat;

import io.hami.bindings.layout.LayoutContract;
import java.lang.foreign.GroupLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every NVML struct we lay out, and every constant we repeat, against what gcc made of hami/nvml.h. */
class NvmlLayoutTest extends LayoutContract {
    NvmlLayoutTest() {
        super("nvml", Map.ofEntries(
                Map.entry("nvmlGpuInstancePlacement_t", NvmlMigLayouts.GPU_INSTANCE_PLACEMENT),
                Map.entry("nvmlGpuInstanceProfileInfo_t", NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO),
                Map.entry("nvmlGpuInstanceProfileInfo_v2_t", NvmlMigLayouts.GPU_INSTANCE_PROFILE_INFO_V2),
                Map.entry("nvmlGpuInstanceInfo_t", NvmlMigLayouts.GPU_INSTANCE_INFO),
                Map.entry("nvmlComputeInstancePlacement_t", NvmlMigLayouts.COMPUTE_INSTANCE_PLACEMENT),
                Map.entry("nvmlComputeInstanceProfileInfo_t", NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO),
                Map.entry("nvmlComputeInstanceProfileInfo_v2_t", NvmlMigLayouts.COMPUTE_INSTANCE_PROFILE_INFO_V2),
                Map.entry("nvmlComputeInstanceInfo_t", NvmlMigLayouts.COMPUTE_INSTANCE_INFO),
                Map.entry("nvmlDeviceAttributes_t", NvmlMigLayouts.DEVICE_ATTRIBUTES),
                Map.entry("nvmlMemory_t", NvmlLayouts.MEMORY),
                Map.entry("nvmlMemory_v2_t", NvmlLayouts.MEMORY_V2),
                Map.entry("nvmlBAR1Memory_t", NvmlLayouts.BAR1_MEMORY),
                Map.entry("nvmlUtilization_t", NvmlLayouts.UTILIZATION),
                Map.entry("nvmlPciInfo_t", NvmlLayouts.PCI_INFO),
                Map.entry("nvmlProcessInfo_v1_t", NvmlLayouts.PROCESS_INFO_V1),
                Map.entry("nvmlProcessInfo_v2_t", NvmlLayouts.PROCESS_INFO_V2),
                Map.entry("nvmlProcessInfo_t", NvmlLayouts.PROCESS_INFO_V2),
                Map.entry("nvmlEventData_t", NvmlLayouts.EVENT_DATA)),
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
                Map.entry("NVML_NVLINK_DEVICE_TYPE_SWITCH", (long) NvLinkRemote.SWITCH.code()),
                Map.entry("nvmlGpuInstanceProfileInfo_v2", (long) NvmlMigLayouts.nvmlGpuInstanceProfileInfo_v2),
                Map.entry("nvmlComputeInstanceProfileInfo_v2", (long) NvmlMigLayouts.nvmlComputeInstanceProfileInfo_v2),
                Map.entry("NVML_DEVICE_MIG_DISABLE", 0L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_1_SLICE", 0L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_2_SLICE", 1L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_3_SLICE", 2L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_4_SLICE", 3L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_7_SLICE", 4L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_8_SLICE", 5L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_6_SLICE", 6L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV1", 7L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_2_SLICE_REV1", 8L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV2", 9L),
                Map.entry("NVML_GPU_INSTANCE_PROFILE_COUNT", (long) NvmlMigApi.GPU_INSTANCE_PROFILE_COUNT),
                Map.entry("NVML_COMPUTE_INSTANCE_PROFILE_1_SLICE", 0L),
                Map.entry("NVML_COMPUTE_INSTANCE_PROFILE_COUNT", (long) NvmlMigApi.COMPUTE_INSTANCE_PROFILE_COUNT),
                Map.entry("NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED", (long) NvmlMigLayouts.NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED),
                Map.entry("NVML_ERROR_INSUFFICIENT_RESOURCES", (long) NvmlReturn.INSUFFICIENT_RESOURCES.code()),
                Map.entry("NVML_ERROR_IN_USE", (long) NvmlReturn.IN_USE.code())),
                Map.ofEntries(Map.entry("nvmlGpuInstancePlacement_t", 8L), Map.entry("nvmlGpuInstanceProfileInfo_t", 48L),
                Map.entry("nvmlGpuInstanceProfileInfo_v2_t", 152L), Map.entry("nvmlGpuInstanceInfo_t", 24L),
                Map.entry("nvmlComputeInstancePlacement_t", 8L), Map.entry("nvmlComputeInstanceProfileInfo_t", 36L),
                Map.entry("nvmlComputeInstanceProfileInfo_v2_t", 136L), Map.entry("nvmlComputeInstanceInfo_t", 32L),
                Map.entry("nvmlDeviceAttributes_t", 40L), Map.entry("nvmlMemory_t", 24L), Map.entry("nvmlMemory_v2_t", 40L), Map.entry("nvmlBAR1Memory_t", 24L),
                Map.entry("nvmlUtilization_t", 8L), Map.entry("nvmlPciInfo_t", 68L), Map.entry("nvmlProcessInfo_v1_t", 16L),
                Map.entry("nvmlProcessInfo_v2_t", 24L), Map.entry("nvmlProcessInfo_t", 24L), Map.entry("nvmlEventData_t", 32L)));
    }

    @Test
    void migProfileInfoVersionWordsAreSizeAndVersion() {
        assertThat(NvmlMigLayouts.nvmlGpuInstanceProfileInfo_v2).isEqualTo(0x02000098);
        assertThat(NvmlMigLayouts.nvmlComputeInstanceProfileInfo_v2).isEqualTo(0x02000088);
    }

    @Test
    void memoryV2VersionWordIsTheSpecValue() {
        assertThat(NvmlLayouts.nvmlMemory_v2).isEqualTo(0x02000028);
    }
}
