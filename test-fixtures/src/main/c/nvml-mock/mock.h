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
#define MOCK_MAX_GPU_INSTANCES 64   /* GPU instances of the whole machine, and compute instances (MIG devices) */
#define MOCK_MAX_MIG_DEVICES 64

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
    X(nvmlDeviceSetMigMode) X(nvmlDeviceGetGpuInstanceProfileInfo) X(nvmlDeviceGetGpuInstanceProfileInfoV) \
    X(nvmlDeviceGetGpuInstancePossiblePlacements_v2) X(nvmlDeviceGetGpuInstanceRemainingCapacity) \
    X(nvmlDeviceCreateGpuInstanceWithPlacement) X(nvmlGpuInstanceDestroy) X(nvmlDeviceGetGpuInstances) \
    X(nvmlDeviceGetGpuInstanceById) X(nvmlGpuInstanceGetInfo) X(nvmlGpuInstanceGetComputeInstanceProfileInfo) \
    X(nvmlGpuInstanceGetComputeInstanceProfileInfoV) X(nvmlGpuInstanceCreateComputeInstance) \
    X(nvmlComputeInstanceDestroy) X(nvmlGpuInstanceGetComputeInstances) X(nvmlComputeInstanceGetInfo_v2) \
    X(nvmlDeviceIsMigDeviceHandle) X(nvmlDeviceGetGpuInstanceId) X(nvmlDeviceGetComputeInstanceId) \
    X(nvmlDeviceGetMaxMigDeviceCount) X(nvmlDeviceGetMigDeviceHandleByIndex) \
    X(nvmlDeviceGetDeviceHandleFromMigDeviceHandle) X(nvmlDeviceGetAttributes_v2) \
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

/* One GPU-instance profile of a MIG-capable GPU, as the driver reports it (nvml_mig_tables.c). */
typedef struct {
    unsigned int index;              /* NVML_GPU_INSTANCE_PROFILE_* */
    const char *name;                /* "1g.5gb" */
    unsigned int id, slices, instances, sms, copy_engines, decoders, encoders, jpegs, ofas;
    unsigned long long memory_mib;
    unsigned int size;               /* memory slices a placement takes */
    unsigned int placement_count;
    unsigned int starts[8];
} mock_gi_profile;

/* A GPU model's MIG geometry: its memory and compute slices and its GPU-instance profiles. */
typedef struct {
    const char *model;               /* the profile's "migProfiles" value: "A100-SXM4-40GB" */
    unsigned int memory_slices, compute_slices, profile_count;
    mock_gi_profile profiles[NVML_GPU_INSTANCE_PROFILE_COUNT];
} mock_mig_table;

const mock_mig_table *mock_mig_table_named(const char *model);
const mock_gi_profile *mock_mig_profile_by_id(const mock_mig_table *t, unsigned int id);
const mock_gi_profile *mock_mig_profile_named(const mock_mig_table *t, const char *name);

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
    const mock_mig_table *mig_table; /* MIG-capable GPUs only */
    struct nvmlDevice_st *mig_parent; /* MIG devices only: the GPU, and their compute instance */
    struct nvmlComputeInstance_st *mig_ci;
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

struct nvmlGpuInstance_st {
    int in_use;
    struct nvmlDevice_st *device;
    unsigned int id;
    const mock_gi_profile *profile;
    nvmlGpuInstancePlacement_t placement;
};

struct nvmlComputeInstance_st {
    int in_use;
    struct nvmlGpuInstance_st *gi;
    unsigned int id, profile_id, slices;
    nvmlComputeInstancePlacement_t placement;
    struct nvmlDevice_st *mig_device;
};

typedef struct {
    char driver_version[NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE];
    char nvml_version[NVML_SYSTEM_NVML_VERSION_BUFFER_SIZE];
    int cuda_driver_version;
    int faults[FN_COUNT];
    unsigned int device_count;
    struct nvmlDevice_st devices[MOCK_MAX_DEVICES];
    unsigned int event_count;
    mock_event events[MOCK_MAX_EVENTS];
    unsigned int mig_serial;         /* counts MIG devices made, for their UUIDs */
    struct nvmlGpuInstance_st gpu_instances[MOCK_MAX_GPU_INSTANCES];
    struct nvmlComputeInstance_st compute_instances[MOCK_MAX_MIG_DEVICES];
    struct nvmlDevice_st mig_devices[MOCK_MAX_MIG_DEVICES];  /* [i] belongs to compute_instances[i] */
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

/* nvml_mig.c: creates a GPU instance with one compute instance over all of it (a profile's "migInstances"),
 * on a machine being loaded; NVML's status, e.g. INSUFFICIENT_RESOURCES for an overlap. */
nvmlReturn_t mock_mig_precreate(mock_machine *m, struct nvmlDevice_st *device, const mock_gi_profile *p,
                                unsigned int start);
/* A MIG device handle the mock issued and still lives, or NULL. */
struct nvmlDevice_st *mock_mig_device(nvmlDevice_t device);


#endif
