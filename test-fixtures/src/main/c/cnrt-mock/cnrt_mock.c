/*
 * The mock libcnrt.so: CNRT's device calls over a machine from a JSON profile (mock_device.h's schema, without
 * the facts CNRT cannot report, plus top-level "driverVersion" and "libVersion", "MAJOR.MINOR.PATCH"). As in
 * Cambricon's library there is no init and no shutdown: every call loads the machine where none is loaded (or a
 * new profile was chosen) and the library counts as initialized once (mock_runtime.h) until a system call fails.
 * A device's "uuid" is "MLU-" and a 36-character UUID, reported as its 16 bytes. Memory is the calling thread's
 * current device's, in bytes. With -DMOCK_OLD_LIBRARY, cnrtGetDeviceProperties_V3 is not exported and the
 * unversioned call fills only the name, as CNRT 6.0 does.
 */
#include "hami/cnrt.h"
#include "mock_device.h"
#include "mock_runtime.h"

#include <stdio.h>
#include <string.h>

#define CNRT_FUNCTIONS(X) \
    X(cnrtDriverGetVersion) X(cnrtGetLibVersion) X(cnrtGetDeviceCount) X(cnrtGetDeviceProperties_V3) \
    X(cnrtGetDeviceProperties) X(cnrtDeviceGetPCIBusId) X(cnrtGetDevice) X(cnrtSetDevice) X(cnrtMemGetInfo)

typedef enum { CNRT_FUNCTIONS(MOCK_FN_ID) FN_COUNT } cnrt_fn;

typedef struct {
    mock_device common;
    unsigned char uuid[CNRT_UUID_SIZE];
} cnrt_device;

typedef struct {
    mock_machine_head head;
    cnrt_device devices[MOCK_MAX_DEVICES];
    int driver[3];
    int has_lib;
    int lib[3];
} cnrt_machine;

static const char *const function_names[FN_COUNT] = {CNRT_FUNCTIONS(MOCK_FN_NAME)};
static const mock_status_name statuses[] = {
    {"DEVICE_INVALID", cnrtErrorDeviceInvalid}, {"INIT", cnrtErrorInit}, {"NO_DEVICE", cnrtErrorNoDevice},
    {"ARGS_INVALID", cnrtErrorArgsInvalid}, {"SYS", cnrtErrorSys}, {"NOT_SUPPORT", cnrtErrorNotSupport},
    {"OPS_NOT_PERMITTED", cnrtErrorOpsNotPermitted}, {"NO_MEM", cnrtErrorNoMem}, {"DEVICE", cnrtErrorDevice},
    {"CNDRV_FUNC_CALL", cnrtErrorCndrvFuncCall}, {"CNDEV_FUNC_CALL", cnrtErrorCndevFuncCall},
    {"NO_CNRT_CONTEXT", cnrtErrorNoCnrtContext}, {"UNKNOWN", cnrtErrorUnknown},
};
static const mock_api cnrt_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

/* Members of the shared schema that no CNRT call reports: a profile that gives one describes another library. */
static const char *const unreportable[] = {"serial", "utilization", "numaNode", "minor", "healthy", NULL};

static int hex_value(char h) {
    return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
}

/* "MLU-" and 8-4-4-4-12 hex digits, into the 16 bytes CNRT reports. */
static int read_uuid(pf_ctx *c, const json_value *d, cnrt_device *dev) {
    const char *text = dev->common.uuid;
    int ok = strncmp(text, "MLU-", 4) == 0 && strlen(text) == 4 + 36;
    for (int i = 4, nibbles = 0; ok && text[i] != '\0'; i++) {
        int dash = i == 12 || i == 17 || i == 22 || i == 27;
        int v = dash ? 0 : hex_value(text[i]);
        ok = dash ? text[i] == '-' : v >= 0;
        if (ok && !dash) {
            dev->uuid[nibbles / 2] = (unsigned char)(nibbles % 2 == 0 ? v << 4 : dev->uuid[nibbles / 2] | v);
            nibbles++;
        }
    }
    return ok ? 0 : pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is not MLU- and a 36-character UUID", text);
}

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    cnrt_device *dev = &((cnrt_machine *)machine)->devices[index];
    for (const char *const *key = unreportable; *key != NULL; key++) {
        if (json_member(d, *key) != NULL) {
            return pf_bad(c, json_member(d, *key), *key, "CNRT reports no such fact: leave it out");
        }
    }
    return read_uuid(c, d, dev);
}

static int read_version(pf_ctx *c, const json_value *root, const char *key, int version[3], int *present) {
    char text[32];
    char extra;
    if (pf_string(c, root, key, text, sizeof text, present) != 0) {
        return -1;
    }
    if (*present && sscanf(text, "%d.%d.%d%c", &version[0], &version[1], &version[2], &extra) != 3) {
        return pf_bad(c, json_member(root, key), key, "\"%s\" is not MAJOR.MINOR.PATCH", text);
    }
    return 0;
}

static int read_machine(pf_ctx *c, const json_value *root, void *machine) {
    cnrt_machine *m = machine;
    int has_driver;
    return read_version(c, root, "driverVersion", m->driver, &has_driver) != 0
            || read_version(c, root, "libVersion", m->lib, &m->has_lib) != 0 ? -1 : 0;
}

static const char *const machine_keys[] = {"driverVersion", "libVersion", NULL};
static const char *const device_keys[] = {NULL};
static const mock_schema cnrt_schema = {
    &cnrt_api, sizeof(cnrt_machine), offsetof(cnrt_machine, devices), sizeof(cnrt_device),
    machine_keys, device_keys, read_device, read_machine,
};

static int load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&cnrt_schema, text, len, machine, err, errlen);
}

static cnrt_machine machine;
static cnrt_machine scratch;
static mock_runtime cnrt_rt = {.tag = "cnrt-mock", .env = "CNRT_MOCK_PROFILE", .load = load_profile,
                               .machine = &machine, .scratch = &scratch, .lock = PTHREAD_MUTEX_INITIALIZER,
                               .once = 1};
/* CNRT's current device is per host thread; 0 until the thread sets another. */
static _Thread_local int current_device;

/* The implicit init every call begins with: 0 to go on, else what the call answers (faults may be NULL). */
static cnrtRet_t implicit_init(const int *faults, cnrt_fn fn) {
    int rc = mock_rt_init(&cnrt_rt, faults, fn);
    return rc == MOCK_NO_PROFILE || rc == MOCK_BAD_PROFILE ? cnrtErrorInit : (cnrtRet_t)rc;
}

/* A call that is not about one device: the machine's fault for it. */
static cnrtRet_t system_gate(cnrt_fn fn, const void *out) {
    cnrtRet_t rc = implicit_init(machine.head.faults, fn);
    return rc != cnrtSuccess ? rc : out == NULL ? cnrtErrorArgsInvalid : cnrtSuccess;
}

static cnrt_device *device_at(int ordinal) {
    return ordinal >= 0 && (unsigned)ordinal < machine.head.device_count ? &machine.devices[ordinal] : NULL;
}

/* A call on one device: an ordinal of the machine, and the device's fault for it. */
static cnrtRet_t device_gate(cnrt_fn fn, int ordinal, const void *out) {
    cnrtRet_t rc = implicit_init(NULL, fn);
    if (rc != cnrtSuccess) {
        return rc;
    }
    const cnrt_device *dev = device_at(ordinal);
    rc = (cnrtRet_t)mock_gate_device(1, dev != NULL ? &dev->common : NULL, fn, cnrtErrorInit, cnrtErrorDeviceInvalid);
    return rc != cnrtSuccess ? rc : out == NULL ? cnrtErrorArgsInvalid : cnrtSuccess;
}

static cnrtRet_t version(cnrt_fn fn, const int value[3], int *major, int *minor, int *patch) {
    cnrtRet_t rc = system_gate(fn, major != NULL && minor != NULL ? patch : NULL);
    if (rc == cnrtSuccess) {
        *major = value[0];
        *minor = value[1];
        *patch = value[2];
    }
    return rc;
}

MOCK_EXPORT const char *cnrtGetErrorStr(cnrtRet_t error) {
    return error == cnrtSuccess ? "no error" : "mock CNRT error";
}

MOCK_EXPORT cnrtRet_t cnrtDriverGetVersion(int *major, int *minor, int *patch) {
    return version(FN_cnrtDriverGetVersion, machine.driver, major, minor, patch);
}

/* Answers "not supported" for a profile without "libVersion". */
MOCK_EXPORT cnrtRet_t cnrtGetLibVersion(int *major, int *minor, int *patch) {
    cnrtRet_t rc = version(FN_cnrtGetLibVersion, machine.lib, major, minor, patch);
    return rc == cnrtSuccess && !machine.has_lib ? cnrtErrorNotSupport : rc;
}

MOCK_EXPORT cnrtRet_t cnrtGetDeviceCount(unsigned int *pCount) {
    cnrtRet_t rc = system_gate(FN_cnrtGetDeviceCount, pCount);
    if (rc == cnrtSuccess) {
        *pCount = machine.head.device_count;
    }
    return rc;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT cnrtRet_t cnrtGetDeviceProperties_V3(cnrtDeviceProp_t *prop, int device) {
    cnrtRet_t rc = device_gate(FN_cnrtGetDeviceProperties_V3, device, prop);
    if (rc == cnrtSuccess) {
        const cnrt_device *d = device_at(device);
        memset(prop, 0, sizeof *prop);
        snprintf(prop->name, sizeof prop->name, "%s", d->common.name);
        prop->totalMem = (int)d->common.memory_total_mib;
        prop->availableGlobalMemorySize = (int)d->common.memory_total_mib;
        prop->totalGlobalMemSize = (uint64_t)d->common.memory_total_mib << 20;
        prop->pciDomainID = (int)d->common.pci_domain;
        prop->pciBusID = (int)d->common.pci_bus;
        prop->pciDeviceID = (int)d->common.pci_device;
        memcpy(prop->uuid.uuid, d->uuid, CNRT_UUID_SIZE);
    }
    return rc;
}
#endif

/* The unversioned call writes the name alone: the struct of older libraries may end right after it. */
MOCK_EXPORT cnrtRet_t cnrtGetDeviceProperties(cnrtDeviceProp_t *prop, int device) {
    cnrtRet_t rc = device_gate(FN_cnrtGetDeviceProperties, device, prop);
    if (rc == cnrtSuccess) {
        memset(prop->name, 0, sizeof prop->name);
        snprintf(prop->name, sizeof prop->name, "%s", device_at(device)->common.name);
    }
    return rc;
}

MOCK_EXPORT cnrtRet_t cnrtDeviceGetPCIBusId(char *pciBusId, int len, int device) {
    cnrtRet_t rc = device_gate(FN_cnrtDeviceGetPCIBusId, device, pciBusId);
    if (rc == cnrtSuccess) {
        const mock_device *d = &device_at(device)->common;
        char text[32];
        snprintf(text, sizeof text, "%04x:%02x:%02x.%x", d->pci_domain, d->pci_bus, d->pci_device, d->pci_function);
        rc = len > 0 && mock_copy_string(text, pciBusId, (unsigned long)len) == 0 ? cnrtSuccess : cnrtErrorArgsInvalid;
    }
    return rc;
}

MOCK_EXPORT cnrtRet_t cnrtGetDevice(int *pOrdinal) {
    cnrtRet_t rc = system_gate(FN_cnrtGetDevice, pOrdinal);
    if (rc == cnrtSuccess) {
        *pOrdinal = current_device;
    }
    return rc;
}

MOCK_EXPORT cnrtRet_t cnrtSetDevice(int ordinal) {
    static const char placeholder = 0;
    cnrtRet_t rc = device_gate(FN_cnrtSetDevice, ordinal, &placeholder);
    if (rc == cnrtSuccess) {
        current_device = ordinal;
    }
    return rc;
}

/* The calling thread's current device: its faults, its memory. */
MOCK_EXPORT cnrtRet_t cnrtMemGetInfo(size_t *free, size_t *total) {
    cnrtRet_t rc = device_gate(FN_cnrtMemGetInfo, current_device, free != NULL ? total : NULL);
    if (rc == cnrtSuccess) {
        const mock_device *d = &device_at(current_device)->common;
        *total = (size_t)d->memory_total_mib << 20;
        *free = (size_t)(d->memory_total_mib - d->memory_used_mib) << 20;
    }
    return rc;
}

MOCK_CONTROL_EXPORTS(hamiMockCnrt, cnrt_rt)
