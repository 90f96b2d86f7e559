/*
 * The mock libmxsml.so: MetaX's MXSML over a machine from a JSON profile (mock_device.h's schema plus "brand"
 * "N"/"C"/"G", "mode", "unavailableReason" and "powerMw" [per board way]). There is no shutdown, as in
 * MetaX's library: init counts once (mock_runtime.h). mxSmlGetDeviceCount comes in the form MetaX's own
 * bindings call (the count is the return value) or, with -DMXSML_DEVICE_COUNT_BY_STATUS, in the form one port
 * declares (a status and an out-parameter); memory is in KB.
 */
#include "hami/mxsml.h"
#include "mock_device.h"
#include "mock_runtime.h"

#include <stdio.h>
#include <string.h>

#define MXSML_FUNCTIONS(X) \
    X(mxSmlInit) X(mxSmlGetDeviceCount) X(mxSmlGetDeviceInfo) X(mxSmlGetMemoryInfo) X(mxSmlGetDeviceIpUsage) \
    X(mxSmlGetBoardPowerInfo) X(mxSmlGetDeviceUnavailableReason)

typedef enum { MXSML_FUNCTIONS(MOCK_FN_ID) FN_COUNT } mxsml_fn;

#define MAX_WAYS 4

typedef struct {
    mock_device common;               /* minor is gpuId; numaNode is nodeId */
    mxSmlBrand_t brand;
    mxSmlMode_t mode;
    char unavailable[64];
    unsigned int way_count;
    unsigned int power_mw[MAX_WAYS];
} mxsml_device;

typedef struct {
    mock_machine_head head;
    mxsml_device devices[MOCK_MAX_DEVICES];
} mxsml_machine;

static const char *const function_names[FN_COUNT] = {MXSML_FUNCTIONS(MOCK_FN_NAME)};
static const mock_status_name statuses[] = {
    {"INVALID_DEVICE_ID", MXSML_INVALID_DEVICE_ID}, {"FAILURE", MXSML_FAILURE}, {"NO_DEVICE", MXSML_NO_DEVICE},
    {"OPERATION_NOT_SUPPORT", MXSML_OPERATION_NOT_SUPPORT}, {"SYSFS_ERROR", MXSML_SYSFS_ERROR},
    {"PERMISSION_DENIED", MXSML_PERMISSION_DENIED}, {"BUSY_DEVICE", MXSML_BUSY_DEVICE},
    {"LOAD_DLL_FAILURE", MXSML_LOAD_DLL_FAILURE},
};
static const mock_api mxsml_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    mxsml_device *dev = &((mxsml_machine *)machine)->devices[index];
    char brand[4] = "C";
    long long mode;
    int has_brand, has_mode, has_reason, failed;
    if (pf_string(c, d, "brand", brand, sizeof brand, &has_brand) != 0 || pf_int(c, d, "mode", 0, 2, &mode, &has_mode) != 0
            || pf_string(c, d, "unavailableReason", dev->unavailable, sizeof dev->unavailable, &has_reason) != 0) {
        return -1;
    }
    const char *brands = "?NCG";
    const char *b = strlen(brand) == 1 ? strchr(brands + 1, brand[0]) : NULL;
    if (b == NULL) {
        return pf_bad(c, json_member(d, "brand"), "brand", "\"%s\" is not N, C or G", brand);
    }
    dev->brand = (mxSmlBrand_t)(b - brands);
    dev->mode = has_mode ? (mxSmlMode_t)mode : MXSML_MODE_NONE;
    if (!dev->common.healthy && !has_reason) {
        snprintf(dev->unavailable, sizeof dev->unavailable, "unavailable");
    }
    const json_value *ways = pf_list(c, d, "powerMw", MAX_WAYS, 0, &failed);
    for (const json_value *w = ways != NULL ? ways->child : NULL; w != NULL && !failed; w = w->next) {
        if (w->type != JSON_NUMBER || !w->is_integer || w->integer < 0 || w->integer > 2000000) {
            return pf_bad(c, w, "powerMw", "expected milliwatts, up to 2000000");
        }
        dev->power_mw[dev->way_count++] = (unsigned)w->integer;
    }
    return failed;
}

static const char *const device_keys[] = {"brand", "mode", "unavailableReason", "powerMw", NULL};
static const mock_schema mxsml_schema = {
    &mxsml_api, sizeof(mxsml_machine), offsetof(mxsml_machine, devices), sizeof(mxsml_device),
    NULL, device_keys, read_device, NULL,
};

static int load(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&mxsml_schema, text, len, machine, err, errlen);
}

static mxsml_machine mx;
static mxsml_machine scratch;
static mock_runtime mx_rt = {.tag = "mxsml-mock", .env = "MXSML_MOCK_PROFILE", .load = load, .machine = &mx,
                             .scratch = &scratch, .lock = PTHREAD_MUTEX_INITIALIZER, .once = 1};

static mxSmlReturn_t gate(mxsml_fn fn, unsigned int id, const void *out) {
    mxsml_device *d = id < mx.head.device_count ? &mx.devices[id] : NULL;
    int rc = mock_gate_device(mock_rt_initialized(&mx_rt), d != NULL ? &d->common : NULL, fn, MXSML_FAILURE,
                              MXSML_INVALID_DEVICE_ID);
    return rc != 0 ? (mxSmlReturn_t)rc : out == NULL ? MXSML_INVALID_INPUT : MXSML_SUCCESS;
}

MOCK_EXPORT mxSmlReturn_t mxSmlInit(void) {
    int rc = mock_rt_init(&mx_rt, mx.head.faults, FN_mxSmlInit);
    return rc == MOCK_NO_PROFILE ? MXSML_NO_DEVICE : rc == MOCK_BAD_PROFILE ? MXSML_FAILURE : (mxSmlReturn_t)rc;
}

MOCK_EXPORT const char *mxSmlGetErrorString(mxSmlReturn_t result) {
    return result == MXSML_SUCCESS ? "Success" : "mock MXSML error";
}

#ifdef MXSML_DEVICE_COUNT_BY_STATUS
MOCK_EXPORT mxSmlReturn_t mxSmlGetDeviceCount(unsigned int *count) {
    int rc = mock_gate_system(mock_rt_initialized(&mx_rt), &mx.head, FN_mxSmlGetDeviceCount, MXSML_FAILURE);
    if (rc != 0 || count == NULL) {
        return rc != 0 ? (mxSmlReturn_t)rc : MXSML_INVALID_INPUT;
    }
    *count = mx.head.device_count;
    return MXSML_SUCCESS;
}
#else
/* No status to fail with: an uninitialized library has no devices. */
MOCK_EXPORT unsigned int mxSmlGetDeviceCount(void) {
    return mock_rt_initialized(&mx_rt) ? mx.head.device_count : 0;
}
#endif

MOCK_EXPORT mxSmlReturn_t mxSmlGetDeviceInfo(unsigned int id, mxSmlDeviceInfo_t *info) {
    mxSmlReturn_t rc = gate(FN_mxSmlGetDeviceInfo, id, info);
    if (rc == MXSML_SUCCESS) {
        const mxsml_device *d = &mx.devices[id];
        memset(info, 0, sizeof *info);
        info->deviceId = id;
        snprintf(info->bdfId, sizeof info->bdfId, "%04x:%02x:%02x.%x", d->common.pci_domain, d->common.pci_bus,
                 d->common.pci_device, d->common.pci_function);
        info->gpuId = d->common.has_minor ? d->common.minor : id;
        info->nodeId = d->common.has_numa ? d->common.numa : 0xFFFFFFFFu;
        snprintf(info->uuid, sizeof info->uuid, "%s", d->common.uuid);
        info->brand = d->brand;
        info->mode = d->mode;
        snprintf(info->deviceName, sizeof info->deviceName, "%s", d->common.name);
    }
    return rc;
}

MOCK_EXPORT mxSmlReturn_t mxSmlGetMemoryInfo(unsigned int id, mxSmlMemoryInfo_t *info) {
    mxSmlReturn_t rc = gate(FN_mxSmlGetMemoryInfo, id, info);
    if (rc == MXSML_SUCCESS) {
        const mock_device *d = &mx.devices[id].common;
        memset(info, 0, sizeof *info);
        info->vramTotal = (long)(d->memory_total_mib * 1024);
        info->vramUse = (long)(d->memory_used_mib * 1024);
        info->visVramTotal = 256 * 1024;
    }
    return rc;
}

/* XCORE on C- and G-class parts, DLA on N-class ones; the other IPs report 0. */
MOCK_EXPORT mxSmlReturn_t mxSmlGetDeviceIpUsage(unsigned int id, mxSmlUsageIp_t ip, int *usage) {
    mxSmlReturn_t rc = gate(FN_mxSmlGetDeviceIpUsage, id, usage);
    if (rc == MXSML_SUCCESS) {
        const mxsml_device *d = &mx.devices[id];
        mxSmlUsageIp_t compute = d->brand == MXSML_BRAND_N ? MXSML_USAGE_DLA : MXSML_USAGE_XCORE;
        if (ip == compute && !d->common.has_utilization) {
            return MXSML_OPERATION_NOT_SUPPORT;
        }
        *usage = ip == compute ? (int)d->common.utilization : 0;
    }
    return rc;
}

/* The two-call convention: a count too small answers INSUFFICIENT_SIZE with the count needed. */
MOCK_EXPORT mxSmlReturn_t mxSmlGetBoardPowerInfo(unsigned int id, unsigned int *count, mxSmlBoardWayElectricInfo_t *info) {
    mxSmlReturn_t rc = gate(FN_mxSmlGetBoardPowerInfo, id, count);
    if (rc != MXSML_SUCCESS) {
        return rc;
    }
    const mxsml_device *d = &mx.devices[id];
    unsigned capacity = *count;
    *count = d->way_count;
    if (capacity < d->way_count || (info == NULL && d->way_count > 0)) {
        return MXSML_INSUFFICIENT_SIZE;
    }
    for (unsigned w = 0; w < d->way_count; w++) {
        info[w] = (mxSmlBoardWayElectricInfo_t){12000, d->power_mw[w] / 12, d->power_mw[w]};
    }
    return MXSML_SUCCESS;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT mxSmlReturn_t mxSmlGetDeviceUnavailableReason(unsigned int id, mxSmlDeviceUnavailableReason_t *reason) {
    mxSmlReturn_t rc = gate(FN_mxSmlGetDeviceUnavailableReason, id, reason);
    if (rc == MXSML_SUCCESS) {
        const mxsml_device *d = &mx.devices[id];
        memset(reason, 0, sizeof *reason);
        reason->unavailableCode = d->common.healthy ? 0 : 1;
        snprintf(reason->unavailableReason, sizeof reason->unavailableReason, "%s", d->common.healthy ? "" : d->unavailable);
    }
    return rc;
}
#endif

MOCK_CONTROL_EXPORTS(hamiMockMxsml, mx_rt)
