/* Layout probe of the HAMi-core shared region in all three layouts (include/hami/hamicore_region.h). */
#include "hami/hamicore_region.h"
#include "probe.h"

#define PROBE_REGION_HEAD(T) \
    PROBE_MEMBER(T, initialized_flag); \
    PROBE_MEMBER(T, sm_init_flag); \
    PROBE_MEMBER(T, owner_pid); \
    PROBE_MEMBER(T, sem); \
    PROBE_MEMBER(T, uuids); \
    PROBE_MEMBER(T, limit); \
    PROBE_MEMBER(T, sm_limit); \
    PROBE_MEMBER(T, procs); \
    PROBE_MEMBER(T, proc_num); \
    PROBE_MEMBER(T, utilization_switch); \
    PROBE_MEMBER(T, recent_kernel); \
    PROBE_MEMBER(T, priority)

#define PROBE_SLOT_HEAD(T) \
    PROBE_MEMBER(T, pid); \
    PROBE_MEMBER(T, hostpid); \
    PROBE_MEMBER(T, used); \
    PROBE_MEMBER(T, monitorused); \
    PROBE_MEMBER(T, device_util); \
    PROBE_MEMBER(T, status)

static void probe_accounting(void) {
    PROBE_STRUCT(hamicore_device_memory_t);
    PROBE_MEMBER(hamicore_device_memory_t, context_size);
    PROBE_MEMBER(hamicore_device_memory_t, module_size);
    PROBE_MEMBER(hamicore_device_memory_t, data_size);
    PROBE_MEMBER(hamicore_device_memory_t, offset);
    PROBE_MEMBER(hamicore_device_memory_t, total);
    PROBE_MEMBER(hamicore_device_memory_t, unused);

    PROBE_STRUCT(hamicore_device_util_t);
    PROBE_MEMBER(hamicore_device_util_t, dec_util);
    PROBE_MEMBER(hamicore_device_util_t, enc_util);
    PROBE_MEMBER(hamicore_device_util_t, sm_util);
    PROBE_MEMBER(hamicore_device_util_t, unused);

    PROBE_STRUCT(hamicore_device_memory_v0_t);
    PROBE_MEMBER(hamicore_device_memory_v0_t, context_size);
    PROBE_MEMBER(hamicore_device_memory_v0_t, module_size);
    PROBE_MEMBER(hamicore_device_memory_v0_t, data_size);
    PROBE_MEMBER(hamicore_device_memory_v0_t, offset);
    PROBE_MEMBER(hamicore_device_memory_v0_t, total);

    PROBE_STRUCT(hamicore_device_util_v0_t);
    PROBE_MEMBER(hamicore_device_util_v0_t, dec_util);
    PROBE_MEMBER(hamicore_device_util_v0_t, enc_util);
    PROBE_MEMBER(hamicore_device_util_v0_t, sm_util);
}

static void probe_slots(void) {
    PROBE_STRUCT(hamicore_proc_slot_v0_t);
    PROBE_SLOT_HEAD(hamicore_proc_slot_v0_t);

    PROBE_STRUCT(hamicore_proc_slot_v1_1_t);
    PROBE_SLOT_HEAD(hamicore_proc_slot_v1_1_t);
    PROBE_MEMBER(hamicore_proc_slot_v1_1_t, unused);

    PROBE_STRUCT(hamicore_proc_slot_v1_2_t);
    PROBE_SLOT_HEAD(hamicore_proc_slot_v1_2_t);
    PROBE_MEMBER(hamicore_proc_slot_v1_2_t, seqlock);
    PROBE_MEMBER(hamicore_proc_slot_v1_2_t, unused);
}

static void probe_regions(void) {
    PROBE_STRUCT(hamicore_region_v0_t);
    PROBE_REGION_HEAD(hamicore_region_v0_t);
    PROBE_MEMBER(hamicore_region_v0_t, num);

    PROBE_STRUCT(hamicore_region_v1_1_t);
    PROBE_REGION_HEAD(hamicore_region_v1_1_t);
    PROBE_MEMBER(hamicore_region_v1_1_t, major_version);
    PROBE_MEMBER(hamicore_region_v1_1_t, minor_version);
    PROBE_MEMBER(hamicore_region_v1_1_t, device_num);
    PROBE_MEMBER(hamicore_region_v1_1_t, last_kernel_time);
    PROBE_MEMBER(hamicore_region_v1_1_t, unused);

    PROBE_STRUCT(hamicore_region_v1_2_t);
    PROBE_REGION_HEAD(hamicore_region_v1_2_t);
    PROBE_MEMBER(hamicore_region_v1_2_t, major_version);
    PROBE_MEMBER(hamicore_region_v1_2_t, minor_version);
    PROBE_MEMBER(hamicore_region_v1_2_t, device_num);
    PROBE_MEMBER(hamicore_region_v1_2_t, last_kernel_time);
    PROBE_MEMBER(hamicore_region_v1_2_t, sem_postinit);
}

int main(void) {
    probe_accounting();
    probe_slots();
    probe_regions();
    PROBE_CONST(HAMICORE_REGION_MAGIC);
    PROBE_CONST(HAMICORE_REGION_MAJOR);
    PROBE_CONST(HAMICORE_REGION_MINOR_1_1);
    PROBE_CONST(HAMICORE_REGION_MINOR_1_2);
    PROBE_CONST(HAMICORE_DEVICE_MAX);
    PROBE_CONST(HAMICORE_PROC_MAX);
    PROBE_CONST(HAMICORE_UUID_LEN);
    PROBE_CONST(HAMICORE_REGION_V0_SIZE);
    PROBE_CONST(HAMICORE_REGION_V1_1_SIZE);
    PROBE_CONST(HAMICORE_REGION_V1_2_SIZE);
    return 0;
}
