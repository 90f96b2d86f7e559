/*
 * The mock of Hygon's two DCU libraries. librocm_smi64.so.2 holds the machine (mock_device.h's schema plus
 * Hygon's members) and the node's process list; libhydmi.so.1 links against it and answers from the same
 * machine through hamiMockRsmiMachine(), only while rocm_smi is initialized (a mock convention: the real
 * hydmi opens /dev/mkfd itself).
 */
#ifndef HYGON_MOCK_H
#define HYGON_MOCK_H

#include "hami/hygon_smi.h"
#include "mock_device.h"
#include "mock_runtime.h"

#define HYGON_FUNCTIONS(X) \
    X(rsmi_init) X(rsmi_shut_down) X(rsmi_num_monitor_devices) X(rsmi_dev_id_get) X(rsmi_dev_name_get) \
    X(rsmi_dev_serial_number_get) X(rsmi_dev_memory_total_get) X(rsmi_dev_memory_usage_get) \
    X(rsmi_dev_busy_percent_get) X(rsmi_dev_pci_id_get) X(rsmi_topo_get_numa_node_number) \
    X(rsmi_dev_drm_render_minor_get) X(rsmi_compute_process_info_get) \
    X(dmiGetDeviceCount) X(dmiGetDeviceInfo) X(dmiGetMaxVDeviceCount) X(dmiGetVDeviceCount) \
    X(dmiGetDeviceRemainingInfo) X(dmiCreateVDevices) X(dmiDestroyVDevices) X(dmiGetVDeviceInfo)

typedef enum { HYGON_FUNCTIONS(MOCK_FN_ID) FN_COUNT } hygon_fn;

#define HYGON_MOCK_MAX_VDCUS 4
#define HYGON_MOCK_MAX_PROCESSES 64
/* vDCU ids: device * VDCU_STRIDE + slot. */
#define HYGON_MOCK_VDCU_STRIDE 8

typedef struct {
    int in_use;
    int compute_units;
    unsigned long long memory_mib;
} hygon_mock_vdcu;

typedef struct {
    mock_device common;               /* minor is the DRM render minor (renderD<minor>) */
    unsigned int dev_id;              /* PCI device id, e.g. 0x54b7 for a Z100 */
    int compute_units;
    hygon_mock_vdcu vdcus[HYGON_MOCK_MAX_VDCUS];
} hygon_mock_device;

typedef struct {
    unsigned int pid, device;
    unsigned long long vram_bytes;
} hygon_mock_process;

typedef struct {
    mock_machine_head head;
    hygon_mock_device devices[MOCK_MAX_DEVICES];
    unsigned int process_count;
    hygon_mock_process processes[HYGON_MOCK_MAX_PROCESSES];
} hygon_mock_machine;

extern hygon_mock_machine hygon_machine;
extern mock_runtime hygon_rt;
extern const mock_schema hygon_schema;

int hygon_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen);

/* Exported by librocm_smi64 for libhydmi: the machine while rocm_smi is initialized, else NULL. */
MOCK_EXPORT hygon_mock_machine *hamiMockRsmiMachine(void);

#endif
