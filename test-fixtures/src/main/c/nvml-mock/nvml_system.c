/*
 * The mock's life cycle and system calls: reference-counted init that loads the machine profile,
 * shutdown, versions, device count and handles, and the control functions tests call in-process.
 *
 * The profile comes from hamiMockNvmlUseProfile() when a test set one, else from the file named by
 * NVML_MOCK_PROFILE. It is read at the init that takes the count from 0 to 1 (mock_runtime.h).
 */
#include "mock.h"
#include "nvml_mock_control.h"

#include <stdint.h>
#include <string.h>

mock_machine mock;
static mock_machine scratch;        /* for validating an override without touching the live machine */
mock_runtime nvml_rt = MOCK_RUNTIME(NVML_MOCK_TAG, NVML_MOCK_ENV, mock_load_profile, &mock, &scratch);

nvmlReturn_t mock_check_system(mock_fn fn) {
    if (!mock_rt_initialized(&nvml_rt)) {
        return NVML_ERROR_UNINITIALIZED;
    }
    return (nvmlReturn_t)mock.faults[fn];
}

nvmlReturn_t mock_check_device(nvmlDevice_t device, mock_fn fn) {
    if (!mock_rt_initialized(&nvml_rt)) {
        return NVML_ERROR_UNINITIALIZED;
    }
    uintptr_t p = (uintptr_t)device, base = (uintptr_t)mock.devices;
    if (p < base || p >= base + mock.device_count * sizeof mock.devices[0] || (p - base) % sizeof mock.devices[0] != 0) {
        struct nvmlDevice_st *mig = mock_mig_device(device);
        if (mig == NULL) {
            return NVML_ERROR_INVALID_ARGUMENT;
        }
        device = mig->mig_parent; /* a MIG device shares its GPU's faults and fate */
    }
    if (device->faults[fn] != NVML_SUCCESS) {
        return (nvmlReturn_t)device->faults[fn];
    }
    return device->lost ? NVML_ERROR_GPU_IS_LOST : NVML_SUCCESS;
}

/* A profile that is missing answers DRIVER_NOT_LOADED, one that does not load UNKNOWN. */
static nvmlReturn_t init(mock_fn fn) {
    int rc = mock_rt_init(&nvml_rt, mock.faults, fn);
    return rc == MOCK_NO_PROFILE ? NVML_ERROR_DRIVER_NOT_LOADED : rc == MOCK_BAD_PROFILE ? NVML_ERROR_UNKNOWN : (nvmlReturn_t)rc;
}

NVML_ONLY nvmlReturn_t nvmlInit(void) { return init(FN_nvmlInit); }
NVML_ONLY nvmlReturn_t nvmlInitWithFlags(unsigned int flags) { (void)flags; return init(FN_nvmlInitWithFlags); }
#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlInit_v2(void) { return init(FN_nvmlInit_v2); }
#endif

MOCK_EXPORT nvmlReturn_t nvmlShutdown(void) {
    nvmlReturn_t rc = mock_check_system(FN_nvmlShutdown);
    if (rc == NVML_SUCCESS && mock_rt_shutdown(&nvml_rt, mock_events_reset) != 0) {
        rc = NVML_ERROR_UNINITIALIZED;
    }
    return rc;
}

NVML_ONLY const char *nvmlErrorString(nvmlReturn_t result) {
    return result == NVML_SUCCESS ? "Success" : result == NVML_ERROR_GPU_IS_LOST ? "GPU is lost"
            : result == NVML_ERROR_NOT_SUPPORTED ? "Not Supported" : "mock error";
}

static nvmlReturn_t copy_string(nvmlReturn_t rc, const char *s, char *buf, unsigned int length) {
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (buf == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (strlen(s) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    strcpy(buf, s);
    return NVML_SUCCESS;
}

MOCK_EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    return copy_string(mock_check_system(FN_nvmlSystemGetDriverVersion), mock.driver_version, version, length);
}

MOCK_EXPORT nvmlReturn_t nvmlSystemGetNVMLVersion(char *version, unsigned int length) {
    return copy_string(mock_check_system(FN_nvmlSystemGetNVMLVersion), mock.nvml_version, version, length);
}

static nvmlReturn_t cuda_version(mock_fn fn, int *out) {
    nvmlReturn_t rc = mock_check_system(fn);
    if (rc == NVML_SUCCESS && out == NULL) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
        *out = mock.cuda_driver_version;
    }
    return rc;
}

MOCK_EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion(int *v) { return cuda_version(FN_nvmlSystemGetCudaDriverVersion, v); }
#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlSystemGetCudaDriverVersion_v2(int *v) { return cuda_version(FN_nvmlSystemGetCudaDriverVersion_v2, v); }
#endif

static nvmlReturn_t count(mock_fn fn, unsigned int *out) {
    nvmlReturn_t rc = mock_check_system(fn);
    if (rc == NVML_SUCCESS && out == NULL) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
        *out = mock.device_count;
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetCount(unsigned int *n) { return count(FN_nvmlDeviceGetCount, n); }
#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *n) { return count(FN_nvmlDeviceGetCount_v2, n); }
#endif

/* Handle lookups succeed for a lost device (as the driver's do); injected faults still apply. */
static nvmlReturn_t handle(mock_fn fn, unsigned int index, nvmlDevice_t *out) {
    nvmlReturn_t rc = mock_check_system(fn);
    if (rc == NVML_SUCCESS && (out == NULL || index >= mock.device_count)) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS && mock.devices[index].faults[fn] != NVML_SUCCESS) {
        rc = mock.devices[index].faults[fn];
    }
    if (rc == NVML_SUCCESS) {
        *out = &mock.devices[index];
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int i, nvmlDevice_t *d) { return handle(FN_nvmlDeviceGetHandleByIndex, i, d); }
#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int i, nvmlDevice_t *d) { return handle(FN_nvmlDeviceGetHandleByIndex_v2, i, d); }
#endif

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetHandleByUUID(const char *uuid, nvmlDevice_t *device) {
    nvmlReturn_t rc = mock_check_system(FN_nvmlDeviceGetHandleByUUID);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (uuid == NULL || device == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    for (unsigned i = 0; i < mock.device_count; i++) {
        if (strcmp(mock.devices[i].uuid, uuid) == 0) {
            return handle(FN_nvmlDeviceGetHandleByUUID, i, device);
        }
    }
    for (unsigned i = 0; i < MOCK_MAX_MIG_DEVICES; i++) {
        if (mock_mig_device(&mock.mig_devices[i]) != NULL && strcmp(mock.mig_devices[i].uuid, uuid) == 0) {
            *device = &mock.mig_devices[i];
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_NOT_FOUND;
}

/* ---- control functions for tests (nvml_mock_control.h) -------------------------------------- */

MOCK_CONTROL_EXPORTS(NVML_MOCK_CONTROL(), nvml_rt)
