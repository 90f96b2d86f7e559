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

#ifdef __cplusplus
}
#endif

#endif
