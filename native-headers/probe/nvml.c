/* Layout probe for hami/nvml.h: every struct and member the Java bindings lay out, and the constants
 * they repeat. NvmlLayoutTest in bindings compares this output with the Java StructLayouts. */
#include "hami/nvml.h"
#include "probe.h"

static void memory(void) {
    PROBE_STRUCT(nvmlMemory_t);
    PROBE_MEMBER(nvmlMemory_t, total);
    PROBE_MEMBER(nvmlMemory_t, free);
    PROBE_MEMBER(nvmlMemory_t, used);

    PROBE_STRUCT(nvmlMemory_v2_t);
    PROBE_MEMBER(nvmlMemory_v2_t, version);
    PROBE_MEMBER(nvmlMemory_v2_t, total);
    PROBE_MEMBER(nvmlMemory_v2_t, reserved);
    PROBE_MEMBER(nvmlMemory_v2_t, free);
    PROBE_MEMBER(nvmlMemory_v2_t, used);

    PROBE_STRUCT(nvmlBAR1Memory_t);
    PROBE_MEMBER(nvmlBAR1Memory_t, bar1Total);
    PROBE_MEMBER(nvmlBAR1Memory_t, bar1Free);
    PROBE_MEMBER(nvmlBAR1Memory_t, bar1Used);
}

static void device(void) {
    PROBE_STRUCT(nvmlUtilization_t);
    PROBE_MEMBER(nvmlUtilization_t, gpu);
    PROBE_MEMBER(nvmlUtilization_t, memory);

    PROBE_STRUCT(nvmlPciInfo_t);
    PROBE_MEMBER(nvmlPciInfo_t, busIdLegacy);
    PROBE_MEMBER(nvmlPciInfo_t, domain);
    PROBE_MEMBER(nvmlPciInfo_t, bus);
    PROBE_MEMBER(nvmlPciInfo_t, device);
    PROBE_MEMBER(nvmlPciInfo_t, pciDeviceId);
    PROBE_MEMBER(nvmlPciInfo_t, pciSubSystemId);
    PROBE_MEMBER(nvmlPciInfo_t, busId);
}

static void processes(void) {
    PROBE_STRUCT(nvmlProcessInfo_v1_t);
    PROBE_MEMBER(nvmlProcessInfo_v1_t, pid);
    PROBE_MEMBER(nvmlProcessInfo_v1_t, usedGpuMemory);

    PROBE_STRUCT(nvmlProcessInfo_v2_t);
    PROBE_MEMBER(nvmlProcessInfo_v2_t, pid);
    PROBE_MEMBER(nvmlProcessInfo_v2_t, usedGpuMemory);
    PROBE_MEMBER(nvmlProcessInfo_v2_t, gpuInstanceId);
    PROBE_MEMBER(nvmlProcessInfo_v2_t, computeInstanceId);

    PROBE_STRUCT(nvmlProcessInfo_t);
    PROBE_MEMBER(nvmlProcessInfo_t, pid);
    PROBE_MEMBER(nvmlProcessInfo_t, usedGpuMemory);
    PROBE_MEMBER(nvmlProcessInfo_t, gpuInstanceId);
    PROBE_MEMBER(nvmlProcessInfo_t, computeInstanceId);
}

static void events(void) {
    PROBE_STRUCT(nvmlEventData_t);
    PROBE_MEMBER(nvmlEventData_t, device);
    PROBE_MEMBER(nvmlEventData_t, eventType);
    PROBE_MEMBER(nvmlEventData_t, eventData);
    PROBE_MEMBER(nvmlEventData_t, gpuInstanceId);
    PROBE_MEMBER(nvmlEventData_t, computeInstanceId);
}

static void mig(void) {
    PROBE_STRUCT(nvmlGpuInstancePlacement_t);
    PROBE_MEMBER(nvmlGpuInstancePlacement_t, start);
    PROBE_MEMBER(nvmlGpuInstancePlacement_t, size);

    PROBE_STRUCT(nvmlGpuInstanceProfileInfo_t);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, id);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, isP2pSupported);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, sliceCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, instanceCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, multiprocessorCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, copyEngineCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, decoderCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, encoderCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, jpegCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, ofaCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_t, memorySizeMB);

    PROBE_STRUCT(nvmlGpuInstanceProfileInfo_v2_t);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, version);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, id);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, isP2pSupported);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, sliceCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, instanceCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, multiprocessorCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, copyEngineCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, decoderCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, encoderCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, jpegCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, ofaCount);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, memorySizeMB);
    PROBE_MEMBER(nvmlGpuInstanceProfileInfo_v2_t, name);

    PROBE_STRUCT(nvmlGpuInstanceInfo_t);
    PROBE_MEMBER(nvmlGpuInstanceInfo_t, device);
    PROBE_MEMBER(nvmlGpuInstanceInfo_t, id);
    PROBE_MEMBER(nvmlGpuInstanceInfo_t, profileId);
    PROBE_MEMBER(nvmlGpuInstanceInfo_t, placement);

    PROBE_STRUCT(nvmlComputeInstancePlacement_t);
    PROBE_MEMBER(nvmlComputeInstancePlacement_t, start);
    PROBE_MEMBER(nvmlComputeInstancePlacement_t, size);

    PROBE_STRUCT(nvmlComputeInstanceProfileInfo_t);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, id);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sliceCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, instanceCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, multiprocessorCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sharedCopyEngineCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sharedDecoderCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sharedEncoderCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sharedJpegCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_t, sharedOfaCount);

    PROBE_STRUCT(nvmlComputeInstanceProfileInfo_v2_t);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, version);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, id);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sliceCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, instanceCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, multiprocessorCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sharedCopyEngineCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sharedDecoderCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sharedEncoderCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sharedJpegCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, sharedOfaCount);
    PROBE_MEMBER(nvmlComputeInstanceProfileInfo_v2_t, name);

    PROBE_STRUCT(nvmlComputeInstanceInfo_t);
    PROBE_MEMBER(nvmlComputeInstanceInfo_t, device);
    PROBE_MEMBER(nvmlComputeInstanceInfo_t, gpuInstance);
    PROBE_MEMBER(nvmlComputeInstanceInfo_t, id);
    PROBE_MEMBER(nvmlComputeInstanceInfo_t, profileId);
    PROBE_MEMBER(nvmlComputeInstanceInfo_t, placement);

    PROBE_STRUCT(nvmlDeviceAttributes_t);
    PROBE_MEMBER(nvmlDeviceAttributes_t, multiprocessorCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, sharedCopyEngineCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, sharedDecoderCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, sharedEncoderCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, sharedJpegCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, sharedOfaCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, gpuInstanceSliceCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, computeInstanceSliceCount);
    PROBE_MEMBER(nvmlDeviceAttributes_t, memorySizeMB);
}

static void constants(void) {
    PROBE_CONST(nvmlMemory_v2);
    PROBE_CONST(NVML_DEVICE_UUID_V2_BUFFER_SIZE);
    PROBE_CONST(NVML_DEVICE_NAME_V2_BUFFER_SIZE);
    PROBE_CONST(NVML_DEVICE_SERIAL_BUFFER_SIZE);
    PROBE_CONST(NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE);
    PROBE_CONST(NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE);
    PROBE_CONST(NVML_TEMPERATURE_GPU);
    PROBE_CONST(NVML_DEVICE_MIG_ENABLE);
    PROBE_CONST(nvmlEventTypeSingleBitEccError);
    PROBE_CONST(nvmlEventTypeDoubleBitEccError);
    PROBE_CONST(nvmlEventTypeXidCriticalError);
    PROBE_CONST(NVML_ERROR_FUNCTION_NOT_FOUND);
    PROBE_CONST(NVML_ERROR_GPU_IS_LOST);
    PROBE_CONST(NVML_ERROR_UNKNOWN);
    PROBE_CONST(NVML_NVLINK_MAX_LINKS);
    PROBE_CONST(NVML_FEATURE_ENABLED);
    PROBE_CONST(NVML_TOPOLOGY_INTERNAL);
    PROBE_CONST(NVML_TOPOLOGY_SINGLE);
    PROBE_CONST(NVML_TOPOLOGY_MULTIPLE);
    PROBE_CONST(NVML_TOPOLOGY_HOSTBRIDGE);
    PROBE_CONST(NVML_TOPOLOGY_NODE);
    PROBE_CONST(NVML_TOPOLOGY_SYSTEM);
    PROBE_CONST(NVML_P2P_CAPS_INDEX_NVLINK);
    PROBE_CONST(NVML_P2P_CAPS_INDEX_PCI);
    PROBE_CONST(NVML_P2P_STATUS_OK);
    PROBE_CONST(NVML_P2P_STATUS_NOT_SUPPORTED);
    PROBE_CONST(NVML_NVLINK_DEVICE_TYPE_GPU);
    PROBE_CONST(NVML_NVLINK_DEVICE_TYPE_SWITCH);
    PROBE_CONST(nvmlGpuInstanceProfileInfo_v2);
    PROBE_CONST(nvmlComputeInstanceProfileInfo_v2);
    PROBE_CONST(NVML_DEVICE_MIG_DISABLE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_1_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_2_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_3_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_4_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_7_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_8_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_6_SLICE);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV1);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_2_SLICE_REV1);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV2);
    PROBE_CONST(NVML_GPU_INSTANCE_PROFILE_COUNT);
    PROBE_CONST(NVML_COMPUTE_INSTANCE_PROFILE_1_SLICE);
    PROBE_CONST(NVML_COMPUTE_INSTANCE_PROFILE_COUNT);
    PROBE_CONST(NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED);
    PROBE_CONST(NVML_ERROR_INSUFFICIENT_RESOURCES);
    PROBE_CONST(NVML_ERROR_IN_USE);
}

int main(void) {
    memory();
    device();
    processes();
    events();
    mig();
    constants();
    return 0;
}
