/*
 * hami-java's minimal view of Cambricon's CNDEV (libcndev.so): only the types, constants, structs and functions
 * our bindings call and our C mock implements, written from the facts of the vendor header that Cambricon's
 * device plugin v2.0.21 ships (gcc, LP64; docs/vendors.md, "Cambricon — CNDEV"); it is not Cambricon's header.
 *
 * Devices are addressed by int handles, never pointers. Most structs begin with an int version that the
 * caller sets (we always ask with CNDEV_VERSION_6, as Cambricon's device plugin does); a library that does not
 * know the version answers CNDEV_ERROR_UNSUPPORTED_API_VERSION. The V2 structs carry no version. Versions of
 * functions are spelled into their names (cndevGetMemoryUsageV2); there are no ELF aliases.
 */
#ifndef HAMI_CNDEV_H
#define HAMI_CNDEV_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    CNDEV_SUCCESS = 0,
    CNDEV_ERROR_NO_DRIVER = 1,
    CNDEV_ERROR_LOW_DRIVER_VERSION = 2,
    CNDEV_ERROR_UNSUPPORTED_API_VERSION = 3,
    CNDEV_ERROR_UNINITIALIZED = 4,
    CNDEV_ERROR_INVALID_ARGUMENT = 5,
    CNDEV_ERROR_INVALID_DEVICE_ID = 6,
    CNDEV_ERROR_UNKNOWN = 7,
    CNDEV_ERROR_MALLOC = 8,
    CNDEV_ERROR_INSUFFICIENT_SPACE = 9,
    CNDEV_ERROR_NOT_SUPPORTED = 10,
    CNDEV_ERROR_INVALID_LINK = 11,
    CNDEV_ERROR_NO_DEVICES = 12,
    CNDEV_ERROR_NO_PERMISSION = 13,
    CNDEV_ERROR_NOT_FOUND = 14,
    CNDEV_ERROR_IN_USE = 15,
    CNDEV_ERROR_DUPLICATE = 16,
    CNDEV_ERROR_TIMEOUT = 17,
    CNDEV_ERROR_IN_PROBLEM = 18
} cndevRet_t;

typedef int cndevDevice_t;

#define CNDEV_VERSION_6 6
#define CNDEV_UUID_SIZE 37
#define CNDEV_NAME_BUFFER_SIZE 200

/* Health: cndevCardHealthState_t.health, and the driver state that means it is running. */
#define CNDEV_HEALTH_GOOD 1
#define CNDEV_DRIVER_STATE_RUNNING 4

typedef struct {
    int version;
    unsigned int number;
} cndevCardInfo_t;

typedef struct {
    int version;
    unsigned char uuid[CNDEV_UUID_SIZE];
    unsigned long ncsUUID64;
} cndevUUID_t;

typedef struct {
    int version;
    unsigned long sn;
    unsigned long motherBoardSn;
} cndevCardSN_t;

/* MB; no version field. */
typedef struct {
    long physicalMemoryTotal;
    long physicalMemoryUsed;
    long reservedMemory;
    long virtualMemoryTotal;
    long virtualMemoryUsed;
    unsigned long globalMemory;
    unsigned long reserved[16];
} cndevMemoryInfoV2_t;

typedef struct {
    int version;
    int averageCoreUtilization;
    int coreUtilization[80];
} cndevUtilizationInfo_t;

/* No version field. */
typedef struct {
    unsigned int subsystemId;
    unsigned int deviceId;
    unsigned short vendor;
    unsigned short subsystemVendor;
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int function;
    unsigned short moduleId;
    unsigned short slotId;
    unsigned int reserved[8];
} cndevPCIeInfoV2_t;

typedef struct {
    int version;
    int nodeId;
} cndevNUMANodeId_t;

typedef struct {
    int version;
    int health;
    int deviceState;
    int driverState;
} cndevCardHealthState_t;

/* KiB; the caller sets version in every element it passes. */
typedef struct {
    int version;
    unsigned int pid;
    unsigned long physicalMemoryUsed;
    unsigned long virtualMemoryUsed;
} cndevProcessInfo_t;

/* sMLU: a card in sMLU mode is shared by instances, each made from a profile (a share of the card's compute, in
 * percent, and of its memory, in bytes). An instance handle packs the instance id and the card index as
 * (instanceId << 8) | index (Cambricon's device plugin computes handles so); it is an int, like a device handle. */
typedef int cndevMluInstance_t;
#define CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE 100
#define CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE 100
#define CNDEV_SMLU_MAX_PROFILES 128
/* Indexes of the two-entry arrays of the sMLU structs: [0] the limit, [1] the usage (reserved in profiles). */
#define CNDEV_SMLU_MAX 0
#define CNDEV_SMLU_USAGE 1
#define CNDEV_SMLU_ITEM_COUNT 2
#define CNDEV_FEATURE_DISABLED 0
#define CNDEV_FEATURE_ENABLED 1

typedef struct {
    int version;
    int smluMode; /* CNDEV_FEATURE_ENABLED or _DISABLED (an enum in Cambricon's header, 4 bytes) */
} cndevSMLUMode_t;

/* What cndevCreateSMluProfileInfo makes. */
typedef struct {
    int version;
    unsigned int mluQuota;     /* percent of the card's compute */
    unsigned long memorySize;  /* bytes */
} cndevSMluSet_t;

typedef struct {
    int version;
    int profileId;
    int instanceId;
    unsigned char uuid[CNDEV_UUID_SIZE];
    int domain;
    int bus;
    int device;
    int function;
    char profileName[CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE];
    char instanceName[CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE];
    char devNodeName[CNDEV_MLUINSTANCE_DEVICE_NODE_NAME_BUFFER_SIZE]; /* e.g. /dev/cambricon-caps/cap_dev0_mi1 */
    unsigned int mluQuota[CNDEV_SMLU_ITEM_COUNT];
    unsigned long memorySize[CNDEV_SMLU_ITEM_COUNT];
    unsigned int reserved[128];
} cndevSMluInfo_t;

/* The ids of a card's profiles: the first count entries of profileId. */
typedef struct {
    int version;
    int count;
    int profileId[CNDEV_SMLU_MAX_PROFILES];
} cndevSMluProfileIdInfo_t;

typedef struct {
    int version;
    int profileId;
    char name[CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE];
    unsigned int totalCapacity;   /* instances of this profile the card holds when it holds no other */
    unsigned int remainCapacity;  /* instances of this profile that can still be made */
    unsigned int mluQuota[CNDEV_SMLU_ITEM_COUNT];
    unsigned long memorySize[CNDEV_SMLU_ITEM_COUNT];
} cndevSMluProfileInfo_t;

cndevRet_t cndevInit(int reserved);
cndevRet_t cndevRelease(void);
const char *cndevGetErrorString(cndevRet_t errorId);
cndevRet_t cndevGetDeviceCount(cndevCardInfo_t *cardNum);
cndevRet_t cndevGetDeviceHandleByIndex(int index, cndevDevice_t *handle);
cndevRet_t cndevGetUUID(cndevUUID_t *uuidInfo, cndevDevice_t device);
cndevRet_t cndevGetCardSN(cndevCardSN_t *cardSN, cndevDevice_t device);
/* A static string owned by the library, e.g. "MLU370-X8"; NULL for an unknown handle. */
const char *cndevGetCardNameStringByDevId(cndevDevice_t device);
cndevRet_t cndevGetMemoryUsageV2(cndevMemoryInfoV2_t *memInfo, cndevDevice_t device);
cndevRet_t cndevGetDeviceUtilizationInfo(cndevUtilizationInfo_t *utilInfo, cndevDevice_t device);
cndevRet_t cndevGetPCIeInfoV2(cndevPCIeInfoV2_t *pcieInfo, cndevDevice_t device);
cndevRet_t cndevGetNUMANodeIdByDevId(cndevNUMANodeId_t *numaNodeId, cndevDevice_t device);
cndevRet_t cndevGetCardHealthState(cndevCardHealthState_t *cardHealthState, cndevDevice_t device);
cndevRet_t cndevDeviceGetMinorNumber(unsigned int *minorNumber, cndevDevice_t device);
/* In/out count; too small answers CNDEV_ERROR_INSUFFICIENT_SPACE with the count needed. */
cndevRet_t cndevGetProcessInfo(unsigned int *infoCount, cndevProcessInfo_t *procInfo, cndevDevice_t device);
cndevRet_t cndevGetDriverVersion(unsigned int *major, unsigned int *minor, unsigned int *build);

/* sMLU (CNDEV 3.9 and later); an older library lacks the symbols. */
cndevRet_t cndevGetSMLUMode(cndevSMLUMode_t *mode, cndevDevice_t device);
cndevRet_t cndevGetSMluProfileIdInfo(cndevSMluProfileIdInfo_t *profileId, cndevDevice_t device);
cndevRet_t cndevGetSMluProfileInfo(cndevSMluProfileInfo_t *profileInfo, int profile, cndevDevice_t device);
cndevRet_t cndevCreateSMluProfileInfo(cndevSMluSet_t *profileInfo, int *profileId, cndevDevice_t device);
cndevRet_t cndevDestroySMluProfileInfo(int profileId, cndevDevice_t device);
cndevRet_t cndevCreateSMluInstanceByProfileId(cndevMluInstance_t *miHandle, unsigned int profileId,
                                              cndevDevice_t device, char *instanceName);
cndevRet_t cndevDestroySMluInstanceByHandle(cndevMluInstance_t miHandle);
cndevRet_t cndevGetSMluInstanceInfo(cndevSMluInfo_t *miInfo, cndevMluInstance_t miHandle);
/* In/out count; too small answers CNDEV_ERROR_INSUFFICIENT_SPACE with the count needed. */
cndevRet_t cndevGetAllSMluInstanceInfo(int *count, cndevSMluInfo_t *miInfo, cndevDevice_t device);

#ifdef __cplusplus
}
#endif

#endif
