/*
 * The mock libcndev.so: CNDEV's calls over the profile's machine. Every device call first passes the gate
 * (initialized? a handle the mock issued? a fault injected?); versioned structs must carry the one version the
 * profile's library accepts, else CNDEV_ERROR_UNSUPPORTED_API_VERSION, as a library older than our header does.
 */
#include "cndev_mock.h"

#include <stdlib.h>
#include <string.h>

cndev_mock_machine cndev_machine;
static cndev_mock_machine scratch;
mock_runtime cndev_rt = MOCK_RUNTIME("cndev-mock", "CNDEV_MOCK_PROFILE", cndev_load_profile, &cndev_machine, &scratch);

static cndev_mock_device *device_of(cndevDevice_t handle) {
    unsigned i = (unsigned)(handle - CNDEV_MOCK_HANDLE_BASE);
    return handle >= CNDEV_MOCK_HANDLE_BASE && i < cndev_machine.head.device_count ? &cndev_machine.devices[i] : NULL;
}

/* The gate of a device call with one out-parameter: 0 to go on. */
static cndevRet_t gate(cndev_fn fn, cndevDevice_t handle, const void *out) {
    cndev_mock_device *dev = device_of(handle);
    int rc = mock_gate_device(mock_rt_initialized(&cndev_rt), dev != NULL ? &dev->common : NULL, fn,
                              CNDEV_ERROR_UNINITIALIZED, CNDEV_ERROR_INVALID_DEVICE_ID);
    return rc != 0 ? (cndevRet_t)rc : out == NULL ? CNDEV_ERROR_INVALID_ARGUMENT : CNDEV_SUCCESS;
}

static cndevRet_t versioned(int version) {
    return version == cndev_machine.api_version ? CNDEV_SUCCESS : CNDEV_ERROR_UNSUPPORTED_API_VERSION;
}

MOCK_EXPORT cndevRet_t cndevInit(int reserved) {
    (void)reserved;
    int rc = mock_rt_init(&cndev_rt, cndev_machine.head.faults, FN_cndevInit);
    return rc == MOCK_NO_PROFILE ? CNDEV_ERROR_NO_DRIVER : rc == MOCK_BAD_PROFILE ? CNDEV_ERROR_UNKNOWN : (cndevRet_t)rc;
}

MOCK_EXPORT cndevRet_t cndevRelease(void) {
    int rc = mock_gate_system(mock_rt_initialized(&cndev_rt), &cndev_machine.head, FN_cndevRelease, CNDEV_ERROR_UNINITIALIZED);
    return rc != 0 ? (cndevRet_t)rc : mock_rt_shutdown(&cndev_rt, NULL) == 0 ? CNDEV_SUCCESS : CNDEV_ERROR_UNINITIALIZED;
}

MOCK_EXPORT const char *cndevGetErrorString(cndevRet_t errorId) {
    return errorId == CNDEV_SUCCESS ? "Success" : "mock CNDEV error";
}

MOCK_EXPORT cndevRet_t cndevGetDeviceCount(cndevCardInfo_t *cardNum) {
    int rc = mock_gate_system(mock_rt_initialized(&cndev_rt), &cndev_machine.head, FN_cndevGetDeviceCount,
                              CNDEV_ERROR_UNINITIALIZED);
    if (rc != 0 || cardNum == NULL) {
        return rc != 0 ? (cndevRet_t)rc : CNDEV_ERROR_INVALID_ARGUMENT;
    }
    if (versioned(cardNum->version) != CNDEV_SUCCESS) {
        return CNDEV_ERROR_UNSUPPORTED_API_VERSION;
    }
    cardNum->number = cndev_machine.head.device_count;
    return CNDEV_SUCCESS;
}

MOCK_EXPORT cndevRet_t cndevGetDeviceHandleByIndex(int index, cndevDevice_t *handle) {
    if (!mock_rt_initialized(&cndev_rt)) {
        return CNDEV_ERROR_UNINITIALIZED;
    }
    if (handle == NULL || index < 0 || (unsigned)index >= cndev_machine.head.device_count) {
        return handle == NULL ? CNDEV_ERROR_INVALID_ARGUMENT : CNDEV_ERROR_INVALID_DEVICE_ID;
    }
    int fault = cndev_machine.devices[index].common.faults[FN_cndevGetDeviceHandleByIndex];
    if (fault != 0) {
        return (cndevRet_t)fault;
    }
    *handle = CNDEV_MOCK_HANDLE_BASE + index;
    return CNDEV_SUCCESS;
}

MOCK_EXPORT cndevRet_t cndevGetUUID(cndevUUID_t *uuidInfo, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetUUID, device, uuidInfo);
    if (rc == CNDEV_SUCCESS && (rc = versioned(uuidInfo->version)) == CNDEV_SUCCESS) {
        memcpy(uuidInfo->uuid, device_of(device)->common.uuid + 4, CNDEV_UUID_SIZE);
        uuidInfo->ncsUUID64 = 0;
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetCardSN(cndevCardSN_t *cardSN, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetCardSN, device, cardSN);
    if (rc == CNDEV_SUCCESS && (rc = versioned(cardSN->version)) == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        if (!d->has_serial) {
            return CNDEV_ERROR_NOT_SUPPORTED;
        }
        cardSN->sn = strtoul(d->serial, NULL, 16);
        cardSN->motherBoardSn = 0;
    }
    return rc;
}

/* No status to fail with: a fault or an unknown handle answers NULL, as the library does. */
MOCK_EXPORT const char *cndevGetCardNameStringByDevId(cndevDevice_t device) {
    static const char placeholder = 0;
    return gate(FN_cndevGetCardNameStringByDevId, device, &placeholder) == CNDEV_SUCCESS
            ? device_of(device)->common.name : NULL;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT cndevRet_t cndevGetMemoryUsageV2(cndevMemoryInfoV2_t *memInfo, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetMemoryUsageV2, device, memInfo);
    if (rc == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        memset(memInfo, 0, sizeof *memInfo);
        memInfo->physicalMemoryTotal = (long)d->memory_total_mib;
        memInfo->physicalMemoryUsed = (long)d->memory_used_mib;
        memInfo->globalMemory = d->memory_total_mib;
    }
    return rc;
}
#endif

MOCK_EXPORT cndevRet_t cndevGetDeviceUtilizationInfo(cndevUtilizationInfo_t *utilInfo, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetDeviceUtilizationInfo, device, utilInfo);
    if (rc == CNDEV_SUCCESS && (rc = versioned(utilInfo->version)) == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        if (!d->has_utilization) {
            return CNDEV_ERROR_NOT_SUPPORTED;
        }
        utilInfo->averageCoreUtilization = (int)d->utilization;
        for (int i = 0; i < 80; i++) {
            utilInfo->coreUtilization[i] = i < 4 ? (int)d->utilization : 0;
        }
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetPCIeInfoV2(cndevPCIeInfoV2_t *pcieInfo, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetPCIeInfoV2, device, pcieInfo);
    if (rc == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        memset(pcieInfo, 0, sizeof *pcieInfo);
        pcieInfo->vendor = 0xCABC;
        pcieInfo->domain = d->pci_domain;
        pcieInfo->bus = d->pci_bus;
        pcieInfo->device = d->pci_device;
        pcieInfo->function = d->pci_function;
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetNUMANodeIdByDevId(cndevNUMANodeId_t *numaNodeId, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetNUMANodeIdByDevId, device, numaNodeId);
    if (rc == CNDEV_SUCCESS && (rc = versioned(numaNodeId->version)) == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        numaNodeId->nodeId = d->has_numa ? (int)d->numa : -1;
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetCardHealthState(cndevCardHealthState_t *state, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetCardHealthState, device, state);
    if (rc == CNDEV_SUCCESS && (rc = versioned(state->version)) == CNDEV_SUCCESS) {
        const cndev_mock_device *d = device_of(device);
        state->health = d->common.healthy ? CNDEV_HEALTH_GOOD : 0;
        state->deviceState = d->device_state;
        state->driverState = d->driver_state;
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevDeviceGetMinorNumber(unsigned int *minorNumber, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevDeviceGetMinorNumber, device, minorNumber);
    if (rc == CNDEV_SUCCESS) {
        const mock_device *d = &device_of(device)->common;
        *minorNumber = d->has_minor ? d->minor : (unsigned)(device - CNDEV_MOCK_HANDLE_BASE);
    }
    return rc;
}

/* The two-call convention: too small a count answers INSUFFICIENT_SPACE with the count needed; every entry
 * passed must carry the accepted version. */
MOCK_EXPORT cndevRet_t cndevGetProcessInfo(unsigned int *infoCount, cndevProcessInfo_t *procInfo, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetProcessInfo, device, infoCount);
    if (rc != CNDEV_SUCCESS) {
        return rc;
    }
    const cndev_mock_device *d = device_of(device);
    unsigned capacity = *infoCount;
    *infoCount = d->process_count;
    if (capacity < d->process_count) {
        return CNDEV_ERROR_INSUFFICIENT_SPACE;
    }
    for (unsigned i = 0; i < d->process_count; i++) {
        if (procInfo == NULL || versioned(procInfo[i].version) != CNDEV_SUCCESS) {
            return procInfo == NULL ? CNDEV_ERROR_INVALID_ARGUMENT : CNDEV_ERROR_UNSUPPORTED_API_VERSION;
        }
        procInfo[i].pid = d->processes[i].pid;
        procInfo[i].physicalMemoryUsed = d->processes[i].used_kib;
        procInfo[i].virtualMemoryUsed = 0;
    }
    return CNDEV_SUCCESS;
}

MOCK_EXPORT cndevRet_t cndevGetDriverVersion(unsigned int *major, unsigned int *minor, unsigned int *build) {
    int rc = mock_gate_system(mock_rt_initialized(&cndev_rt), &cndev_machine.head, FN_cndevGetDriverVersion,
                              CNDEV_ERROR_UNINITIALIZED);
    if (rc != 0 || major == NULL || minor == NULL || build == NULL) {
        return rc != 0 ? (cndevRet_t)rc : CNDEV_ERROR_INVALID_ARGUMENT;
    }
    *major = cndev_machine.driver[0];
    *minor = cndev_machine.driver[1];
    *build = cndev_machine.driver[2];
    return CNDEV_SUCCESS;
}

MOCK_CONTROL_EXPORTS(hamiMockCndev, cndev_rt)
