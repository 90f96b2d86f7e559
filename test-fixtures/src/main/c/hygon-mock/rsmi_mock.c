/*
 * The mock librocm_smi64.so.2: Hygon's rocm_smi fork over the profile's machine. Devices are indices; every
 * device call first passes the gate (initialized? a device of the machine? a fault injected?). Units as the
 * library's: bytes, percent, a packed PCI id.
 */
#include "hygon_mock.h"

#include <string.h>

hygon_mock_machine hygon_machine;
static hygon_mock_machine scratch;
mock_runtime hygon_rt = MOCK_RUNTIME("rsmi-mock", "HYGON_MOCK_PROFILE", hygon_load_profile, &hygon_machine, &scratch);

static hygon_mock_device *device_of(uint32_t dv) {
    return dv < hygon_machine.head.device_count ? &hygon_machine.devices[dv] : NULL;
}

/* The gate of a device call with one out-parameter: 0 to go on. */
static rsmi_status_t gate(hygon_fn fn, uint32_t dv, const void *out) {
    hygon_mock_device *d = device_of(dv);
    int rc = mock_gate_device(mock_rt_initialized(&hygon_rt), d != NULL ? &d->common : NULL, fn, RSMI_STATUS_INIT_ERROR,
                              RSMI_STATUS_INVALID_ARGS);
    return rc != 0 ? (rsmi_status_t)rc : out == NULL ? RSMI_STATUS_INVALID_ARGS : RSMI_STATUS_SUCCESS;
}

static rsmi_status_t system_gate(hygon_fn fn, const void *out) {
    int rc = mock_gate_system(mock_rt_initialized(&hygon_rt), &hygon_machine.head, fn, RSMI_STATUS_INIT_ERROR);
    return rc != 0 ? (rsmi_status_t)rc : out == NULL ? RSMI_STATUS_INVALID_ARGS : RSMI_STATUS_SUCCESS;
}

MOCK_EXPORT hygon_mock_machine *hamiMockRsmiMachine(void) {
    return mock_rt_initialized(&hygon_rt) ? &hygon_machine : NULL;
}

MOCK_EXPORT rsmi_status_t rsmi_init(uint64_t init_flags) {
    (void)init_flags;
    int rc = mock_rt_init(&hygon_rt, hygon_machine.head.faults, FN_rsmi_init);
    return rc == MOCK_NO_PROFILE ? RSMI_STATUS_INIT_ERROR : rc == MOCK_BAD_PROFILE ? RSMI_STATUS_UNKNOWN_ERROR : (rsmi_status_t)rc;
}

MOCK_EXPORT rsmi_status_t rsmi_shut_down(void) {
    static const char placeholder = 0;
    rsmi_status_t rc = system_gate(FN_rsmi_shut_down, &placeholder);
    return rc != RSMI_STATUS_SUCCESS ? rc : mock_rt_shutdown(&hygon_rt, NULL) == 0 ? RSMI_STATUS_SUCCESS : RSMI_STATUS_INIT_ERROR;
}

MOCK_EXPORT rsmi_status_t rsmi_num_monitor_devices(uint32_t *num_devices) {
    rsmi_status_t rc = system_gate(FN_rsmi_num_monitor_devices, num_devices);
    if (rc == RSMI_STATUS_SUCCESS) {
        *num_devices = hygon_machine.head.device_count;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_dev_id_get(uint32_t dv, uint16_t *id) {
    rsmi_status_t rc = gate(FN_rsmi_dev_id_get, dv, id);
    if (rc == RSMI_STATUS_SUCCESS) {
        *id = (uint16_t)device_of(dv)->dev_id;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_dev_name_get(uint32_t dv, char *name, size_t len) {
    rsmi_status_t rc = gate(FN_rsmi_dev_name_get, dv, name);
    if (rc == RSMI_STATUS_SUCCESS && mock_copy_string(device_of(dv)->common.name, name, len) != 0) {
        rc = RSMI_STATUS_INSUFFICIENT_SIZE;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_dev_serial_number_get(uint32_t dv, char *serial_num, uint32_t len) {
    rsmi_status_t rc = gate(FN_rsmi_dev_serial_number_get, dv, serial_num);
    if (rc == RSMI_STATUS_SUCCESS && mock_copy_string(device_of(dv)->common.uuid + 4, serial_num, len) != 0) {
        rc = RSMI_STATUS_INSUFFICIENT_SIZE;
    }
    return rc;
}

static rsmi_status_t memory(hygon_fn fn, uint32_t dv, rsmi_memory_type_t type, uint64_t *out, int used) {
    rsmi_status_t rc = gate(fn, dv, out);
    if (rc == RSMI_STATUS_SUCCESS && type != RSMI_MEM_TYPE_VRAM) {
        return RSMI_STATUS_NOT_SUPPORTED;
    }
    if (rc == RSMI_STATUS_SUCCESS) {
        const mock_device *d = &device_of(dv)->common;
        *out = (used ? d->memory_used_mib : d->memory_total_mib) << 20;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_dev_memory_total_get(uint32_t dv, rsmi_memory_type_t type, uint64_t *total) {
    return memory(FN_rsmi_dev_memory_total_get, dv, type, total, 0);
}

MOCK_EXPORT rsmi_status_t rsmi_dev_memory_usage_get(uint32_t dv, rsmi_memory_type_t type, uint64_t *used) {
    return memory(FN_rsmi_dev_memory_usage_get, dv, type, used, 1);
}

MOCK_EXPORT rsmi_status_t rsmi_dev_busy_percent_get(uint32_t dv, uint32_t *busy_percent) {
    rsmi_status_t rc = gate(FN_rsmi_dev_busy_percent_get, dv, busy_percent);
    if (rc == RSMI_STATUS_SUCCESS) {
        const mock_device *d = &device_of(dv)->common;
        if (!d->has_utilization) {
            return RSMI_STATUS_NOT_SUPPORTED;
        }
        *busy_percent = d->utilization;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_dev_pci_id_get(uint32_t dv, uint64_t *bdfid) {
    rsmi_status_t rc = gate(FN_rsmi_dev_pci_id_get, dv, bdfid);
    if (rc == RSMI_STATUS_SUCCESS) {
        const mock_device *d = &device_of(dv)->common;
        *bdfid = (uint64_t)d->pci_domain << 32 | d->pci_bus << 8 | d->pci_device << 3 | d->pci_function;
    }
    return rc;
}

MOCK_EXPORT rsmi_status_t rsmi_topo_get_numa_node_number(uint32_t dv, uint32_t *numa_node) {
    rsmi_status_t rc = gate(FN_rsmi_topo_get_numa_node_number, dv, numa_node);
    if (rc == RSMI_STATUS_SUCCESS) {
        const mock_device *d = &device_of(dv)->common;
        *numa_node = d->has_numa ? d->numa : 0xFFFFFFFFu;
    }
    return rc;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT rsmi_status_t rsmi_dev_drm_render_minor_get(uint32_t dv, uint32_t *minor) {
    rsmi_status_t rc = gate(FN_rsmi_dev_drm_render_minor_get, dv, minor);
    if (rc == RSMI_STATUS_SUCCESS) {
        *minor = device_of(dv)->common.minor;
    }
    return rc;
}
#endif

/* Node-wide and two-call: procs NULL (or too small a count) answers the count, the latter with INSUFFICIENT_SIZE. */
MOCK_EXPORT rsmi_status_t rsmi_compute_process_info_get(rsmi_process_info_t *procs, uint32_t *num_items) {
    rsmi_status_t rc = system_gate(FN_rsmi_compute_process_info_get, num_items);
    if (rc != RSMI_STATUS_SUCCESS) {
        return rc;
    }
    uint32_t capacity = *num_items;
    *num_items = hygon_machine.process_count;
    if (procs == NULL) {
        return RSMI_STATUS_SUCCESS;
    }
    if (capacity < hygon_machine.process_count) {
        return RSMI_STATUS_INSUFFICIENT_SIZE;
    }
    for (uint32_t i = 0; i < hygon_machine.process_count; i++) {
        memset(&procs[i], 0, sizeof procs[i]);
        procs[i].process_id = hygon_machine.processes[i].pid;
        procs[i].vram_usage = hygon_machine.processes[i].vram_bytes;
        procs[i].cu_occupancy = 10;
    }
    return RSMI_STATUS_SUCCESS;
}

MOCK_CONTROL_EXPORTS(hamiMockRsmi, hygon_rt)
