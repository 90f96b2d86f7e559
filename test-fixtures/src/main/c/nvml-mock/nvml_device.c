/*
 * Per-device queries. Each first asks mock_check_device, which answers for an uninitialized library,
 * a handle the mock did not issue, a lost GPU or an injected fault; facts the profile leaves out
 * answer NVML_ERROR_NOT_SUPPORTED, as a driver does for what a board lacks.
 */
#include "mock.h"

#include <string.h>

#define CHECK(fn, device, out) \
    do { \
        nvmlReturn_t rc_ = mock_check_device(device, FN_##fn); \
        if (rc_ != NVML_SUCCESS) return rc_; \
        if ((out) == NULL) return NVML_ERROR_INVALID_ARGUMENT; \
    } while (0)

static nvmlReturn_t copy_string(const char *s, char *buf, unsigned int length) {
    if (strlen(s) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    strcpy(buf, s);
    return NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length) {
    CHECK(nvmlDeviceGetUUID, device, uuid);
    return copy_string(device->uuid, uuid, length);
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    CHECK(nvmlDeviceGetName, device, name);
    return copy_string(device->name, name, length);
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetSerial(nvmlDevice_t device, char *serial, unsigned int length) {
    CHECK(nvmlDeviceGetSerial, device, serial);
    return device->has_serial ? copy_string(device->serial, serial, length) : NVML_ERROR_NOT_SUPPORTED;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetMinorNumber(nvmlDevice_t device, unsigned int *minor) {
    CHECK(nvmlDeviceGetMinorNumber, device, minor);
    *minor = device->minor;
    return NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    CHECK(nvmlDeviceGetMemoryInfo, device, memory);
    memory->total = device->memory_total;
    memory->used = device->memory_used + device->memory_reserved;
    memory->free = device->memory_total - memory->used;
    return NVML_SUCCESS;
}

#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo_v2(nvmlDevice_t device, nvmlMemory_v2_t *memory) {
    CHECK(nvmlDeviceGetMemoryInfo_v2, device, memory);
    if (memory->version != nvmlMemory_v2) {
        return NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    }
    memory->total = device->memory_total;
    memory->reserved = device->memory_reserved;
    memory->used = device->memory_used;
    memory->free = device->memory_total - device->memory_reserved - device->memory_used;
    return NVML_SUCCESS;
}
#endif

NVML_ONLY nvmlReturn_t nvmlDeviceGetBAR1MemoryInfo(nvmlDevice_t device, nvmlBAR1Memory_t *bar1) {
    CHECK(nvmlDeviceGetBAR1MemoryInfo, device, bar1);
    if (!device->has_bar1) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    bar1->bar1Total = device->bar1_total;
    bar1->bar1Used = device->bar1_used;
    bar1->bar1Free = device->bar1_total - device->bar1_used;
    return NVML_SUCCESS;
}

#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci) {
    CHECK(nvmlDeviceGetPciInfo_v3, device, pci);
    *pci = device->pci;
    return NVML_SUCCESS;
}
#endif

NVML_ONLY nvmlReturn_t nvmlDeviceGetNumaNodeId(nvmlDevice_t device, unsigned int *node) {
    CHECK(nvmlDeviceGetNumaNodeId, device, node);
    if (!device->has_numa) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *node = device->numa;
    return NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization) {
    CHECK(nvmlDeviceGetUtilizationRates, device, utilization);
    if (!device->has_utilization) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *utilization = device->utilization;
    return NVML_SUCCESS;
}

/* The two-call convention: *count too small (0 with infos NULL is the probe) answers
 * INSUFFICIENT_SIZE with *count set to what is needed. */
static nvmlReturn_t process_count(nvmlDevice_t device, unsigned int *count, const void *infos) {
    unsigned int capacity = *count;
    *count = device->process_count;
    if (capacity < device->process_count) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    return infos == NULL && device->process_count > 0 ? NVML_ERROR_INVALID_ARGUMENT : NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses(nvmlDevice_t device, unsigned int *count,
                                                             nvmlProcessInfo_v1_t *infos) {
    CHECK(nvmlDeviceGetComputeRunningProcesses, device, count);
    nvmlReturn_t rc = process_count(device, count, infos);
    for (unsigned i = 0; rc == NVML_SUCCESS && i < device->process_count; i++) {
        infos[i].pid = device->processes[i].pid;
        infos[i].usedGpuMemory = device->processes[i].used_bytes;
    }
    return rc;
}

#ifndef MOCK_NO_VERSIONED_SYMBOLS
static nvmlReturn_t processes_v2(nvmlDevice_t device, unsigned int *count, nvmlProcessInfo_t *infos) {
    nvmlReturn_t rc = process_count(device, count, infos);
    for (unsigned i = 0; rc == NVML_SUCCESS && i < device->process_count; i++) {
        const mock_process *p = &device->processes[i];
        infos[i].pid = p->pid;
        infos[i].usedGpuMemory = p->used_bytes;
        infos[i].gpuInstanceId = p->gpu_instance_id;
        infos[i].computeInstanceId = p->compute_instance_id;
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v2(nvmlDevice_t device, unsigned int *count,
                                                                nvmlProcessInfo_t *infos) {
    CHECK(nvmlDeviceGetComputeRunningProcesses_v2, device, count);
    return processes_v2(device, count, infos);
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *count,
                                                                nvmlProcessInfo_t *infos) {
    CHECK(nvmlDeviceGetComputeRunningProcesses_v3, device, count);
    return processes_v2(device, count, infos);
}
#endif

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensor,
                                                 unsigned int *temp) {
    CHECK(nvmlDeviceGetTemperature, device, temp);
    if (sensor != NVML_TEMPERATURE_GPU) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (!device->has_temperature) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *temp = device->temperature;
    return NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power) {
    CHECK(nvmlDeviceGetPowerUsage, device, power);
    if (!device->has_power) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *power = device->power;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending) {
    CHECK(nvmlDeviceGetMigMode, device, current);
    if (pending == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (!device->has_mig) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *current = device->mig_current;
    *pending = device->mig_pending;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetArchitecture(nvmlDevice_t device, nvmlDeviceArchitecture_t *arch) {
    CHECK(nvmlDeviceGetArchitecture, device, arch);
    if (!device->has_architecture) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *arch = device->architecture;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetCudaComputeCapability(nvmlDevice_t device, int *major, int *minor) {
    CHECK(nvmlDeviceGetCudaComputeCapability, device, major);
    if (minor == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (!device->has_compute_capability) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *major = device->cc_major;
    *minor = device->cc_minor;
    return NVML_SUCCESS;
}
