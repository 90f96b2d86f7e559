/*
 * The mock libnvidia-ml's internal state: one machine loaded from a JSON profile at the first
 * nvmlInit, fault injection per device and per function, and a queue of XID events.
 */
#ifndef NVML_MOCK_H
#define NVML_MOCK_H

#include <pthread.h>
#include <stdatomic.h>

#include "hami/nvml.h"
#include "mock_runtime.h"
#include "profile_read.h"

#define MOCK_MAX_DEVICES 64
#define MOCK_MAX_PROCESSES 64
#define MOCK_MAX_EVENTS 256
#define MOCK_MAX_EVENT_SETS 64

/* Every function the mock exports, for per-function fault injection (X-macro: name). */
#define MOCK_FUNCTIONS(X) \
    X(nvmlInit) X(nvmlInit_v2) X(nvmlInitWithFlags) X(nvmlShutdown) \
    X(nvmlSystemGetDriverVersion) X(nvmlSystemGetNVMLVersion) \
    X(nvmlSystemGetCudaDriverVersion) X(nvmlSystemGetCudaDriverVersion_v2) \
    X(nvmlDeviceGetCount) X(nvmlDeviceGetCount_v2) \
    X(nvmlDeviceGetHandleByIndex) X(nvmlDeviceGetHandleByIndex_v2) X(nvmlDeviceGetHandleByUUID) \
    X(nvmlDeviceGetUUID) X(nvmlDeviceGetName) X(nvmlDeviceGetSerial) X(nvmlDeviceGetMinorNumber) \
    X(nvmlDeviceGetMemoryInfo) X(nvmlDeviceGetMemoryInfo_v2) X(nvmlDeviceGetBAR1MemoryInfo) \
    X(nvmlDeviceGetPciInfo_v3) X(nvmlDeviceGetNumaNodeId) X(nvmlDeviceGetUtilizationRates) \
    X(nvmlDeviceGetComputeRunningProcesses) X(nvmlDeviceGetComputeRunningProcesses_v2) \
    X(nvmlDeviceGetComputeRunningProcesses_v3) \
    X(nvmlDeviceGetTemperature) X(nvmlDeviceGetPowerUsage) X(nvmlDeviceGetMigMode) \
    X(nvmlDeviceGetArchitecture) X(nvmlDeviceGetCudaComputeCapability) \
    X(nvmlDeviceGetTopologyCommonAncestor) X(nvmlDeviceGetP2PStatus) X(nvmlDeviceGetNvLinkState) \
    X(nvmlDeviceGetNvLinkRemotePciInfo_v2) X(nvmlDeviceGetNvLinkRemoteDeviceType) \
    X(nvmlEventSetCreate) X(nvmlDeviceGetSupportedEventTypes) X(nvmlDeviceRegisterEvents) \
    X(nvmlEventSetWait) X(nvmlEventSetWait_v2) X(nvmlEventSetFree) \
    X(ixmlDeviceGetHealth) X(ixmlDeviceGetBoardPosition) X(ixmlDeviceGetGPUVoltage) X(ixmlDeviceGetEccErros)

typedef enum { MOCK_FUNCTIONS(MOCK_FN_ID) FN_COUNT } mock_fn;

/* Optional device facts: a field whose "has" flag is 0 answers NVML_ERROR_NOT_SUPPORTED. */
typedef struct {
    unsigned int pid;
    int has_used;
    unsigned long long used_bytes;
    unsigned int gpu_instance_id, compute_instance_id;
} mock_process;

struct nvmlDevice_st {
    unsigned int index;
    char uuid[NVML_DEVICE_UUID_V2_BUFFER_SIZE];
    char name[NVML_DEVICE_NAME_V2_BUFFER_SIZE];
    char serial[NVML_DEVICE_SERIAL_BUFFER_SIZE];
    int has_serial;
    unsigned int minor;
    unsigned long long memory_total, memory_reserved, memory_used;
    int has_bar1;
    unsigned long long bar1_total, bar1_used;
    nvmlPciInfo_t pci;
    int has_numa;
    unsigned int numa;
    int has_utilization;
    nvmlUtilization_t utilization;
    int has_temperature, has_power;
    unsigned int temperature, power;
    int has_mig;
    unsigned int mig_current, mig_pending;
    int has_architecture, has_compute_capability;
    unsigned int architecture;
    int cc_major, cc_minor;
    unsigned long long supported_events;
    unsigned int process_count;
    mock_process processes[MOCK_MAX_PROCESSES];
    unsigned int nvlink_count;       /* NVLinks the profile lists; link i is nvlinks[i] */
    struct {
        int active;
        nvmlIntNvLinkDeviceType_t remote_type;
        nvmlPciInfo_t remote;
    } nvlinks[NVML_NVLINK_MAX_LINKS];
    int has_ancestors;               /* the profile's commonAncestor row; else derived from the NUMA nodes */
    nvmlGpuTopologyLevel_t ancestors[MOCK_MAX_DEVICES];
    int lost;                        /* every call but handle lookups answers GPU_IS_LOST */
    unsigned long long ixml_health;  /* the libixml.so build's ixml* calls: health mask, board, volts, ECC */
    unsigned int ixml_board_position, ixml_voltage_mv, ixml_ecc_single, ixml_ecc_double;
    int faults[FN_COUNT];            /* 0, or the status a call of that function returns */
};

typedef struct {
    unsigned int device;
    unsigned long long type, data;
    unsigned int gpu_instance_id, compute_instance_id;
} mock_event;

typedef struct {
    char driver_version[NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE];
    char nvml_version[NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE];
    int cuda_driver_version;
    int faults[FN_COUNT];
    unsigned int device_count;
    struct nvmlDevice_st devices[MOCK_MAX_DEVICES];
    unsigned int event_count;
    mock_event events[MOCK_MAX_EVENTS];
} mock_machine;

/*
 * The same sources build Iluvatar's libixml.so (-DMOCK_IXML): IXML exports NVML's names, but not those
 * marked NVML_ONLY, which stay hidden in that build as if the library lacked them; its control functions
 * are hamiMockIxml*, its profile variable IXML_MOCK_PROFILE.
 */
#ifdef MOCK_IXML
#define NVML_ONLY
#define NVML_MOCK_CONTROL(name) hamiMockIxml##name
#define NVML_MOCK_TAG "ixml-mock"
#define NVML_MOCK_ENV "IXML_MOCK_PROFILE"
#else
#define NVML_ONLY MOCK_EXPORT
#define NVML_MOCK_CONTROL(name) hamiMockNvml##name
#define NVML_MOCK_TAG "nvml-mock"
#define NVML_MOCK_ENV "NVML_MOCK_PROFILE"
#endif

/* The loaded machine; valid while nvml_rt.refcount > 0. Written only under nvml_rt.lock with refcount 0. */
extern mock_machine mock;
extern mock_runtime nvml_rt;
/* The functions and statuses profiles may name. */
extern const mock_api nvml_api;

/* profile.c: fills *m from JSON text; on failure returns -1 with a message in err. */
int mock_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen);

/* events.c: called with nvml_rt.lock held when the last nvmlShutdown returns. */
void mock_events_reset(void);

/* The status a device call answers before doing its work: UNINITIALIZED, INVALID_ARGUMENT for a
 * handle the mock did not issue, GPU_IS_LOST for a lost device, or an injected fault. */
nvmlReturn_t mock_check_device(nvmlDevice_t device, mock_fn fn);
nvmlReturn_t mock_check_system(mock_fn fn);


#endif
