/*
 * The HAMi-core shared region ("cache file"): the memory-mapped file libvgpu.so keeps inside every GPU
 * container, in the three layouts a node can meet. Written by hami-java from offsets measured on x86-64 glibc
 * and checked against HAMi-core's own region code (docs/protocol.md, "The shared region"); it is our header,
 * not HAMi-core's.
 *
 *   v0   HAMi-core 7a9c88b (2024-04), read by HAMi's "v0" monitor: no version fields, 1 197 896 bytes
 *   1.1  HAMi-core 9b46404 .. 24a0f49 (2024-08 .. 2026-02): 2 008 952 bytes
 *   1.2  HAMi-core b69b1ea .. (2026-04 onwards, pinned by HAMi v2.8.3 and v2.9.0): 2 008 952 bytes,
 *        1.1 with a per-slot seqlock and a second semaphore in formerly unused words
 *
 * The file is one byte longer than the struct (libvgpu writes one NUL at offset sizeof to size it).
 * All integers are native little-endian. _Atomic changes neither size nor alignment of these fields.
 * sem_t is glibc's (32 bytes, alignment 8); only HAMi-core itself may touch it.
 */
#ifndef HAMI_HAMICORE_REGION_H
#define HAMI_HAMICORE_REGION_H

#include <semaphore.h>
#include <stddef.h>
#include <stdint.h>

#define HAMICORE_REGION_MAGIC 19920718            /* initialized_flag once initialized: 0x012FF74E */
#define HAMICORE_REGION_MAJOR 1
#define HAMICORE_REGION_MINOR_1_1 1
#define HAMICORE_REGION_MINOR_1_2 2
#define HAMICORE_DEVICE_MAX 16                    /* CUDA_DEVICE_MAX_COUNT */
#define HAMICORE_PROC_MAX 1024                    /* SHARED_REGION_MAX_PROCESS_NUM */
#define HAMICORE_UUID_LEN 96                      /* NVML_DEVICE_UUID_V2_BUFFER_SIZE */

/* The layouts below hold only for glibc's sem_t; musl's differs, and HAMi-core is built against glibc. */
_Static_assert(sizeof(sem_t) == 32 && _Alignof(sem_t) == 8, "HAMi-core regions need glibc's 32-byte sem_t");

/* ---- layout 1.1 and 1.2: per-device accounting, 64 and 48 bytes ---- */

typedef struct {
    _Atomic uint64_t context_size;
    _Atomic uint64_t module_size;
    _Atomic uint64_t data_size;
    _Atomic uint64_t offset;                      /* never written: always 0 */
    _Atomic uint64_t total;                       /* context + module + data as booked */
    uint64_t unused[3];
} hamicore_device_memory_t;

typedef struct {
    _Atomic uint64_t dec_util;
    _Atomic uint64_t enc_util;
    _Atomic uint64_t sm_util;                     /* NVML smUtil percent, the only one written */
    uint64_t unused[3];
} hamicore_device_util_t;

/* ---- layout v0: the same accounting without the reserved tails, 40 and 24 bytes ---- */

typedef struct {
    _Atomic uint64_t context_size;
    _Atomic uint64_t module_size;
    _Atomic uint64_t data_size;
    _Atomic uint64_t offset;
    _Atomic uint64_t total;
} hamicore_device_memory_v0_t;

typedef struct {
    _Atomic uint64_t dec_util;
    _Atomic uint64_t enc_util;
    _Atomic uint64_t sm_util;
} hamicore_device_util_v0_t;

/* ---- process slots: v0 1168 bytes, 1.1 and 1.2 1960 bytes ---- */

typedef struct {
    _Atomic int32_t pid;                          /* container-namespace pid; 0 = exited */
    _Atomic int32_t hostpid;                      /* host pid found through NVML; 0 = unknown */
    hamicore_device_memory_v0_t used[HAMICORE_DEVICE_MAX];
    _Atomic uint64_t monitorused[HAMICORE_DEVICE_MAX];
    hamicore_device_util_v0_t device_util[HAMICORE_DEVICE_MAX];
    _Atomic int32_t status;                       /* 1 running, 2 suspended, 0 exited */
} hamicore_proc_slot_v0_t;

typedef struct {
    _Atomic int32_t pid;
    _Atomic int32_t hostpid;
    hamicore_device_memory_t used[HAMICORE_DEVICE_MAX];
    _Atomic uint64_t monitorused[HAMICORE_DEVICE_MAX];
    hamicore_device_util_t device_util[HAMICORE_DEVICE_MAX];
    _Atomic int32_t status;
    uint64_t unused[3];
} hamicore_proc_slot_v1_1_t;

typedef struct {
    _Atomic int32_t pid;
    _Atomic int32_t hostpid;
    hamicore_device_memory_t used[HAMICORE_DEVICE_MAX];
    _Atomic uint64_t monitorused[HAMICORE_DEVICE_MAX];
    hamicore_device_util_t device_util[HAMICORE_DEVICE_MAX];
    _Atomic int32_t status;
    _Atomic uint64_t seqlock;                     /* odd while the owner updates used[] */
    uint64_t unused[2];
} hamicore_proc_slot_v1_2_t;

/* ---- regions ---- */

typedef struct {
    _Atomic int32_t initialized_flag;             /* HAMICORE_REGION_MAGIC, stored last */
    _Atomic int32_t sm_init_flag;                 /* where 1.x keeps major_version */
    _Atomic size_t owner_pid;
    sem_t sem;
    uint64_t num;                                 /* device count inside the container */
    char uuids[HAMICORE_DEVICE_MAX][HAMICORE_UUID_LEN];
    uint64_t limit[HAMICORE_DEVICE_MAX];
    uint64_t sm_limit[HAMICORE_DEVICE_MAX];
    hamicore_proc_slot_v0_t procs[HAMICORE_PROC_MAX];
    _Atomic int32_t proc_num;
    _Atomic int32_t utilization_switch;
    _Atomic int32_t recent_kernel;
    int32_t priority;
} hamicore_region_v0_t;

typedef struct {
    _Atomic int32_t initialized_flag;
    uint32_t major_version;
    uint32_t minor_version;
    _Atomic int32_t sm_init_flag;
    _Atomic size_t owner_pid;                     /* holder of sem; 0 = free */
    sem_t sem;
    uint64_t device_num;
    char uuids[HAMICORE_DEVICE_MAX][HAMICORE_UUID_LEN];
    uint64_t limit[HAMICORE_DEVICE_MAX];          /* bytes; 0 = unlimited */
    uint64_t sm_limit[HAMICORE_DEVICE_MAX];       /* percent; 100 = unlimited */
    hamicore_proc_slot_v1_1_t procs[HAMICORE_PROC_MAX];
    _Atomic int32_t proc_num;
    _Atomic int32_t utilization_switch;           /* written by the node monitor */
    _Atomic int32_t recent_kernel;                /* written by the node monitor */
    int32_t priority;
    _Atomic uint64_t last_kernel_time;            /* Unix seconds */
    uint64_t unused[4];
} hamicore_region_v1_1_t;

typedef struct {
    _Atomic int32_t initialized_flag;
    uint32_t major_version;
    uint32_t minor_version;
    _Atomic int32_t sm_init_flag;
    _Atomic size_t owner_pid;
    sem_t sem;
    uint64_t device_num;
    char uuids[HAMICORE_DEVICE_MAX][HAMICORE_UUID_LEN];
    uint64_t limit[HAMICORE_DEVICE_MAX];
    uint64_t sm_limit[HAMICORE_DEVICE_MAX];
    hamicore_proc_slot_v1_2_t procs[HAMICORE_PROC_MAX];
    _Atomic int32_t proc_num;
    _Atomic int32_t utilization_switch;
    _Atomic int32_t recent_kernel;
    int32_t priority;
    _Atomic uint64_t last_kernel_time;
    sem_t sem_postinit;                           /* serializes host-pid detection */
} hamicore_region_v1_2_t;

#define HAMICORE_REGION_V0_SIZE ((long long)sizeof(hamicore_region_v0_t))
#define HAMICORE_REGION_V1_1_SIZE ((long long)sizeof(hamicore_region_v1_1_t))
#define HAMICORE_REGION_V1_2_SIZE ((long long)sizeof(hamicore_region_v1_2_t))

#endif
