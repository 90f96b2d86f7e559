/*
 * The mock's life cycle and system calls: reference-counted init that loads the machine profile,
 * shutdown, versions, device count and handles, and the control functions tests call in-process.
 *
 * The profile comes from hamiMockNvmlUseProfile() when a test set one, else from the file named by
 * NVML_MOCK_PROFILE. It is read at the init that takes the count from 0 to 1.
 */
#include "json.h"
#include "mock.h"
#include "nvml_mock_control.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

mock_machine mock;
atomic_int mock_refcount;
pthread_mutex_t mock_lock = PTHREAD_MUTEX_INITIALIZER;

static char *profile_override;      /* owned copy of the text given to hamiMockNvmlUseProfile */
static char last_error[MOCK_ERROR_SIZE];
static mock_machine scratch;        /* for validating an override without touching the live machine */

nvmlReturn_t mock_check_system(mock_fn fn) {
    if (atomic_load_explicit(&mock_refcount, memory_order_acquire) == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    return mock.faults[fn] != NVML_SUCCESS ? mock.faults[fn] : NVML_SUCCESS;
}

nvmlReturn_t mock_check_device(nvmlDevice_t device, mock_fn fn) {
    if (atomic_load_explicit(&mock_refcount, memory_order_acquire) == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    uintptr_t p = (uintptr_t)device, base = (uintptr_t)mock.devices;
    if (p < base || p >= base + mock.device_count * sizeof mock.devices[0] || (p - base) % sizeof mock.devices[0] != 0) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->faults[fn] != NVML_SUCCESS) {
        return device->faults[fn];
    }
    return device->lost ? NVML_ERROR_GPU_IS_LOST : NVML_SUCCESS;
}

/* Reads at most JSON_MAX_TEXT + 1 bytes, so that a larger file is reported as too large. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return NULL;
    }
    char *buf = malloc(JSON_MAX_TEXT + 2);
    *len = buf != NULL ? fread(buf, 1, JSON_MAX_TEXT + 1, f) : 0;
    int failed = buf == NULL || ferror(f);
    fclose(f);
    if (failed) {
        snprintf(err, errlen, "cannot read");
        free(buf);
        return NULL;
    }
    return buf;
}

/* Loads the machine; on failure records and prints one line naming the profile. Lock held. */
static nvmlReturn_t load_machine(void) {
    char err[MOCK_ERROR_SIZE - 128];
    const char *source = "profile set in-process";
    int rc;
    if (profile_override != NULL) {
        rc = mock_load_profile(profile_override, strlen(profile_override), &mock, err, sizeof err);
    } else {
        source = getenv("NVML_MOCK_PROFILE");
        if (source == NULL || source[0] == '\0') {
            snprintf(last_error, sizeof last_error,
                     "nvml-mock: no machine profile: set NVML_MOCK_PROFILE to a JSON profile file");
            fprintf(stderr, "%s\n", last_error);
            return NVML_ERROR_DRIVER_NOT_LOADED;
        }
        size_t len;
        char *text = read_file(source, &len, err, sizeof err);
        rc = text == NULL ? -1 : mock_load_profile(text, len, &mock, err, sizeof err);
        free(text);
    }
    if (rc != 0) {
        snprintf(last_error, sizeof last_error, "nvml-mock: profile %s: %s", source, err);
        fprintf(stderr, "%s\n", last_error);
        memset(&mock, 0, sizeof mock);
        return NVML_ERROR_UNKNOWN;
    }
    return NVML_SUCCESS;
}

static nvmlReturn_t init(mock_fn fn) {
    pthread_mutex_lock(&mock_lock);
    nvmlReturn_t rc = NVML_SUCCESS;
    if (atomic_load(&mock_refcount) == 0) {
        rc = load_machine();
    }
    if (rc == NVML_SUCCESS && mock.faults[fn] != NVML_SUCCESS) {
        rc = mock.faults[fn];
    }
    if (rc == NVML_SUCCESS) {
        atomic_fetch_add_explicit(&mock_refcount, 1, memory_order_release);
    }
    pthread_mutex_unlock(&mock_lock);
    return rc;
}

MOCK_EXPORT nvmlReturn_t nvmlInit(void) { return init(FN_nvmlInit); }
MOCK_EXPORT nvmlReturn_t nvmlInitWithFlags(unsigned int flags) { (void)flags; return init(FN_nvmlInitWithFlags); }
#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlInit_v2(void) { return init(FN_nvmlInit_v2); }
#endif

MOCK_EXPORT nvmlReturn_t nvmlShutdown(void) {
    pthread_mutex_lock(&mock_lock);
    nvmlReturn_t rc = mock_check_system(FN_nvmlShutdown);
    if (rc == NVML_SUCCESS && atomic_fetch_sub(&mock_refcount, 1) == 1) {
        mock_events_reset();
    }
    pthread_mutex_unlock(&mock_lock);
    return rc;
}

MOCK_EXPORT const char *nvmlErrorString(nvmlReturn_t result) {
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

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetCount(unsigned int *n) { return count(FN_nvmlDeviceGetCount, n); }
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

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int i, nvmlDevice_t *d) { return handle(FN_nvmlDeviceGetHandleByIndex, i, d); }
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
    return NVML_ERROR_NOT_FOUND;
}

/* ---- control functions for tests (nvml_mock_control.h) -------------------------------------- */

MOCK_EXPORT int hamiMockNvmlUseProfile(const char *json) {
    pthread_mutex_lock(&mock_lock);
    int rc = NVML_SUCCESS;
    if (atomic_load(&mock_refcount) > 0) {
        snprintf(last_error, sizeof last_error, "nvml-mock: cannot change the profile while NVML is initialized");
        rc = NVML_ERROR_IN_USE;
    } else if (json == NULL) {
        free(profile_override);
        profile_override = NULL;
    } else {
        char err[MOCK_ERROR_SIZE - 64];
        if (mock_load_profile(json, strlen(json), &scratch, err, sizeof err) != 0) {
            snprintf(last_error, sizeof last_error, "nvml-mock: profile set in-process: %s", err);
            rc = NVML_ERROR_INVALID_ARGUMENT;
        } else {
            free(profile_override);
            profile_override = strdup(json);
            rc = profile_override != NULL ? NVML_SUCCESS : NVML_ERROR_MEMORY;
        }
    }
    pthread_mutex_unlock(&mock_lock);
    return rc;
}

MOCK_EXPORT int hamiMockNvmlLastError(char *buf, unsigned int length) {
    if (buf == NULL || length == 0) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_lock(&mock_lock);
    snprintf(buf, length, "%s", last_error);
    pthread_mutex_unlock(&mock_lock);
    return NVML_SUCCESS;
}

MOCK_EXPORT int hamiMockNvmlInitCount(void) {
    return atomic_load(&mock_refcount);
}
