#include "region_view.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define COMMON_OFFSETS(R, S, M, U) \
    .size = sizeof(R), .owner_pid = offsetof(R, owner_pid), .sem = offsetof(R, sem), \
    .uuids = offsetof(R, uuids), .limit = offsetof(R, limit), .sm_limit = offsetof(R, sm_limit), \
    .procs = offsetof(R, procs), .proc_num = offsetof(R, proc_num), \
    .utilization_switch = offsetof(R, utilization_switch), .recent_kernel = offsetof(R, recent_kernel), \
    .priority = offsetof(R, priority), .slot_stride = sizeof(S), .slot_pid = offsetof(S, pid), \
    .slot_hostpid = offsetof(S, hostpid), .slot_used = offsetof(S, used), .used_stride = sizeof(M), \
    .slot_monitorused = offsetof(S, monitorused), .slot_util = offsetof(S, device_util), \
    .util_stride = sizeof(U), .util_sm = offsetof(U, sm_util), .slot_status = offsetof(S, status), \
    .mem_context = offsetof(M, context_size), .mem_module = offsetof(M, module_size), \
    .mem_data = offsetof(M, data_size), .mem_total = offsetof(M, total)

static const region_offsets V0 = {
    COMMON_OFFSETS(hamicore_region_v0_t, hamicore_proc_slot_v0_t, hamicore_device_memory_v0_t, hamicore_device_util_v0_t),
    .device_num = offsetof(hamicore_region_v0_t, num),
};
static const region_offsets V1_1 = {
    COMMON_OFFSETS(hamicore_region_v1_1_t, hamicore_proc_slot_v1_1_t, hamicore_device_memory_t, hamicore_device_util_t),
    .device_num = offsetof(hamicore_region_v1_1_t, device_num),
    .last_kernel_time = offsetof(hamicore_region_v1_1_t, last_kernel_time),
};
static const region_offsets V1_2 = {
    COMMON_OFFSETS(hamicore_region_v1_2_t, hamicore_proc_slot_v1_2_t, hamicore_device_memory_t, hamicore_device_util_t),
    .device_num = offsetof(hamicore_region_v1_2_t, device_num),
    .last_kernel_time = offsetof(hamicore_region_v1_2_t, last_kernel_time),
    .sem_postinit = offsetof(hamicore_region_v1_2_t, sem_postinit),
    .slot_seqlock = offsetof(hamicore_proc_slot_v1_2_t, seqlock),
};

int layout_parse(const char *text, enum layout *out) {
    if (strcmp(text, "v0") == 0) { *out = LAYOUT_V0; return 0; }
    if (strcmp(text, "1.1") == 0) { *out = LAYOUT_1_1; return 0; }
    if (strcmp(text, "1.2") == 0) { *out = LAYOUT_1_2; return 0; }
    return -1;
}

const region_offsets *layout_offsets(enum layout layout) {
    return layout == LAYOUT_V0 ? &V0 : layout == LAYOUT_1_1 ? &V1_1 : &V1_2;
}

_Atomic int32_t *r_i32(const region_view *v, size_t offset) { return (_Atomic int32_t *)(v->base + offset); }
_Atomic uint64_t *r_u64(const region_view *v, size_t offset) { return (_Atomic uint64_t *)(v->base + offset); }
unsigned char *r_slot(const region_view *v, int index) { return v->base + v->o.procs + v->o.slot_stride * (size_t)index; }
_Atomic int32_t *s_i32(const region_view *v, int index, size_t offset) { return (_Atomic int32_t *)(r_slot(v, index) + offset); }
_Atomic uint64_t *s_u64(const region_view *v, int index, size_t offset) { return (_Atomic uint64_t *)(r_slot(v, index) + offset); }

_Atomic uint64_t *s_used(const region_view *v, int index, int device, size_t member) {
    return s_u64(v, index, v->o.slot_used + v->o.used_stride * (size_t)device + member);
}

static int map(region_view *v, const char *path, int flags) {
    v->fd = open(path, flags, 0666);
    if (v->fd < 0) { perror(path); return -1; }
    return 0;
}

static void initialize(region_view *v, const region_settings *settings) {
    for (int d = 0; d < HAMICORE_DEVICE_MAX; d++) {
        *(uint64_t *)(v->base + v->o.limit + 8 * (size_t)d) = settings->limit[d];
        *(uint64_t *)(v->base + v->o.sm_limit + 8 * (size_t)d) = settings->sm_limit[d];
    }
    if (v->layout != LAYOUT_V0) {
        *(uint32_t *)(v->base + 4) = HAMICORE_REGION_MAJOR;
        *(uint32_t *)(v->base + 8) = v->layout == LAYOUT_1_1 ? HAMICORE_REGION_MINOR_1_1 : HAMICORE_REGION_MINOR_1_2;
    }
    sem_init((sem_t *)(v->base + v->o.sem), 1, 1);
    if (v->o.sem_postinit) sem_init((sem_t *)(v->base + v->o.sem_postinit), 1, 1);
    atomic_store(r_i32(v, v->o.utilization_switch), 1);
    atomic_store(r_i32(v, v->o.recent_kernel), 2);
    atomic_store(r_i32(v, v->o.proc_num), 0);
    *(int32_t *)(v->base + v->o.priority) = settings->priority;
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(r_i32(v, 0), HAMICORE_REGION_MAGIC, memory_order_release);
}

int region_create(region_view *v, const char *path, enum layout layout, const region_settings *settings) {
    int init = settings != NULL;
    v->layout = layout;
    v->o = *layout_offsets(layout);
    if (map(v, path, O_RDWR | O_CREAT) < 0) return -1;
    if (pwrite(v->fd, "", 1, (off_t)v->o.size) != 1) { perror("size the region"); return -1; }
    v->base = mmap(NULL, v->o.size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
    if (v->base == MAP_FAILED) { perror("mmap"); return -1; }
    if (lockf(v->fd, F_LOCK, (off_t)v->o.size) != 0) { perror("lockf"); return -1; }
    if (init && atomic_load(r_i32(v, 0)) != HAMICORE_REGION_MAGIC) initialize(v, settings);
    if (init && v->o.last_kernel_time) atomic_store(r_u64(v, v->o.last_kernel_time), (uint64_t)time(NULL));
    lseek(v->fd, 0, SEEK_SET);
    lockf(v->fd, F_ULOCK, (off_t)v->o.size);
    return 0;
}

int region_open(region_view *v, const char *path) {
    struct stat st;
    int32_t header[3];
    if (map(v, path, O_RDWR) < 0) return -1;
    if (fstat(v->fd, &st) != 0 || pread(v->fd, header, sizeof header, 0) != (ssize_t)sizeof header) {
        fprintf(stderr, "%s: cannot read the header\n", path);
        return -1;
    }
    if (header[0] != HAMICORE_REGION_MAGIC) { fprintf(stderr, "%s: not initialized\n", path); return -1; }
    v->layout = st.st_size < HAMICORE_REGION_V1_1_SIZE ? LAYOUT_V0 : header[2] <= 1 ? LAYOUT_1_1 : LAYOUT_1_2;
    v->o = *layout_offsets(v->layout);
    if (st.st_size < (off_t)v->o.size) { fprintf(stderr, "%s: truncated\n", path); return -1; }
    v->base = mmap(NULL, v->o.size, PROT_READ | PROT_WRITE, MAP_SHARED, v->fd, 0);
    if (v->base == MAP_FAILED) { perror("mmap"); return -1; }
    return 0;
}

void region_close(region_view *v) {
    if (v->base && v->base != MAP_FAILED) munmap(v->base, v->o.size);
    if (v->fd >= 0) close(v->fd);
    v->base = NULL;
    v->fd = -1;
}

int region_lock(region_view *v) {
    if (sem_wait((sem_t *)(v->base + v->o.sem)) != 0) { perror("sem_wait"); return -1; }
    atomic_store((_Atomic size_t *)(v->base + v->o.owner_pid), (size_t)getpid());
    return 0;
}

void region_unlock(region_view *v) {
    atomic_store((_Atomic size_t *)(v->base + v->o.owner_pid), 0);
    sem_post((sem_t *)(v->base + v->o.sem));
}
