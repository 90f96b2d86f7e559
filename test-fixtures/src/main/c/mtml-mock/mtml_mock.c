/*
 * The mock libmtml.so: Moore Threads' MTML 2.2 object model over a machine from a JSON profile (mock_device.h's
 * schema plus "powerMw", "mpc" and "virt"). Objects come from mtml_objects.c; a call on an object first passes
 * the gate (initialized? a live object of the right kind? a fault injected on its device?). Serial numbers
 * are asked for with the length before the buffer, unlike every other string.
 */
#include "hami/mtml.h"
#include "mock_device.h"
#include "mock_runtime.h"
#include "mtml_objects.h"

#include <stdio.h>
#include <string.h>

#define MTML_FUNCTIONS(X) \
    X(mtmlLibraryInit) X(mtmlLibraryShutDown) X(mtmlLibraryCountDevice) X(mtmlLibraryInitDeviceByIndex) \
    X(mtmlLibraryFreeDevice) X(mtmlDeviceGetIndex) X(mtmlDeviceGetUUID) X(mtmlDeviceGetName) \
    X(mtmlDeviceGetSerialNumber) X(mtmlDeviceGetPciInfo) X(mtmlDeviceGetProperty) X(mtmlDeviceGetPowerUsage) \
    X(mtmlDeviceInitMemory) X(mtmlMemoryGetTotal) X(mtmlMemoryGetUsed) X(mtmlDeviceFreeMemory) \
    X(mtmlDeviceInitGpu) X(mtmlGpuGetUtilization) X(mtmlDeviceFreeGpu)

typedef enum { MTML_FUNCTIONS(MOCK_FN_ID) FN_COUNT } mtml_fn;

typedef struct {
    mock_device common;               /* minor is N of /dev/mtgpu.N, by default the index */
    unsigned int power_mw;
    int has_power, mpc, virt;
} mtml_device;

typedef struct {
    mock_machine_head head;
    mtml_device devices[MOCK_MAX_DEVICES];
} mtml_machine;

static const char *const function_names[FN_COUNT] = {MTML_FUNCTIONS(MOCK_FN_NAME)};
static const mock_status_name statuses[] = {
    {"NOT_FOUND", MTML_ERROR_NOT_FOUND}, {"DRIVER_NOT_LOADED", MTML_ERROR_DRIVER_NOT_LOADED},
    {"DRIVER_FAILURE", MTML_ERROR_DRIVER_FAILURE}, {"INVALID_ARGUMENT", MTML_ERROR_INVALID_ARGUMENT},
    {"NOT_SUPPORTED", MTML_ERROR_NOT_SUPPORTED}, {"NO_PERMISSION", MTML_ERROR_NO_PERMISSION},
    {"INSUFFICIENT_MEMORY", MTML_ERROR_INSUFFICIENT_MEMORY}, {"TIMEOUT", MTML_ERROR_TIMEOUT},
    {"RESOURCE_IS_BUSY", MTML_ERROR_RESOURCE_IS_BUSY}, {"DRIVER_TOO_OLD", MTML_ERROR_DRIVER_TOO_OLD},
    {"UNKNOWN", MTML_ERROR_UNKNOWN},
};
static const mock_api mtml_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    mtml_device *dev = &((mtml_machine *)machine)->devices[index];
    long long power;
    if (pf_int(c, d, "powerMw", 0, 2000000, &power, &dev->has_power) != 0 || pf_bool(c, d, "mpc", &dev->mpc) != 0
            || pf_bool(c, d, "virt", &dev->virt) != 0) {
        return -1;
    }
    dev->power_mw = (unsigned)power;
    if (!dev->common.has_minor) {
        dev->common.minor = index;
    }
    return 0;
}

static const char *const device_keys[] = {"powerMw", "mpc", "virt", NULL};
static const mock_schema mtml_schema = {
    &mtml_api, sizeof(mtml_machine), offsetof(mtml_machine, devices), sizeof(mtml_device), NULL, device_keys,
    read_device, NULL,
};

static int load(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&mtml_schema, text, len, machine, err, errlen);
}

static mtml_machine mt;
static mtml_machine scratch;
static mock_runtime mt_rt = MOCK_RUNTIME("mtml-mock", "MTML_MOCK_PROFILE", load, &mt, &scratch);

/* The device behind a live object of kind, or NULL with *rc set. */
static mtml_device *device_of(const void *object, mtml_obj_kind kind, mtml_fn fn, const void *out, MtmlReturn *rc) {
    unsigned index;
    int valid = mtml_obj_valid(object, kind, &index) && index < mt.head.device_count;
    *rc = (MtmlReturn)mock_gate_device(mock_rt_initialized(&mt_rt), valid ? &mt.devices[index].common : NULL, fn,
                                       MTML_ERROR_DRIVER_NOT_LOADED, MTML_ERROR_INVALID_ARGUMENT);
    if (*rc == MTML_SUCCESS && out == NULL) {
        *rc = MTML_ERROR_INVALID_ARGUMENT;
    }
    return *rc == MTML_SUCCESS ? &mt.devices[index] : NULL;
}

static MtmlReturn string_out(MtmlReturn rc, const char *s, char *buf, unsigned int length) {
    return rc != MTML_SUCCESS ? rc : mock_copy_string(s, buf, length) == 0 ? MTML_SUCCESS : MTML_ERROR_INSUFFICIENT_SIZE;
}

MOCK_EXPORT MtmlReturn mtmlLibraryInit(MtmlLibrary **lib) {
    if (lib == NULL) {
        return MTML_ERROR_INVALID_ARGUMENT;
    }
    int rc = mock_rt_init(&mt_rt, mt.head.faults, FN_mtmlLibraryInit);
    if (rc != 0) {
        return rc == MOCK_NO_PROFILE ? MTML_ERROR_DRIVER_NOT_LOADED : rc == MOCK_BAD_PROFILE ? MTML_ERROR_UNKNOWN : (MtmlReturn)rc;
    }
    *lib = mtml_obj_new(MTML_OBJ_LIBRARY, 0);
    if (*lib == NULL) {
        mock_rt_shutdown(&mt_rt, NULL);
        return MTML_ERROR_INSUFFICIENT_MEMORY;
    }
    return MTML_SUCCESS;
}

MOCK_EXPORT MtmlReturn mtmlLibraryShutDown(MtmlLibrary *lib) {
    int rc = mock_gate_system(mock_rt_initialized(&mt_rt), &mt.head, FN_mtmlLibraryShutDown, MTML_ERROR_DRIVER_NOT_LOADED);
    if (rc != 0) {
        return (MtmlReturn)rc;
    }
    if (mtml_obj_free(lib, MTML_OBJ_LIBRARY) != 0) {
        return MTML_ERROR_INVALID_ARGUMENT;
    }
    mock_rt_shutdown(&mt_rt, NULL);
    return MTML_SUCCESS;
}

MOCK_EXPORT const char *mtmlErrorString(MtmlReturn result) {
    return result == MTML_SUCCESS ? "Success" : "mock MTML error";
}

static MtmlReturn library_gate(const MtmlLibrary *lib, mtml_fn fn, const void *out) {
    int rc = mock_gate_system(mock_rt_initialized(&mt_rt), &mt.head, fn, MTML_ERROR_DRIVER_NOT_LOADED);
    return rc != 0 ? (MtmlReturn)rc : !mtml_obj_valid(lib, MTML_OBJ_LIBRARY, NULL) || out == NULL ? MTML_ERROR_INVALID_ARGUMENT
            : MTML_SUCCESS;
}

MOCK_EXPORT MtmlReturn mtmlLibraryCountDevice(const MtmlLibrary *lib, unsigned int *count) {
    MtmlReturn rc = library_gate(lib, FN_mtmlLibraryCountDevice, count);
    if (rc == MTML_SUCCESS) {
        *count = mt.head.device_count;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlLibraryInitDeviceByIndex(const MtmlLibrary *lib, unsigned int index, MtmlDevice **dev) {
    MtmlReturn rc = library_gate(lib, FN_mtmlLibraryInitDeviceByIndex, dev);
    if (rc == MTML_SUCCESS && index >= mt.head.device_count) {
        rc = MTML_ERROR_NOT_FOUND;
    }
    if (rc == MTML_SUCCESS && mt.devices[index].common.faults[FN_mtmlLibraryInitDeviceByIndex] != 0) {
        rc = (MtmlReturn)mt.devices[index].common.faults[FN_mtmlLibraryInitDeviceByIndex];
    }
    if (rc == MTML_SUCCESS && (*dev = mtml_obj_new(MTML_OBJ_DEVICE, index)) == NULL) {
        rc = MTML_ERROR_INSUFFICIENT_MEMORY;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlLibraryFreeDevice(MtmlDevice *dev) {
    return mtml_obj_free(dev, MTML_OBJ_DEVICE) == 0 ? MTML_SUCCESS : MTML_ERROR_INVALID_ARGUMENT;
}

MOCK_EXPORT MtmlReturn mtmlDeviceGetIndex(const MtmlDevice *dev, unsigned int *index) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetIndex, index, &rc);
    if (d != NULL) {
        *index = (unsigned)(d - mt.devices);
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlDeviceGetUUID(const MtmlDevice *dev, char *uuid, unsigned int length) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetUUID, uuid, &rc);
    return string_out(rc, d != NULL ? d->common.uuid : "", uuid, length);
}

MOCK_EXPORT MtmlReturn mtmlDeviceGetName(const MtmlDevice *dev, char *name, unsigned int length) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetName, name, &rc);
    return string_out(rc, d != NULL ? d->common.name : "", name, length);
}

/* Length before buffer. */
MOCK_EXPORT MtmlReturn mtmlDeviceGetSerialNumber(const MtmlDevice *dev, unsigned int length, char *serialNumber) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetSerialNumber, serialNumber, &rc);
    if (d != NULL && !d->common.has_serial) {
        return MTML_ERROR_NOT_SUPPORTED;
    }
    return string_out(rc, d != NULL ? d->common.serial : "", serialNumber, length);
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT MtmlReturn mtmlDeviceGetPciInfo(const MtmlDevice *dev, MtmlPciInfo *pci) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetPciInfo, pci, &rc);
    if (d != NULL) {
        memset(pci, 0, sizeof *pci);
        snprintf(pci->sbdf, sizeof pci->sbdf, "%04x:%02x:%02x.%x", d->common.pci_domain, d->common.pci_bus,
                 d->common.pci_device, d->common.pci_function);
        pci->segment = d->common.pci_domain;
        pci->bus = d->common.pci_bus;
        pci->device = d->common.pci_device;
        pci->pciDeviceId = 0x03001ED5;
        pci->pciMaxSpeed = pci->pciCurSpeed = 32.0f;
        pci->pciMaxWidth = pci->pciCurWidth = 16;
        pci->pciMaxGen = pci->pciCurGen = 5;
    }
    return rc;
}
#endif

MOCK_EXPORT MtmlReturn mtmlDeviceGetProperty(const MtmlDevice *dev, MtmlDeviceProperty *prop) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetProperty, prop, &rc);
    if (d != NULL) {
        prop->bits = (d->virt ? MTML_PROPERTY_VIRT_CAP : 0) | (d->mpc ? MTML_PROPERTY_MPC_CAP : 0);
        prop->rsvd = 0;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlDeviceGetPowerUsage(const MtmlDevice *dev, unsigned int *power) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, FN_mtmlDeviceGetPowerUsage, power, &rc);
    if (d != NULL && !d->has_power) {
        return MTML_ERROR_NOT_SUPPORTED;
    }
    if (d != NULL) {
        *power = d->power_mw;
    }
    return rc;
}

/* Sub-objects: memory and GPU, each allocated by its Init and freed by its Free. */
static MtmlReturn init_sub(const MtmlDevice *dev, mtml_fn fn, mtml_obj_kind kind, void **out) {
    MtmlReturn rc;
    mtml_device *d = device_of(dev, MTML_OBJ_DEVICE, fn, out, &rc);
    if (d != NULL && (*out = mtml_obj_new(kind, (unsigned)(d - mt.devices))) == NULL) {
        rc = MTML_ERROR_INSUFFICIENT_MEMORY;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlDeviceInitMemory(const MtmlDevice *dev, MtmlMemory **mem) {
    return init_sub(dev, FN_mtmlDeviceInitMemory, MTML_OBJ_MEMORY, (void **)mem);
}

MOCK_EXPORT MtmlReturn mtmlMemoryGetTotal(const MtmlMemory *mem, unsigned long long *total) {
    MtmlReturn rc;
    mtml_device *d = device_of(mem, MTML_OBJ_MEMORY, FN_mtmlMemoryGetTotal, total, &rc);
    if (d != NULL) {
        *total = d->common.memory_total_mib << 20;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlMemoryGetUsed(const MtmlMemory *mem, unsigned long long *used) {
    MtmlReturn rc;
    mtml_device *d = device_of(mem, MTML_OBJ_MEMORY, FN_mtmlMemoryGetUsed, used, &rc);
    if (d != NULL) {
        *used = d->common.memory_used_mib << 20;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlDeviceFreeMemory(MtmlMemory *mem) {
    return mtml_obj_free(mem, MTML_OBJ_MEMORY) == 0 ? MTML_SUCCESS : MTML_ERROR_INVALID_ARGUMENT;
}

MOCK_EXPORT MtmlReturn mtmlDeviceInitGpu(const MtmlDevice *dev, MtmlGpu **gpu) {
    return init_sub(dev, FN_mtmlDeviceInitGpu, MTML_OBJ_GPU, (void **)gpu);
}

MOCK_EXPORT MtmlReturn mtmlGpuGetUtilization(const MtmlGpu *gpu, unsigned int *utilization) {
    MtmlReturn rc;
    mtml_device *d = device_of(gpu, MTML_OBJ_GPU, FN_mtmlGpuGetUtilization, utilization, &rc);
    if (d != NULL && !d->common.has_utilization) {
        return MTML_ERROR_NOT_SUPPORTED;
    }
    if (d != NULL) {
        *utilization = d->common.utilization;
    }
    return rc;
}

MOCK_EXPORT MtmlReturn mtmlDeviceFreeGpu(MtmlGpu *gpu) {
    return mtml_obj_free(gpu, MTML_OBJ_GPU) == 0 ? MTML_SUCCESS : MTML_ERROR_INVALID_ARGUMENT;
}

/* Objects allocated by an Init and not yet freed by their Free: a binding's leaks. */
MOCK_EXPORT int hamiMockMtmlLiveObjects(void) {
    return mtml_obj_live();
}

MOCK_CONTROL_EXPORTS(hamiMockMtml, mt_rt)
