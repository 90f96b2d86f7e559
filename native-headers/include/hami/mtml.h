/*
 * hami-java's minimal view of Moore Threads' MTML 2.2 (libmtml.so), written from the facts of the MTML 2.2
 * header (gcc, LP64; docs/vendors.md, "Moore Threads — MTML"); it is not Moore Threads' header.
 *
 * MTML is an object model of opaque pointers: a library object from mtmlLibraryInit, device objects from it,
 * and per-device sub-objects (memory, GPU) that each Init* allocates and the matching Free* releases. Note
 * mtmlDeviceGetSerialNumber, whose length comes before its buffer, unlike every other string getter.
 */
#ifndef HAMI_MTML_H
#define HAMI_MTML_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    MTML_SUCCESS = 0,
    MTML_ERROR_DRIVER_NOT_LOADED = 1,
    MTML_ERROR_DRIVER_FAILURE = 2,
    MTML_ERROR_INVALID_ARGUMENT = 3,
    MTML_ERROR_NOT_SUPPORTED = 4,
    MTML_ERROR_NO_PERMISSION = 5,
    MTML_ERROR_INSUFFICIENT_SIZE = 6,
    MTML_ERROR_NOT_FOUND = 7,
    MTML_ERROR_INSUFFICIENT_MEMORY = 8,
    MTML_ERROR_DRIVER_TOO_OLD = 9,
    MTML_ERROR_DRIVER_TOO_NEW = 10,
    MTML_ERROR_TIMEOUT = 11,
    MTML_ERROR_RESOURCE_IS_BUSY = 12,
    MTML_ERROR_UNKNOWN = 999
} MtmlReturn;

#define MTML_DEVICE_NAME_BUFFER_SIZE 32
#define MTML_DEVICE_UUID_BUFFER_SIZE 48
#define MTML_DEVICE_SERIAL_NUMBER_BUFFER_SIZE 64
#define MTML_DEVICE_PCI_SBDF_BUFFER_SIZE 32

typedef struct MtmlLibrary MtmlLibrary;
typedef struct MtmlDevice MtmlDevice;
typedef struct MtmlMemory MtmlMemory;
typedef struct MtmlGpu MtmlGpu;

/* GT/s for the speeds. */
typedef struct {
    char sbdf[MTML_DEVICE_PCI_SBDF_BUFFER_SIZE];
    unsigned int segment;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubsystemId;
    unsigned int busWidth;
    float pciMaxSpeed;
    float pciCurSpeed;
    unsigned int pciMaxWidth;
    unsigned int pciCurWidth;
    unsigned int pciMaxGen;
    unsigned int pciCurGen;
    int rsvd[6];
} MtmlPciInfo;

/*
 * Bit-fields in MTML's header, LSB first as gcc allocates them on little-endian machines: virtCap bit 0,
 * virtRole bits 1-3, mpcCap bit 4, mpcType bits 5-7, mtLinkCap bit 8. We read the word and mask.
 */
typedef struct {
    unsigned int bits;
    unsigned int rsvd;
} MtmlDeviceProperty;
#define MTML_PROPERTY_VIRT_CAP 0x1u
#define MTML_PROPERTY_MPC_CAP 0x10u
#define MTML_PROPERTY_MTLINK_CAP 0x100u

MtmlReturn mtmlLibraryInit(MtmlLibrary **lib);
MtmlReturn mtmlLibraryShutDown(MtmlLibrary *lib);
const char *mtmlErrorString(MtmlReturn result);
MtmlReturn mtmlLibraryCountDevice(const MtmlLibrary *lib, unsigned int *count);
MtmlReturn mtmlLibraryInitDeviceByIndex(const MtmlLibrary *lib, unsigned int index, MtmlDevice **dev);
MtmlReturn mtmlLibraryFreeDevice(MtmlDevice *dev);
MtmlReturn mtmlDeviceGetIndex(const MtmlDevice *dev, unsigned int *index);
MtmlReturn mtmlDeviceGetUUID(const MtmlDevice *dev, char *uuid, unsigned int length);
MtmlReturn mtmlDeviceGetName(const MtmlDevice *dev, char *name, unsigned int length);
MtmlReturn mtmlDeviceGetSerialNumber(const MtmlDevice *dev, unsigned int length, char *serialNumber);
MtmlReturn mtmlDeviceGetPciInfo(const MtmlDevice *dev, MtmlPciInfo *pci);
MtmlReturn mtmlDeviceGetProperty(const MtmlDevice *dev, MtmlDeviceProperty *prop);
MtmlReturn mtmlDeviceGetPowerUsage(const MtmlDevice *dev, unsigned int *power);
MtmlReturn mtmlDeviceInitMemory(const MtmlDevice *dev, MtmlMemory **mem);
MtmlReturn mtmlMemoryGetTotal(const MtmlMemory *mem, unsigned long long *total);
MtmlReturn mtmlMemoryGetUsed(const MtmlMemory *mem, unsigned long long *used);
MtmlReturn mtmlDeviceFreeMemory(MtmlMemory *mem);
MtmlReturn mtmlDeviceInitGpu(const MtmlDevice *dev, MtmlGpu **gpu);
MtmlReturn mtmlGpuGetUtilization(const MtmlGpu *gpu, unsigned int *utilization);
MtmlReturn mtmlDeviceFreeGpu(MtmlGpu *gpu);

#ifdef __cplusplus
}
#endif

#endif
