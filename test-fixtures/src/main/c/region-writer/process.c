#include "process.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static int find_slot(const region_view *v, int32_t pid) {
    int n = atomic_load(r_i32(v, v->o.proc_num));
    for (int i = 0; i < n && i < HAMICORE_PROC_MAX; i++) {
        if (atomic_load(s_i32(v, i, v->o.slot_pid)) == pid) return i;
    }
    fprintf(stderr, "no slot for pid %d\n", pid);
    return -1;
}

void proc_devices(region_view *v, int count) {
    *(uint64_t *)(v->base + v->o.device_num) = (uint64_t)count;
    for (int i = 0; i < count && i < HAMICORE_DEVICE_MAX; i++) {
        char *uuid = (char *)(v->base + v->o.uuids + HAMICORE_UUID_LEN * (size_t)i);
        memset(uuid, 0, HAMICORE_UUID_LEN);
        snprintf(uuid, HAMICORE_UUID_LEN, "GPU-%08x-0000-4000-8000-%012x", 0x0fc3eda5u + (unsigned)i, (unsigned)i);
    }
}

int proc_device_uuid(region_view *v, int index, const char *uuid) {
    if (index < 0 || index >= HAMICORE_DEVICE_MAX || strlen(uuid) >= HAMICORE_UUID_LEN) {
        fprintf(stderr, "bad device uuid %d=%s\n", index, uuid);
        return -1;
    }
    char *slot = (char *)(v->base + v->o.uuids + HAMICORE_UUID_LEN * (size_t)index);
    memset(slot, 0, HAMICORE_UUID_LEN);
    memcpy(slot, uuid, strlen(uuid));
    return 0;
}

static void reset_slot(region_view *v, int s, int32_t pid, int32_t hostpid) {
    unsigned char *slot = r_slot(v, s);
    size_t seqlock = v->o.slot_seqlock;
    uint64_t seq = seqlock ? atomic_load(s_u64(v, s, seqlock)) : 0;
    memset(slot, 0, v->o.slot_stride);
    if (seqlock) atomic_store(s_u64(v, s, seqlock), seq);
    atomic_store(s_i32(v, s, v->o.slot_hostpid), hostpid);
    atomic_store(s_i32(v, s, v->o.slot_status), 1);
    atomic_store(s_i32(v, s, v->o.slot_pid), pid);
}

/* clear_proc_slot_nolock: move the last slot into each hole left by an exited process. */
static void compact(region_view *v) {
    _Atomic int32_t *proc_num = r_i32(v, v->o.proc_num);
    int i = 0;
    while (i < atomic_load(proc_num)) {
        int last = atomic_load(proc_num) - 1;
        if (atomic_load(s_i32(v, i, v->o.slot_pid)) != 0) { i++; continue; }
        if (i != last) memcpy(r_slot(v, i), r_slot(v, last), v->o.slot_stride);
        atomic_store(proc_num, last);
    }
}

int proc_register(region_view *v, int32_t pid, int32_t hostpid) {
    if (region_lock(v) != 0) return -1;
    _Atomic int32_t *proc_num = r_i32(v, v->o.proc_num);
    int n = atomic_load(proc_num), s = -1;
    for (int i = 0; i < n; i++) {
        if (atomic_load(s_i32(v, i, v->o.slot_pid)) == pid) s = i;
    }
    if (s < 0 && n >= HAMICORE_PROC_MAX) {
        region_unlock(v);
        fprintf(stderr, "no free slot: proc_num %d\n", n);
        return -1;
    }
    reset_slot(v, s < 0 ? n : s, pid, hostpid);
    if (s < 0) atomic_store(proc_num, n + 1);
    compact(v);
    region_unlock(v);
    return 0;
}

static uint64_t booked(const region_view *v, int device) {
    uint64_t sum = 0;
    int n = atomic_load(r_i32(v, v->o.proc_num));
    for (int i = 0; i < n && i < HAMICORE_PROC_MAX; i++) sum += atomic_load(s_used(v, i, device, v->o.mem_total));
    return sum;
}

int proc_account(region_view *v, int32_t pid, int device, int64_t delta, enum memory_class cls) {
    int s = find_slot(v, pid);
    if (s < 0 || device < 0 || device >= HAMICORE_DEVICE_MAX) return -1;
    uint64_t limit = *(uint64_t *)(v->base + v->o.limit + 8 * (size_t)device);
    if (delta > 0 && limit != 0 && booked(v, device) + (uint64_t)delta > limit) return 1;
    size_t member = cls == CLASS_CONTEXT ? v->o.mem_context : cls == CLASS_MODULE ? v->o.mem_module : v->o.mem_data;
    _Atomic uint64_t *seqlock = v->o.slot_seqlock ? s_u64(v, s, v->o.slot_seqlock) : NULL;
    if (seqlock) atomic_fetch_add(seqlock, 1);
    atomic_fetch_add(s_used(v, s, device, v->o.mem_total), (uint64_t)delta);
    atomic_fetch_add(s_used(v, s, device, member), (uint64_t)delta);
    if (seqlock) atomic_fetch_add(seqlock, 1);
    return 0;
}

int proc_exit(region_view *v, int32_t pid) {
    int s = find_slot(v, pid);
    if (s < 0) return -1;
    atomic_store(s_i32(v, s, v->o.slot_pid), 0);
    atomic_store(s_i32(v, s, v->o.slot_status), 0);
    return 0;
}

int proc_status(region_view *v, int32_t pid, int32_t status) {
    int s = find_slot(v, pid);
    if (s < 0) return -1;
    atomic_store(s_i32(v, s, v->o.slot_status), status);
    return 0;
}

int proc_watch(region_view *v, int32_t hostpid, int device, uint64_t monitorused, uint64_t sm_util) {
    if (device < 0 || device >= HAMICORE_DEVICE_MAX || region_lock(v) != 0) return -1;
    int n = atomic_load(r_i32(v, v->o.proc_num)), found = -1;
    for (int i = 0; i < n && i < HAMICORE_PROC_MAX; i++) {
        if (atomic_load(s_i32(v, i, v->o.slot_hostpid)) == hostpid) found = i;
    }
    if (found >= 0) {
        atomic_store(s_u64(v, found, v->o.slot_monitorused + 8 * (size_t)device), monitorused);
        atomic_store(s_u64(v, found, v->o.slot_util + v->o.util_stride * (size_t)device + v->o.util_sm), sm_util);
    }
    region_unlock(v);
    if (found < 0) fprintf(stderr, "no slot for host pid %d\n", hostpid);
    return found < 0 ? -1 : 0;
}

void proc_kernel(region_view *v, uint64_t now) {
    if (v->o.last_kernel_time) atomic_store(r_u64(v, v->o.last_kernel_time), now);
    atomic_store(r_i32(v, v->o.recent_kernel), 2);
}

static long elapsed_us(const struct timespec *since) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000000L + (now.tv_nsec - since->tv_nsec) / 1000L;
}

long proc_hammer(region_view *v, int32_t pid, long millis, long gap_us) {
    int s = find_slot(v, pid);
    if (s < 0) return -1;
    _Atomic uint64_t *seqlock = v->o.slot_seqlock ? s_u64(v, s, v->o.slot_seqlock) : NULL;
    struct timespec start, pause;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long updates = 0;
    while (elapsed_us(&start) < millis * 1000L) {
        uint64_t k = (uint64_t)++updates;
        if (seqlock) atomic_fetch_add(seqlock, 1);
        for (int d = 0; d < HAMICORE_DEVICE_MAX; d++) {
            atomic_store_explicit(s_used(v, s, d, v->o.mem_data), k, memory_order_relaxed);
            atomic_store_explicit(s_used(v, s, d, v->o.mem_total), k, memory_order_relaxed);
        }
        if (seqlock) atomic_fetch_add(seqlock, 1);
        clock_gettime(CLOCK_MONOTONIC, &pause);
        while (elapsed_us(&pause) < gap_us) {
        }
    }
    return updates;
}
