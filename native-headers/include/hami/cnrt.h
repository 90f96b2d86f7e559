/*
 * hami-java's minimal view of Cambricon's runtime library CNRT (libcnrt.so), the API of CNRT 5 and later
 * (CNToolkit): only the types, constants, structs and functions our bindings call and our C mock implements,
 * written from the facts of the vendor header that CNRT 6.14.1 ships and of CNRT 6.0.2's (gcc, LP64;
 * docs/vendors.md, "Cambricon — CNRT"); it is not Cambricon's header.
 *
 * CNRT is the discovery of last resort for Cambricon, where CNDEV is not installed. It has no init and no
 * shutdown: the library initializes itself at its first call. Devices are ordinals 0..count-1. Memory is
 * reported for the calling thread's current device (cnrtSetDevice), in bytes. CNRT 4 (cnrtInit, cnrtGetMemInfo
 * with a channel) is another API, not described here.
 */
#ifndef HAMI_CNRT_H
#define HAMI_CNRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    cnrtSuccess = 0,
    cnrtErrorNotReady = 1,
    cnrtErrorInit = 100002,
    cnrtErrorNoDevice = 100004,
    cnrtErrorDeviceInvalid = 100005,
    cnrtErrorArgsInvalid = 100006,
    cnrtErrorSys = 100007,
    cnrtErrorSysNoMem = 100010,
    cnrtErrorInvalidResourceHandle = 100014,
    cnrtErrorIllegalState = 100015,
    cnrtErrorNotSupport = 100050,
    cnrtErrorOpsNotPermitted = 100051,
    cnrtErrorQueue = 100060,
    cnrtErrorNoMem = 100100,
    cnrtErrorAssert = 100128,
    cnrtErrorKernelTrap = 100132,
    cnrtErrorKernelUserTrap = 100133,
    cnrtErrorNotFound = 100301,
    cnrtErrorInvalidKernel = 100302,
    cnrtErrorUnsupportedKernelVersion = 100303,
    cnrtErrorQueueCaptureUnsupported = 100360,
    cnrtErrorQueueCaptureInvalidated = 100361,
    cnrtErrorQueueCaptureWrongThread = 100362,
    cnrtErrorQueueCaptureMerged = 100363,
    cnrtErrorQueueCaptureUnjoined = 100364,
    cnrtErrorQueueCaptureIsolation = 100365,
    cnrtErrorQueueCaptureUnmatched = 100366,
    cnrtErrorTaskTopoEntityUpdateFailure = 100400,
    cnrtErrorNoKernel = 101312,
    cnrtErrorNoModule = 101315,
    cnrtErrorSetOnActiveProcess = 632002,
    cnrtErrorDevice = 632006,
    cnrtErrorNoAttribute = 632009,
    cnrtErrorMemcpyDirectionInvalid = 632013,
    cnrtErrorBusy = 632014,
    cnrtErrorCndrvFuncCall = 632015,
    cnrtErrorCndevFuncCall = 632017,
    cnrtErrorNoCnrtContext = 632019,
    cnrtErrorCndrvFuncNotFound = 632020,
    cnrtErrorInvalidSymbol = 632100,
    cnrtErrorUnknown = 999991
} cnrtRet_t;

#define CNRT_DEVICE_NAME_SIZE 256
#define CNRT_UUID_SIZE 16

/* 16 raw bytes, not text. */
typedef struct cnrtUUID_st {
    char uuid[CNRT_UUID_SIZE];
} cnrtUUID_t;

/*
 * CNRT 6.14's device properties (struct cnrtDeviceProp_V3), filled by cnrtGetDeviceProperties_V3. Every member
 * is here, in order, so that the layout is the library's; we read name, totalMem (MB), the PCI ids,
 * uuid and totalGlobalMemSize (bytes). The unversioned cnrtGetDeviceProperties of older libraries fills a struct
 * that begins with the same name[256] (CNRT 6.0's held nothing else): we read only the name from it.
 */
typedef struct cnrtDeviceProp_V3 {
    char name[CNRT_DEVICE_NAME_SIZE];
    int totalMem;
    int maxDim[3];
    int ipuClockRate;
    int memClockRate;
    int totalConstMem;
    int major;
    int minor;
    int ECCEnabled;
    int pciBusID;
    int pciDeviceID;
    int pciDomainID;
    int maxL2CacheSize;
    int persistingL2CacheMaxSize;
    int queuePrioritiesSupported;
    int sparseComputingSupported;
    int FP16ComputingSupported;
    int INT4ComputingSupported;
    int INT8ComputingSupported;
    int BF16ComputingSupported;
    int TF32ComputingSupported;
    int maxQueueSize;
    int maxNotifierSize;
    int tinyCoreSupported;
    int codecJPEGSupported;
    int codecH264Supported;
    int codecH265Supported;
    int maxClusterCountPerUnionTask;
    int clusterCount;
    int McorePerCluster;
    int maxQuadrantCount;
    int maxUnionTypePerQuadrant;
    int maxClusterPerUnionLimitTask;
    int ISAVersion;
    int isMultipleTensorProcessor;
    int NramSizePerMcore;
    int WramSizePerMcore;
    int LmemSizePerMcore;
    int SramSizePerMcore;
    int globalMemoryNodeCount;
    int cacheSize;
    int GmemBusWidth;
    int computeMode;
    int MDRMemorySize;
    int availableGlobalMemorySize;
    cnrtUUID_t uuid;
    uint64_t totalGlobalMemSize;
    int reserved[30];
} cnrtDeviceProp_t;

/* A static string owned by the library. */
const char *cnrtGetErrorStr(cnrtRet_t error);
cnrtRet_t cnrtDriverGetVersion(int *major, int *minor, int *patch);
cnrtRet_t cnrtGetLibVersion(int *major, int *minor, int *patch);
cnrtRet_t cnrtGetDeviceCount(unsigned int *pCount);
/* CNRT 6.14's header renames cnrtGetDeviceProperties to this symbol; the unversioned one stays exported. */
cnrtRet_t cnrtGetDeviceProperties_V3(cnrtDeviceProp_t *prop, int device);
cnrtRet_t cnrtGetDeviceProperties(cnrtDeviceProp_t *prop, int device);
/* "domain:bus:device.function" in hex, NUL-terminated within len bytes. */
cnrtRet_t cnrtDeviceGetPCIBusId(char *pciBusId, int len, int device);
/* The calling thread's current device. */
cnrtRet_t cnrtGetDevice(int *pOrdinal);
cnrtRet_t cnrtSetDevice(int ordinal);
/* Free and total memory of the current device, bytes. */
cnrtRet_t cnrtMemGetInfo(size_t *free, size_t *total);

#ifdef __cplusplus
}
#endif

#endif
