/*
 * One region file mapped the way libvgpu maps it, seen through the offsets of its layout (v0, 1.1 or 1.2)
 * so that every operation of the fixture writer is written once for all three layouts.
 */
#ifndef REGION_WRITER_VIEW_H
#define REGION_WRITER_VIEW_H

#include <semaphore.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "hami/hamicore_region.h"

enum layout { LAYOUT_V0 = 0, LAYOUT_1_1 = 11, LAYOUT_1_2 = 12 };

/* Byte offsets of one layout; slot_* are relative to a slot, mem_* to a device_memory element. 0 = absent
 * for seqlock, last_kernel_time and sem_postinit (none of them can sit at offset 0). */
typedef struct {
    size_t size;
    size_t owner_pid, sem, device_num, uuids, limit, sm_limit, procs;
    size_t proc_num, utilization_switch, recent_kernel, priority, last_kernel_time, sem_postinit;
    size_t slot_stride, slot_pid, slot_hostpid, slot_used, used_stride, slot_monitorused;
    size_t slot_util, util_stride, util_sm, slot_status, slot_seqlock;
    size_t mem_context, mem_module, mem_data, mem_total;
} region_offsets;

typedef struct {
    enum layout layout;
    region_offsets o;
    int fd;
    unsigned char *base;
} region_view;

int layout_parse(const char *text, enum layout *out);
const region_offsets *layout_offsets(enum layout layout);

/* What the first process of a container puts into a new region, from its environment. */
typedef struct {
    uint64_t limit[HAMICORE_DEVICE_MAX];          /* bytes, 0 = unlimited */
    uint64_t sm_limit[HAMICORE_DEVICE_MAX];       /* percent */
    int32_t priority;
} region_settings;

/* Creates (or opens) and maps a region as libvgpu does: size+1 bytes, initialized under lockf from settings
 * unless settings is NULL, which leaves the file full size without the magic (the initialization window). */
int region_create(region_view *v, const char *path, enum layout layout, const region_settings *settings);
/* Opens and maps an initialized region, finding its layout from the size and header. */
int region_open(region_view *v, const char *path);
void region_close(region_view *v);

_Atomic int32_t *r_i32(const region_view *v, size_t offset);
_Atomic uint64_t *r_u64(const region_view *v, size_t offset);
unsigned char *r_slot(const region_view *v, int index);
_Atomic int32_t *s_i32(const region_view *v, int index, size_t offset);
_Atomic uint64_t *s_u64(const region_view *v, int index, size_t offset);
_Atomic uint64_t *s_used(const region_view *v, int index, int device, size_t member);

/* The region's sem + owner_pid protocol, as libvgpu takes it for slot changes. */
int region_lock(region_view *v);
void region_unlock(region_view *v);

#endif
