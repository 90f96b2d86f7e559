/*
 * The mock libcndev.so's state: a machine from a JSON profile (mock_device.h's schema plus CNDEV's own
 * members), handles that are not indices, and the struct version the library accepts.
 */
#ifndef CNDEV_MOCK_H
#define CNDEV_MOCK_H

#include "hami/cndev.h"
#include "mock_device.h"
#include "mock_runtime.h"

#define CNDEV_FUNCTIONS(X) \
    X(cndevInit) X(cndevRelease) X(cndevGetDeviceCount) X(cndevGetDeviceHandleByIndex) X(cndevGetUUID) \
    X(cndevGetCardSN) X(cndevGetCardNameStringByDevId) X(cndevGetMemoryUsageV2) X(cndevGetDeviceUtilizationInfo) \
    X(cndevGetPCIeInfoV2) X(cndevGetNUMANodeIdByDevId) X(cndevGetCardHealthState) X(cndevDeviceGetMinorNumber) \
    X(cndevGetProcessInfo) X(cndevGetDriverVersion) X(cndevGetSMLUMode) X(cndevGetSMluProfileIdInfo) \
    X(cndevGetSMluProfileInfo) X(cndevCreateSMluProfileInfo) X(cndevDestroySMluProfileInfo) \
    X(cndevCreateSMluInstanceByProfileId) X(cndevDestroySMluInstanceByHandle) X(cndevGetSMluInstanceInfo) \
    X(cndevGetAllSMluInstanceInfo)

typedef enum { CNDEV_FUNCTIONS(MOCK_FN_ID) FN_COUNT } cndev_fn;

/* Handles are 0x100 + index, so that a binding that passes an index where a handle belongs is caught. */
#define CNDEV_MOCK_HANDLE_BASE 0x100
#define CNDEV_MOCK_MAX_PROCESSES 32

typedef struct {
    unsigned int pid;
    unsigned long used_kib;
} cndev_mock_process;

/* A card's sMLU state: whether it is in sMLU mode, its profiles and its instances. The profile gives the state the
 * card starts with; the live state (cndev_smlu) outlives cndevRelease, as the driver's does, until a profile is
 * chosen again. */
#define CNDEV_MOCK_MAX_SMLU_PROFILES 16
#define CNDEV_MOCK_MAX_SMLU_INSTANCES 32
#define CNDEV_MOCK_DEFAULT_SMLU_INSTANCES 8

typedef struct {
    int id;
    unsigned quota;             /* percent */
    unsigned long memory;       /* bytes */
} cndev_mock_smlu_profile;

typedef struct {
    int id;                     /* 1, 2, ...: the lowest free */
    int profile;                /* the id of its profile */
    char name[CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE];
} cndev_mock_smlu_instance;

typedef struct {
    int enabled;
    unsigned max_instances;
    unsigned profile_count, instance_count;
    int next_profile_id;
    cndev_mock_smlu_profile profiles[CNDEV_MOCK_MAX_SMLU_PROFILES];
    cndev_mock_smlu_instance instances[CNDEV_MOCK_MAX_SMLU_INSTANCES];
} cndev_mock_smlu;

typedef struct {
    mock_device common;
    cndev_mock_smlu smlu;             /* the state the profile gives */
    int device_state, driver_state;
    unsigned int process_count;
    cndev_mock_process processes[CNDEV_MOCK_MAX_PROCESSES];
} cndev_mock_device;

typedef struct {
    mock_machine_head head;
    cndev_mock_device devices[MOCK_MAX_DEVICES];
    int api_version;                  /* the one struct version this library accepts */
    unsigned int driver[3];
} cndev_mock_machine;

extern cndev_mock_machine cndev_machine;
extern cndev_mock_smlu cndev_smlu[MOCK_MAX_DEVICES];
extern mock_runtime cndev_rt;
extern const mock_schema cndev_schema;

/* Adds an instance of profile profile_id named name to smlu, the state of card dev, when it fits (the card's
 * compute and memory, its instance limit, a name not yet used); its id in *id. A CNDEV status. */
cndevRet_t cndev_smlu_add_instance(const cndev_mock_device *dev, cndev_mock_smlu *smlu, int profile_id, const char *name,
                                   int *id);

/* Makes the profile's sMLU state live when the profile is a new one (on_load of the runtime). */
void cndev_smlu_on_load(void);

int cndev_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen);

#endif
