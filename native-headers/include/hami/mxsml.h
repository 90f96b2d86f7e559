/*
 * hami-java's minimal view of MetaX's MXSML (libmxsml.so). MetaX publishes no C header: these declarations
 * were rebuilt from MetaX's own ctypes and Go bindings (docs/vendors.md, "MetaX — MXSML"); every layout is
 * checked by our probe, but the library's own compiler never saw them. Devices are indices 0..N-1.
 *
 * mxSmlGetDeviceCount has two published forms: MetaX's ctypes binding, Go wrapper and most others call
 *     unsigned int mxSmlGetDeviceCount(void);          (the count is the return value)
 * while a port declares
 *     mxSmlReturn_t mxSmlGetDeviceCount(unsigned int *);
 * The binding tells them apart by probing (see the Java Mxsml class); the mock builds either form.
 */
#ifndef HAMI_MXSML_H
#define HAMI_MXSML_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    MXSML_SUCCESS = 0,
    MXSML_FAILURE = 1,
    MXSML_NO_DEVICE = 2,
    MXSML_OPERATION_NOT_SUPPORT = 3,
    MXSML_SYSFS_ERROR = 4,
    MXSML_SYSFS_WRITE_ERROR = 5,
    MXSML_INVALID_DEVICE_ID = 6,
    MXSML_INVALID_DID_ID = 7,
    MXSML_PERMISSION_DENIED = 8,
    MXSML_INVALID_INPUT = 9,
    MXSML_INSUFFICIENT_SIZE = 10,
    MXSML_IO_CONTROL_FAILURE = 12,
    MXSML_OPEN_DEVICE_FILE_FAILURE = 21,
    MXSML_BUSY_DEVICE = 23,
    MXSML_LOAD_DLL_FAILURE = 26
} mxSmlReturn_t;

#define MXSML_BDF_ID_SIZE 32
#define MXSML_UUID_SIZE 96
#define MXSML_DEVICE_NAME_SIZE 32

typedef enum { MXSML_BRAND_UNKNOWN = 0, MXSML_BRAND_N = 1, MXSML_BRAND_C = 2, MXSML_BRAND_G = 3 } mxSmlBrand_t;
typedef enum { MXSML_MODE_NONE = 0, MXSML_MODE_PF = 1, MXSML_MODE_VF = 2 } mxSmlMode_t;
typedef enum { MXSML_USAGE_DLA = 0, MXSML_USAGE_VPUE = 1, MXSML_USAGE_VPUD = 2, MXSML_USAGE_G2D = 3,
               MXSML_USAGE_XCORE = 4 } mxSmlUsageIp_t;

typedef struct {
    unsigned int deviceId;
    unsigned int type;
    char bdfId[MXSML_BDF_ID_SIZE];
    unsigned int gpuId;
    unsigned int nodeId;
    char uuid[MXSML_UUID_SIZE];
    mxSmlBrand_t brand;
    mxSmlMode_t mode;
    char deviceName[MXSML_DEVICE_NAME_SIZE];
} mxSmlDeviceInfo_t;

/* KB. */
typedef struct {
    long visVramTotal;
    long visVramUse;
    long vramTotal;
    long vramUse;
    long xttTotal;
    long xttUse;
} mxSmlMemoryInfo_t;

/* mV, mA, mW. */
typedef struct {
    unsigned int voltage;
    unsigned int current;
    unsigned int power;
} mxSmlBoardWayElectricInfo_t;

/* Our name for the anonymous struct of mxSmlGetDeviceUnavailableReason; code 0 = available. */
typedef struct {
    int unavailableCode;
    char unavailableReason[64];
} mxSmlDeviceUnavailableReason_t;

mxSmlReturn_t mxSmlInit(void);
const char *mxSmlGetErrorString(mxSmlReturn_t result);
#ifdef MXSML_DEVICE_COUNT_BY_STATUS
mxSmlReturn_t mxSmlGetDeviceCount(unsigned int *count);
#else
unsigned int mxSmlGetDeviceCount(void);
#endif
mxSmlReturn_t mxSmlGetDeviceInfo(unsigned int deviceId, mxSmlDeviceInfo_t *info);
mxSmlReturn_t mxSmlGetMemoryInfo(unsigned int deviceId, mxSmlMemoryInfo_t *info);
mxSmlReturn_t mxSmlGetDeviceIpUsage(unsigned int deviceId, mxSmlUsageIp_t ip, int *usage);
/* count 0 answers MXSML_INSUFFICIENT_SIZE with the count needed. */
mxSmlReturn_t mxSmlGetBoardPowerInfo(unsigned int deviceId, unsigned int *count, mxSmlBoardWayElectricInfo_t *info);
mxSmlReturn_t mxSmlGetDeviceUnavailableReason(unsigned int deviceId, mxSmlDeviceUnavailableReason_t *reason);

#ifdef __cplusplus
}
#endif

#endif
