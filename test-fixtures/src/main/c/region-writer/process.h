/* What HAMi-core processes do to their region, one operation per call, for every layout. */
#ifndef REGION_WRITER_PROCESS_H
#define REGION_WRITER_PROCESS_H

#include "region_view.h"

enum memory_class { CLASS_CONTEXT = 0, CLASS_MODULE = 1, CLASS_DATA = 2 };

/* init_device_info: device_num and uuids, written without a lock. */
void proc_devices(region_view *v, int count);
/* The uuid libvgpu read from NVML for device index (the real GPU's, where proc_devices writes placeholders). */
int proc_device_uuid(region_view *v, int index, const char *uuid);
/* Register a process under sem: reuse its slot or append one, then compact away slots whose pid is 0. */
int proc_register(region_view *v, int32_t pid, int32_t hostpid);
/* Book (delta > 0, after an OOM check over every slot) or release memory under the slot's seqlock.
 * Returns 0, -1 on error, 1 when the limit refused the allocation. */
int proc_account(region_view *v, int32_t pid, int device, int64_t delta, enum memory_class cls);
/* A normal exit: pid 0 and status 0; used[] is kept. A crash changes nothing, which needs no operation. */
int proc_exit(region_view *v, int32_t pid);
/* SIGUSR2 / SIGUSR1: status 2 or 1. */
int proc_status(region_view *v, int32_t pid, int32_t status);
/* The watcher thread: NVML's per-process memory and SM utilization into the slot of hostpid, under sem. */
int proc_watch(region_view *v, int32_t hostpid, int device, uint64_t monitorused, uint64_t sm_util);
/* A kernel launch: last_kernel_time (1.x) and recent_kernel = 2. */
void proc_kernel(region_view *v, uint64_t now);
/* Rewrites used[] of pid's slot as fast as it can for millis, each time setting every device's total and
 * data_size to the same new counter under the seqlock, then spinning gap_us. Returns the update count. */
long proc_hammer(region_view *v, int32_t pid, long millis, long gap_us);

#endif
