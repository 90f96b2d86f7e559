/*
 * hami-java's minimal view of Hygon's two DCU libraries, written from the facts of their headers and
 * symbol tables (gcc, LP64; docs/vendors.md, "Hygon — rocm_smi fork and hydmi"); neither is Hygon's header:
 *   - librocm_smi64.so.2, Hygon's fork of ROCm-SMI 2.8: devices are indices 0..N-1 (uint32_t dv_ind);
 *   - libhydmi.so.1, the vDCU library: devices are int indices; its symbols carry the ELF version DMI_1.
 * The fork's structs differ from upstream ROCm-SMI's (rsmi_process_info_t has cu_occupancy): never pair this
 * header with an upstream librocm_smi64.so.5, 6 or 7.
 */
#ifndef HAMI_HYGON_SMI_H
#define HAMI_HYGON_SMI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- rocm_smi --------------------------------------------------------------------------------- */

typedef enum {
    RSMI_STATUS_SUCCESS = 0,
    RSMI_STATUS_INVALID_ARGS = 1,
    RSMI_STATUS_NOT_SUPPORTED = 2,
    RSMI_STATUS_FILE_ERROR = 3,
    RSMI_STATUS_PERMISSION = 4,
    RSMI_STATUS_OUT_OF_RESOURCES = 5,
    RSMI_STATUS_INTERNAL_EXCEPTION = 6,
    RSMI_STATUS_INPUT_OUT_OF_BOUNDS = 7,
    RSMI_STATUS_INIT_ERROR = 8,
    RSMI_STATUS_NOT_YET_IMPLEMENTED = 9,
    RSMI_STATUS_NOT_FOUND = 10,
    RSMI_STATUS_INSUFFICIENT_SIZE = 11,
    RSMI_STATUS_INTERRUPT = 12,
    RSMI_STATUS_UNEXPECTED_SIZE = 13,
    RSMI_STATUS_NO_DATA = 14,
    RSMI_STATUS_UNEXPECTED_DATA = 15,
    RSMI_STATUS_BUSY = 16,
    RSMI_STATUS_REFCOUNT_OVERFLOW = 17,
    RSMI_STATUS_SETTING_UNAVAILABLE = 18,
    RSMI_STATUS_AMDGPU_RESTART_ERR = 19
} rsmi_status_t;
/* Outside the enum: ISO C keeps enumerators within int. As a 4-byte status it reads as -1. */
#define RSMI_STATUS_UNKNOWN_ERROR ((rsmi_status_t)0xFFFFFFFFu)

typedef enum { RSMI_MEM_TYPE_VRAM = 0, RSMI_MEM_TYPE_VIS_VRAM = 1, RSMI_MEM_TYPE_GTT = 2 } rsmi_memory_type_t;

/* Bytes, microseconds and percent. */
typedef struct {
    uint32_t process_id;
    uint32_t pasid;
    uint64_t vram_usage;
    uint64_t sdma_usage;
    uint32_t cu_occupancy;
} rsmi_process_info_t;

rsmi_status_t rsmi_init(uint64_t init_flags);
rsmi_status_t rsmi_shut_down(void);
rsmi_status_t rsmi_num_monitor_devices(uint32_t *num_devices);
rsmi_status_t rsmi_dev_id_get(uint32_t dv_ind, uint16_t *id);
/* The length is a size_t here, unlike the serial's. */
rsmi_status_t rsmi_dev_name_get(uint32_t dv_ind, char *name, size_t len);
rsmi_status_t rsmi_dev_serial_number_get(uint32_t dv_ind, char *serial_num, uint32_t len);
rsmi_status_t rsmi_dev_memory_total_get(uint32_t dv_ind, rsmi_memory_type_t mem_type, uint64_t *total);
rsmi_status_t rsmi_dev_memory_usage_get(uint32_t dv_ind, rsmi_memory_type_t mem_type, uint64_t *used);
rsmi_status_t rsmi_dev_busy_percent_get(uint32_t dv_ind, uint32_t *busy_percent);
/* domain in bits 63..32, bus 15..8, device 7..3, function 2..0. */
rsmi_status_t rsmi_dev_pci_id_get(uint32_t dv_ind, uint64_t *bdfid);
rsmi_status_t rsmi_topo_get_numa_node_number(uint32_t dv_ind, uint32_t *numa_node);
rsmi_status_t rsmi_dev_drm_render_minor_get(uint32_t dv_ind, uint32_t *minor);
/* Node-wide; procs NULL asks for the count; too small answers RSMI_STATUS_INSUFFICIENT_SIZE. */
rsmi_status_t rsmi_compute_process_info_get(rsmi_process_info_t *procs, uint32_t *num_items);

/* ---- hydmi ------------------------------------------------------------------------------------- */

typedef enum {
    DMI_STATUS_SUCCESS = 0,
    DMI_STATUS_ERROR = 1,
    DMI_STATUS_NO_MEMORY = 2,
    DMI_STATUS_NOT_SUPPORTED = 6,
    DMI_STATUS_CREATE_VDEV_FAILED = 8,
    DMI_STATUS_DESTROY_VDEV_FAILED = 9,
    DMI_STATUS_INVALID_ARGUMENTS = 10,
    DMI_STATUS_OUT_OF_RESOURCES = 11,
    DMI_STATUS_ERROR_NOT_INITIALIZED = 13,
    DMI_STATUS_VDEV_NOT_EXIST = 15,
    DMI_STATUS_DEVICE_BUSY = 17
} dmiStatus;

/* Bytes. */
typedef struct {
    char name[256];
    int compute_unit_count;
    size_t global_mem_size;
    size_t usage_mem_size;
    uint64_t container_id;
    int device_id;
} dmiDeviceInfo;

dmiStatus dmiGetDeviceCount(int *count);
dmiStatus dmiGetDeviceInfo(int device_id, dmiDeviceInfo *info);
dmiStatus dmiGetMaxVDeviceCount(int *count);
dmiStatus dmiGetVDeviceCount(int *count);
dmiStatus dmiGetDeviceRemainingInfo(int device_id, size_t *cus, size_t *memories);
dmiStatus dmiCreateVDevices(int device_id, int vdev_count, int *vdev_cus, int *vdev_mem_size);
dmiStatus dmiDestroyVDevices(int device_id);
dmiStatus dmiGetVDeviceInfo(int vdev_id, dmiDeviceInfo *info);

#ifdef __cplusplus
}
#endif

#endif
