/*
 * The mock libhydmi.so.1: vDCUs over the rocm_smi mock's machine (hamiMockRsmiMachine). A device is carved into
 * at most HYGON_MOCK_MAX_VDCUS vDCUs of the compute units and memory it has left; vDCU ids are
 * device * HYGON_MOCK_VDCU_STRIDE + slot. The symbols carry the ELF version DMI_1 (hydmi.map), as Hygon's do.
 */
#include "hygon_mock.h"

#include <stdio.h>
#include <string.h>

/* The machine, or NULL with *rc set: not initialized, or a fault the profile injects. */
static hygon_mock_machine *machine(hygon_fn fn, dmiStatus *rc) {
    hygon_mock_machine *m = hamiMockRsmiMachine();
    *rc = m == NULL ? DMI_STATUS_ERROR_NOT_INITIALIZED : (dmiStatus)m->head.faults[fn];
    return *rc == DMI_STATUS_SUCCESS ? m : NULL;
}

static hygon_mock_device *device(hygon_fn fn, int device_id, dmiStatus *rc) {
    hygon_mock_machine *m = machine(fn, rc);
    if (m == NULL) {
        return NULL;
    }
    if (device_id < 0 || (unsigned)device_id >= m->head.device_count) {
        *rc = DMI_STATUS_INVALID_ARGUMENTS;
        return NULL;
    }
    *rc = (dmiStatus)m->devices[device_id].common.faults[fn];
    return *rc == DMI_STATUS_SUCCESS ? &m->devices[device_id] : NULL;
}

static void remaining(const hygon_mock_device *d, size_t *cus, size_t *mib) {
    *cus = (size_t)d->compute_units;
    *mib = d->common.memory_total_mib;
    for (int s = 0; s < HYGON_MOCK_MAX_VDCUS; s++) {
        if (d->vdcus[s].in_use) {
            *cus -= (size_t)d->vdcus[s].compute_units;
            *mib -= d->vdcus[s].memory_mib;
        }
    }
}

MOCK_EXPORT dmiStatus dmiGetDeviceCount(int *count) {
    dmiStatus rc;
    hygon_mock_machine *m = machine(FN_dmiGetDeviceCount, &rc);
    if (m != NULL && count != NULL) {
        *count = (int)m->head.device_count;
    }
    return m != NULL && count == NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
}

MOCK_EXPORT dmiStatus dmiGetDeviceInfo(int device_id, dmiDeviceInfo *info) {
    dmiStatus rc;
    hygon_mock_device *d = device(FN_dmiGetDeviceInfo, device_id, &rc);
    if (d != NULL && info != NULL) {
        memset(info, 0, sizeof *info);
        snprintf(info->name, sizeof info->name, "%s", d->common.name);
        info->compute_unit_count = d->compute_units;
        info->global_mem_size = (size_t)d->common.memory_total_mib << 20;
        info->usage_mem_size = (size_t)d->common.memory_used_mib << 20;
        info->device_id = device_id;
    }
    return d != NULL && info == NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
}

MOCK_EXPORT dmiStatus dmiGetMaxVDeviceCount(int *count) {
    dmiStatus rc;
    hygon_mock_machine *m = machine(FN_dmiGetMaxVDeviceCount, &rc);
    if (m != NULL && count != NULL) {
        *count = (int)m->head.device_count * HYGON_MOCK_MAX_VDCUS;
    }
    return m != NULL && count == NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
}

MOCK_EXPORT dmiStatus dmiGetVDeviceCount(int *count) {
    dmiStatus rc;
    hygon_mock_machine *m = machine(FN_dmiGetVDeviceCount, &rc);
    if (m == NULL || count == NULL) {
        return m != NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
    }
    *count = 0;
    for (unsigned i = 0; i < m->head.device_count; i++) {
        for (int s = 0; s < HYGON_MOCK_MAX_VDCUS; s++) {
            *count += m->devices[i].vdcus[s].in_use;
        }
    }
    return DMI_STATUS_SUCCESS;
}

MOCK_EXPORT dmiStatus dmiGetDeviceRemainingInfo(int device_id, size_t *cus, size_t *memories) {
    dmiStatus rc;
    hygon_mock_device *d = device(FN_dmiGetDeviceRemainingInfo, device_id, &rc);
    if (d == NULL || cus == NULL || memories == NULL) {
        return d != NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
    }
    size_t mib;
    remaining(d, cus, &mib);
    *memories = mib << 20;
    return DMI_STATUS_SUCCESS;
}

/* vdev_mem_size in MiB per vDCU; all or nothing. */
MOCK_EXPORT dmiStatus dmiCreateVDevices(int device_id, int vdev_count, int *vdev_cus, int *vdev_mem_size) {
    dmiStatus rc;
    hygon_mock_device *d = device(FN_dmiCreateVDevices, device_id, &rc);
    if (d == NULL || vdev_count <= 0 || vdev_cus == NULL || vdev_mem_size == NULL) {
        return d != NULL ? DMI_STATUS_INVALID_ARGUMENTS : rc;
    }
    size_t cus, mib, free_slots = 0, want_cus = 0, want_mib = 0;
    remaining(d, &cus, &mib);
    for (int s = 0; s < HYGON_MOCK_MAX_VDCUS; s++) {
        free_slots += !d->vdcus[s].in_use;
    }
    for (int v = 0; v < vdev_count; v++) {
        if (vdev_cus[v] <= 0 || vdev_mem_size[v] <= 0) {
            return DMI_STATUS_INVALID_ARGUMENTS;
        }
        want_cus += (size_t)vdev_cus[v];
        want_mib += (size_t)vdev_mem_size[v];
    }
    if ((size_t)vdev_count > free_slots || want_cus > cus || want_mib > mib) {
        return DMI_STATUS_OUT_OF_RESOURCES;
    }
    for (int v = 0, s = 0; v < vdev_count; s++) {
        if (!d->vdcus[s].in_use) {
            d->vdcus[s] = (hygon_mock_vdcu){1, vdev_cus[v], (unsigned long long)vdev_mem_size[v]};
            v++;
        }
    }
    return DMI_STATUS_SUCCESS;
}

MOCK_EXPORT dmiStatus dmiDestroyVDevices(int device_id) {
    dmiStatus rc;
    hygon_mock_device *d = device(FN_dmiDestroyVDevices, device_id, &rc);
    if (d != NULL) {
        memset(d->vdcus, 0, sizeof d->vdcus);
    }
    return rc;
}

MOCK_EXPORT dmiStatus dmiGetVDeviceInfo(int vdev_id, dmiDeviceInfo *info) {
    dmiStatus rc;
    hygon_mock_device *d = device(FN_dmiGetVDeviceInfo, vdev_id / HYGON_MOCK_VDCU_STRIDE, &rc);
    int slot = vdev_id % HYGON_MOCK_VDCU_STRIDE;
    if (d == NULL || info == NULL || slot >= HYGON_MOCK_MAX_VDCUS || !d->vdcus[slot].in_use) {
        return d == NULL ? rc : info == NULL ? DMI_STATUS_INVALID_ARGUMENTS : DMI_STATUS_VDEV_NOT_EXIST;
    }
    memset(info, 0, sizeof *info);
    snprintf(info->name, sizeof info->name, "%s vDCU %d", d->common.name, slot);
    info->compute_unit_count = d->vdcus[slot].compute_units;
    info->global_mem_size = (size_t)d->vdcus[slot].memory_mib << 20;
    info->device_id = vdev_id;
    return DMI_STATUS_SUCCESS;
}
