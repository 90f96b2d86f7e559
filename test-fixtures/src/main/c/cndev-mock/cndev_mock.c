/*
 * The mock libcndev.so: CNDEV's calls over the profile's machine. Every device call first passes the gate
 * (initialized? a handle the mock issued? a fault injected?); versioned structs must carry the one version the
 * profile's library accepts, else CNDEV_ERROR_UNSUPPORTED_API_VERSION, as a library older than our header does.
 */
#include "cndev_mock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

cndev_mock_machine cndev_machine;
static cndev_mock_machine scratch;
mock_runtime cndev_rt = {.tag = "cndev-mock", .env = "CNDEV_MOCK_PROFILE", .load = cndev_load_profile,
                         .machine = &cndev_machine, .scratch = &scratch, .lock = PTHREAD_MUTEX_INITIALIZER,
                         .on_load = cndev_smlu_on_load};

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

/* sMLU. A card's compute is 100 percent and its memory the profile's total; a profile is a share of both, and the
 * card holds instances while their shares add up to no more than the card and their number to no more than its
 * limit. Handles of instances are (id << 8) | card index, as Cambricon's device plugin computes them. */

cndev_mock_smlu cndev_smlu[MOCK_MAX_DEVICES];
static int smlu_generation = -1;

void cndev_smlu_on_load(void) {
    if (smlu_generation != cndev_rt.generation) {
        for (unsigned i = 0; i < MOCK_MAX_DEVICES; i++) {
            cndev_smlu[i] = cndev_machine.devices[i].smlu;
        }
        smlu_generation = cndev_rt.generation;
    }
}

static cndev_mock_smlu_profile *smlu_profile(cndev_mock_smlu *smlu, int id) {
    for (unsigned i = 0; i < smlu->profile_count; i++) {
        if (smlu->profiles[i].id == id) {
            return &smlu->profiles[i];
        }
    }
    return NULL;
}

/* How many more instances of profile p the card holds when its instances use quota and memory and number count. */
static unsigned smlu_room(const cndev_mock_device *dev, const cndev_mock_smlu *smlu, const cndev_mock_smlu_profile *p,
                          unsigned quota, unsigned long memory, unsigned count) {
    unsigned long card = (unsigned long)dev->common.memory_total_mib << 20;
    unsigned long by_quota = quota >= 100 ? 0 : (100 - quota) / p->quota;
    unsigned long by_memory = memory >= card ? 0 : (card - memory) / p->memory;
    unsigned long by_count = count >= smlu->max_instances ? 0 : smlu->max_instances - count;
    unsigned long room = by_quota < by_memory ? by_quota : by_memory;
    return (unsigned)(room < by_count ? room : by_count);
}

/* The quota, memory and number of the card's instances. */
static void smlu_usage(cndev_mock_smlu *smlu, unsigned *quota, unsigned long *memory) {
    *quota = 0;
    *memory = 0;
    for (unsigned i = 0; i < smlu->instance_count; i++) {
        const cndev_mock_smlu_profile *p = smlu_profile(smlu, smlu->instances[i].profile);
        *quota += p->quota;
        *memory += p->memory;
    }
}

cndevRet_t cndev_smlu_add_instance(const cndev_mock_device *dev, cndev_mock_smlu *smlu, int profile_id, const char *name,
                                   int *id) {
    const cndev_mock_smlu_profile *p = smlu_profile(smlu, profile_id);
    if (p == NULL || strlen(name) >= CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE) {
        return CNDEV_ERROR_INVALID_ARGUMENT;
    }
    for (unsigned i = 0; i < smlu->instance_count && name[0] != '\0'; i++) {
        if (strcmp(smlu->instances[i].name, name) == 0) {
            return CNDEV_ERROR_DUPLICATE;
        }
    }
    unsigned quota;
    unsigned long memory;
    smlu_usage(smlu, &quota, &memory);
    if (smlu_room(dev, smlu, p, quota, memory, smlu->instance_count) == 0) {
        return CNDEV_ERROR_INSUFFICIENT_SPACE;
    }
    int free_id = 1;
    for (unsigned i = 0; i < smlu->instance_count; i++) {
        if (smlu->instances[i].id == free_id) { /* taken: try the next id against every instance again */
            free_id++;
            i = (unsigned)-1;
        }
    }
    cndev_mock_smlu_instance *instance = &smlu->instances[smlu->instance_count++];
    instance->id = free_id;
    instance->profile = profile_id;
    snprintf(instance->name, sizeof instance->name, "%s", name);
    *id = free_id;
    return CNDEV_SUCCESS;
}

/* An older CNDEV (before 3.9) has no sMLU calls. */
#ifndef MOCK_OLD_LIBRARY
/* The gate of an sMLU call on a card: the device gate, then the card must be in sMLU mode. */
static cndevRet_t smlu_gate(cndev_fn fn, cndevDevice_t handle, const void *out, cndev_mock_smlu **smlu) {
    cndevRet_t rc = gate(fn, handle, out);
    if (rc != CNDEV_SUCCESS) {
        return rc;
    }
    *smlu = &cndev_smlu[handle - CNDEV_MOCK_HANDLE_BASE];
    return (*smlu)->enabled ? CNDEV_SUCCESS : CNDEV_ERROR_NOT_SUPPORTED;
}

/* The card and the instance of an instance handle; INVALID_ARGUMENT when the card has no such instance. */
static cndevRet_t smlu_instance_gate(cndev_fn fn, cndevMluInstance_t handle, const void *out, cndevDevice_t *device,
                                     cndev_mock_smlu_instance **instance) {
    cndev_mock_smlu *smlu;
    *device = CNDEV_MOCK_HANDLE_BASE + (handle & 0xff);
    cndevRet_t rc = handle < 0 ? CNDEV_ERROR_INVALID_ARGUMENT : smlu_gate(fn, *device, out, &smlu);
    if (rc != CNDEV_SUCCESS) {
        return rc == CNDEV_ERROR_INVALID_DEVICE_ID ? CNDEV_ERROR_INVALID_ARGUMENT : rc;
    }
    for (unsigned i = 0; i < smlu->instance_count; i++) {
        if (smlu->instances[i].id == handle >> 8) {
            *instance = &smlu->instances[i];
            return CNDEV_SUCCESS;
        }
    }
    return CNDEV_ERROR_INVALID_ARGUMENT;
}

static void smlu_info(cndevDevice_t device, const cndev_mock_smlu_instance *instance, cndevSMluInfo_t *info) {
    const cndev_mock_device *dev = device_of(device);
    const cndev_mock_smlu_profile *p = smlu_profile(&cndev_smlu[device - CNDEV_MOCK_HANDLE_BASE], instance->profile);
    unsigned card = dev->common.has_minor ? dev->common.minor : (unsigned)(device - CNDEV_MOCK_HANDLE_BASE);
    int version = info->version;
    memset(info, 0, sizeof *info);
    info->version = version;
    info->profileId = instance->profile;
    info->instanceId = instance->id;
    snprintf((char *)info->uuid, sizeof info->uuid, "%.24s%012x", dev->common.uuid + 4, (unsigned)instance->id);
    info->domain = (int)dev->common.pci_domain;
    info->bus = (int)dev->common.pci_bus;
    info->device = (int)dev->common.pci_device;
    info->function = (int)dev->common.pci_function;
    snprintf(info->profileName, sizeof info->profileName, "%up.%lumb", p->quota, p->memory >> 20);
    snprintf(info->instanceName, sizeof info->instanceName, "%s", instance->name);
    snprintf(info->devNodeName, sizeof info->devNodeName, "/dev/cambricon-caps/cap_dev%u_mi%d", card, instance->id);
    info->mluQuota[CNDEV_SMLU_MAX] = p->quota;
    info->memorySize[CNDEV_SMLU_MAX] = p->memory;
}

MOCK_EXPORT cndevRet_t cndevGetSMLUMode(cndevSMLUMode_t *mode, cndevDevice_t device) {
    cndevRet_t rc = gate(FN_cndevGetSMLUMode, device, mode);
    if (rc == CNDEV_SUCCESS && (rc = versioned(mode->version)) == CNDEV_SUCCESS) {
        mode->smluMode = cndev_smlu[device - CNDEV_MOCK_HANDLE_BASE].enabled ? CNDEV_FEATURE_ENABLED : CNDEV_FEATURE_DISABLED;
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetSMluProfileIdInfo(cndevSMluProfileIdInfo_t *profileId, cndevDevice_t device) {
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevGetSMluProfileIdInfo, device, profileId, &smlu);
    if (rc == CNDEV_SUCCESS && (rc = versioned(profileId->version)) == CNDEV_SUCCESS) {
        profileId->count = (int)smlu->profile_count;
        for (unsigned i = 0; i < smlu->profile_count; i++) {
            profileId->profileId[i] = smlu->profiles[i].id;
        }
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetSMluProfileInfo(cndevSMluProfileInfo_t *profileInfo, int profile, cndevDevice_t device) {
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevGetSMluProfileInfo, device, profileInfo, &smlu);
    if (rc != CNDEV_SUCCESS || (rc = versioned(profileInfo->version)) != CNDEV_SUCCESS) {
        return rc;
    }
    const cndev_mock_smlu_profile *p = smlu_profile(smlu, profile);
    if (p == NULL) {
        return CNDEV_ERROR_INVALID_ARGUMENT;
    }
    unsigned quota;
    unsigned long memory;
    smlu_usage(smlu, &quota, &memory);
    const cndev_mock_device *dev = device_of(device);
    profileInfo->profileId = p->id;
    snprintf(profileInfo->name, sizeof profileInfo->name, "%up.%lumb", p->quota, p->memory >> 20);
    profileInfo->totalCapacity = smlu_room(dev, smlu, p, 0, 0, 0);
    profileInfo->remainCapacity = smlu_room(dev, smlu, p, quota, memory, smlu->instance_count);
    profileInfo->mluQuota[CNDEV_SMLU_MAX] = p->quota;
    profileInfo->mluQuota[CNDEV_SMLU_USAGE] = 0;
    profileInfo->memorySize[CNDEV_SMLU_MAX] = p->memory;
    profileInfo->memorySize[CNDEV_SMLU_USAGE] = 0;
    return CNDEV_SUCCESS;
}

MOCK_EXPORT cndevRet_t cndevCreateSMluProfileInfo(cndevSMluSet_t *profileInfo, int *profileId, cndevDevice_t device) {
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevCreateSMluProfileInfo, device, profileInfo, &smlu);
    if (rc != CNDEV_SUCCESS || (rc = versioned(profileInfo->version)) != CNDEV_SUCCESS) {
        return rc;
    }
    unsigned long card = (unsigned long)device_of(device)->common.memory_total_mib << 20;
    if (profileId == NULL || profileInfo->mluQuota < 1 || profileInfo->mluQuota > 100 || profileInfo->memorySize == 0
            || profileInfo->memorySize > card) {
        return CNDEV_ERROR_INVALID_ARGUMENT;
    }
    if (smlu->profile_count == CNDEV_MOCK_MAX_SMLU_PROFILES) {
        return CNDEV_ERROR_INSUFFICIENT_SPACE;
    }
    cndev_mock_smlu_profile *p = &smlu->profiles[smlu->profile_count++];
    p->id = smlu->next_profile_id++;
    p->quota = profileInfo->mluQuota;
    p->memory = profileInfo->memorySize;
    *profileId = p->id;
    return CNDEV_SUCCESS;
}

MOCK_EXPORT cndevRet_t cndevDestroySMluProfileInfo(int profileId, cndevDevice_t device) {
    static const char placeholder = 0;
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevDestroySMluProfileInfo, device, &placeholder, &smlu);
    if (rc != CNDEV_SUCCESS) {
        return rc;
    }
    for (unsigned i = 0; i < smlu->instance_count; i++) {
        if (smlu->instances[i].profile == profileId) {
            return CNDEV_ERROR_IN_USE;
        }
    }
    for (unsigned i = 0; i < smlu->profile_count; i++) {
        if (smlu->profiles[i].id == profileId) {
            smlu->profiles[i] = smlu->profiles[--smlu->profile_count];
            return CNDEV_SUCCESS;
        }
    }
    return CNDEV_ERROR_INVALID_ARGUMENT;
}

MOCK_EXPORT cndevRet_t cndevCreateSMluInstanceByProfileId(cndevMluInstance_t *miHandle, unsigned int profileId,
                                                          cndevDevice_t device, char *instanceName) {
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevCreateSMluInstanceByProfileId, device, miHandle, &smlu);
    if (rc != CNDEV_SUCCESS) {
        return rc;
    }
    int id;
    rc = cndev_smlu_add_instance(device_of(device), smlu, (int)profileId, instanceName != NULL ? instanceName : "", &id);
    if (rc == CNDEV_SUCCESS) {
        *miHandle = id << 8 | (device - CNDEV_MOCK_HANDLE_BASE);
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevDestroySMluInstanceByHandle(cndevMluInstance_t miHandle) {
    static const char placeholder = 0;
    cndevDevice_t device;
    cndev_mock_smlu_instance *instance;
    cndevRet_t rc = smlu_instance_gate(FN_cndevDestroySMluInstanceByHandle, miHandle, &placeholder, &device, &instance);
    if (rc == CNDEV_SUCCESS) {
        cndev_mock_smlu *smlu = &cndev_smlu[device - CNDEV_MOCK_HANDLE_BASE];
        *instance = smlu->instances[--smlu->instance_count];
    }
    return rc;
}

MOCK_EXPORT cndevRet_t cndevGetSMluInstanceInfo(cndevSMluInfo_t *miInfo, cndevMluInstance_t miHandle) {
    cndevDevice_t device;
    cndev_mock_smlu_instance *instance;
    cndevRet_t rc = smlu_instance_gate(FN_cndevGetSMluInstanceInfo, miHandle, miInfo, &device, &instance);
    if (rc == CNDEV_SUCCESS && (rc = versioned(miInfo->version)) == CNDEV_SUCCESS) {
        smlu_info(device, instance, miInfo);
    }
    return rc;
}

/* The two-call convention, as cndevGetProcessInfo's. */
MOCK_EXPORT cndevRet_t cndevGetAllSMluInstanceInfo(int *count, cndevSMluInfo_t *miInfo, cndevDevice_t device) {
    cndev_mock_smlu *smlu;
    cndevRet_t rc = smlu_gate(FN_cndevGetAllSMluInstanceInfo, device, count, &smlu);
    if (rc != CNDEV_SUCCESS) {
        return rc;
    }
    int capacity = *count;
    *count = (int)smlu->instance_count;
    if (capacity < (int)smlu->instance_count) {
        return CNDEV_ERROR_INSUFFICIENT_SPACE;
    }
    for (unsigned i = 0; i < smlu->instance_count; i++) {
        if (miInfo == NULL || versioned(miInfo[i].version) != CNDEV_SUCCESS) {
            return miInfo == NULL ? CNDEV_ERROR_INVALID_ARGUMENT : CNDEV_ERROR_UNSUPPORTED_API_VERSION;
        }
        smlu_info(device, &smlu->instances[i], &miInfo[i]);
    }
    return CNDEV_SUCCESS;
}
#endif

/* The sMLU instances and profiles that exist now, on every card (they outlive cndevRelease). */
MOCK_EXPORT int hamiMockCndevLiveSmlus(void) {
    int n = 0;
    for (unsigned i = 0; i < MOCK_MAX_DEVICES; i++) {
        n += (int)cndev_smlu[i].instance_count;
    }
    return n;
}

MOCK_EXPORT int hamiMockCndevLiveSmluProfiles(void) {
    int n = 0;
    for (unsigned i = 0; i < MOCK_MAX_DEVICES; i++) {
        n += (int)cndev_smlu[i].profile_count;
    }
    return n;
}

MOCK_CONTROL_EXPORTS(hamiMockCndev, cndev_rt)
