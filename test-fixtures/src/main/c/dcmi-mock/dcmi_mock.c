/*
 * The mock libdcmi.so's chip queries. A chip is found by its (card, device) pair; every query first passes
 * the gate (initialized? a chip of the machine? a fault injected?). DCMI has no shutdown: its init counts once
 * (mock_runtime.h), and errors are negative.
 */
#include "dcmi_mock.h"

#include <stdio.h>
#include <string.h>

dcmi_mock_machine dcmi_machine;
static dcmi_mock_machine scratch;
mock_runtime dcmi_rt = {.tag = "dcmi-mock", .env = "DCMI_MOCK_PROFILE", .load = dcmi_load_profile,
                        .machine = &dcmi_machine, .scratch = &scratch, .lock = PTHREAD_MUTEX_INITIALIZER,
                        .once = 1, .on_load = dcmi_events_reset};

static dcmi_mock_device *chip(int card, int device) {
    for (unsigned i = 0; i < dcmi_machine.head.device_count; i++) {
        if (dcmi_machine.devices[i].card == card && dcmi_machine.devices[i].device_in_card == device) {
            return &dcmi_machine.devices[i];
        }
    }
    return NULL;
}

/* The gate of a chip call with one out-parameter: 0 to go on. */
static int gate(dcmi_fn fn, int card, int device, const void *out) {
    dcmi_mock_device *d = chip(card, device);
    int rc = mock_gate_device(mock_rt_initialized(&dcmi_rt), d != NULL ? &d->common : NULL, fn, DCMI_ERR_NOT_READY,
                              DCMI_ERR_INVALID_DEVICE_ID);
    return rc != 0 ? rc : out == NULL ? DCMI_ERR_INVALID_PARAMETER : DCMI_OK;
}

static int system_gate(dcmi_fn fn, const void *out) {
    int rc = mock_gate_system(mock_rt_initialized(&dcmi_rt), &dcmi_machine.head, fn, DCMI_ERR_NOT_READY);
    return rc != 0 ? rc : out == NULL ? DCMI_ERR_INVALID_PARAMETER : DCMI_OK;
}

MOCK_EXPORT int dcmi_init(void) {
    int rc = mock_rt_init(&dcmi_rt, dcmi_machine.head.faults, FN_dcmi_init);
    return rc == MOCK_NO_PROFILE ? DCMI_ERR_DEVICE_NOT_EXIST : rc == MOCK_BAD_PROFILE ? DCMI_ERR_INTERNAL : rc;
}

/* Cards in the order their first chip appears. */
MOCK_EXPORT int dcmi_get_card_list(int *card_num, int *card_list, int list_len) {
    int rc = system_gate(FN_dcmi_get_card_list, card_num);
    if (rc != DCMI_OK || card_list == NULL) {
        return rc != DCMI_OK ? rc : DCMI_ERR_INVALID_PARAMETER;
    }
    int n = 0;
    for (unsigned i = 0; i < dcmi_machine.head.device_count; i++) {
        int card = dcmi_machine.devices[i].card, seen = 0;
        for (int j = 0; j < n && !seen; j++) {
            seen = card_list[j] == card;
        }
        if (!seen && n == list_len) {
            return DCMI_ERR_INVALID_PARAMETER;
        }
        if (!seen) {
            card_list[n++] = card;
        }
    }
    *card_num = n;
    return DCMI_OK;
}

MOCK_EXPORT int dcmi_get_device_num_in_card(int card_id, int *device_num) {
    int rc = system_gate(FN_dcmi_get_device_num_in_card, device_num);
    if (rc != DCMI_OK) {
        return rc;
    }
    int n = 0;
    for (unsigned i = 0; i < dcmi_machine.head.device_count; i++) {
        n += dcmi_machine.devices[i].card == card_id;
    }
    *device_num = n;
    return n > 0 ? DCMI_OK : DCMI_ERR_INVALID_DEVICE_ID;
}

MOCK_EXPORT int dcmi_get_card_id_device_id_from_logicid(int *card_id, int *device_id, unsigned int logic) {
    int rc = system_gate(FN_dcmi_get_card_id_device_id_from_logicid, card_id);
    if (rc != DCMI_OK || device_id == NULL || logic >= dcmi_machine.head.device_count) {
        return rc != DCMI_OK ? rc : device_id == NULL ? DCMI_ERR_INVALID_PARAMETER : DCMI_ERR_INVALID_DEVICE_ID;
    }
    dcmi_mock_device *d = &dcmi_machine.devices[logic];
    if (d->common.faults[FN_dcmi_get_card_id_device_id_from_logicid] != 0) {
        return d->common.faults[FN_dcmi_get_card_id_device_id_from_logicid];
    }
    *card_id = d->card;
    *device_id = d->device_in_card;
    return DCMI_OK;
}

MOCK_EXPORT int dcmi_get_device_phyid_from_logicid(unsigned int logic, unsigned int *phyid) {
    int rc = system_gate(FN_dcmi_get_device_phyid_from_logicid, phyid);
    if (rc != DCMI_OK || logic >= dcmi_machine.head.device_count) {
        return rc != DCMI_OK ? rc : DCMI_ERR_INVALID_DEVICE_ID;
    }
    *phyid = dcmi_machine.devices[logic].common.minor;
    return DCMI_OK;
}

MOCK_EXPORT int dcmi_get_device_die_v2(int card_id, int device_id, enum dcmi_die_type type, struct dcmi_die_id *die) {
    int rc = gate(FN_dcmi_get_device_die_v2, card_id, device_id, die);
    if (rc == DCMI_OK && type != VDIE) {
        return DCMI_ERR_NOT_SUPPORTED;
    }
    if (rc == DCMI_OK) {
        memcpy(die->soc_die, chip(card_id, device_id)->die, sizeof die->soc_die);
    }
    return rc;
}

MOCK_EXPORT int dcmi_get_device_chip_info(int card_id, int device_id, struct dcmi_chip_info *info) {
    int rc = gate(FN_dcmi_get_device_chip_info, card_id, device_id, info);
    if (rc == DCMI_OK) {
        const dcmi_mock_device *d = chip(card_id, device_id);
        memset(info, 0, sizeof *info);
        snprintf((char *)info->chip_type, sizeof info->chip_type, "Ascend");
        snprintf((char *)info->chip_name, sizeof info->chip_name, "%s", d->chip_name);
        snprintf((char *)info->chip_ver, sizeof info->chip_ver, "V1");
        info->aicore_cnt = d->aicore;
    }
    return rc;
}

MOCK_EXPORT int dcmi_get_device_memory_info_v3(int card_id, int device_id, struct dcmi_get_memory_info_stru *info) {
    int rc = gate(FN_dcmi_get_device_memory_info_v3, card_id, device_id, info);
    if (rc == DCMI_OK) {
        const mock_device *d = &chip(card_id, device_id)->common;
        memset(info, 0, sizeof *info);
        info->memory_size = d->memory_total_mib;
        info->memory_available = d->memory_total_mib - d->memory_used_mib;
        info->utiliza = (unsigned)(d->memory_used_mib * 100 / d->memory_total_mib);
    }
    return rc;
}

MOCK_EXPORT int dcmi_get_device_hbm_info(int card_id, int device_id, struct dcmi_hbm_info *info) {
    int rc = gate(FN_dcmi_get_device_hbm_info, card_id, device_id, info);
    if (rc == DCMI_OK && !chip(card_id, device_id)->hbm) {
        return DCMI_ERR_NOT_SUPPORTED;
    }
    if (rc == DCMI_OK) {
        const mock_device *d = &chip(card_id, device_id)->common;
        memset(info, 0, sizeof *info);
        info->memory_size = d->memory_total_mib;
        info->memory_usage = d->memory_used_mib;
    }
    return rc;
}

MOCK_EXPORT int dcmi_get_device_utilization_rate(int card_id, int device_id, int input_type, unsigned int *rate) {
    int rc = gate(FN_dcmi_get_device_utilization_rate, card_id, device_id, rate);
    if (rc == DCMI_OK) {
        const mock_device *d = &chip(card_id, device_id)->common;
        if (input_type != DCMI_UTILIZATION_AICORE && input_type != DCMI_UTILIZATION_HBM) {
            return DCMI_ERR_INVALID_PARAMETER;
        }
        if (input_type == DCMI_UTILIZATION_AICORE && !d->has_utilization) {
            return DCMI_ERR_NOT_SUPPORTED;
        }
        *rate = input_type == DCMI_UTILIZATION_AICORE ? d->utilization
                : (unsigned)(d->memory_used_mib * 100 / d->memory_total_mib);
    }
    return rc;
}

#ifndef MOCK_OLD_LIBRARY
MOCK_EXPORT int dcmi_get_device_pcie_info_v2(int card_id, int device_id, struct dcmi_pcie_info_all *info) {
    int rc = gate(FN_dcmi_get_device_pcie_info_v2, card_id, device_id, info);
    if (rc == DCMI_OK) {
        const mock_device *d = &chip(card_id, device_id)->common;
        memset(info, 0, sizeof *info);
        info->venderid = 0x19E5;
        info->deviceid = 0xD802;
        info->domain = (int)d->pci_domain;
        info->bdf_busid = d->pci_bus;
        info->bdf_deviceid = d->pci_device;
        info->bdf_funcid = d->pci_function;
    }
    return rc;
}
#endif

/* An unhealthy chip reports a major alarm (2). */
MOCK_EXPORT int dcmi_get_device_health(int card_id, int device_id, unsigned int *health) {
    int rc = gate(FN_dcmi_get_device_health, card_id, device_id, health);
    if (rc == DCMI_OK) {
        *health = chip(card_id, device_id)->common.healthy ? 0 : 2;
    }
    return rc;
}

MOCK_EXPORT int dcmi_create_vdevice(int card_id, int device_id, struct dcmi_create_vdev_res_stru *vdev,
                                    struct dcmi_create_vdev_out *out) {
    int rc = gate(FN_dcmi_create_vdevice, card_id, device_id, vdev);
    if (rc != DCMI_OK || out == NULL) {
        return rc != DCMI_OK ? rc : DCMI_ERR_INVALID_PARAMETER;
    }
    dcmi_mock_device *d = chip(card_id, device_id);
    int known = 0;
    for (unsigned t = 0; t < d->template_count && !known; t++) {
        known = strncmp(d->templates[t], vdev->template_name, DCMI_TEMPLATE_NAME_SIZE) == 0;
    }
    if (!known) {
        return DCMI_ERR_INVALID_PARAMETER;
    }
    for (unsigned s = 0; s < DCMI_MOCK_MAX_VNPUS; s++) {
        if (d->vnpus[s] == 0) {
            d->vnpus[s] = vdev->vdev_id != 0 ? vdev->vdev_id : 100 + 16 * d->common.minor + s;
            memset(out, 0, sizeof *out);
            out->vdev_id = d->vnpus[s];
            out->vfg_id = vdev->vfg_id;
            out->pcie_bus = d->common.pci_bus;
            out->pcie_device = d->common.pci_device;
            out->pcie_func = s + 1;
            return DCMI_OK;
        }
    }
    return DCMI_ERR_RESOURCE_OCCUPIED;
}

MOCK_EXPORT int dcmi_set_destroy_vdevice(int card_id, int device_id, unsigned int vdevid) {
    static const char placeholder = 0;
    int rc = gate(FN_dcmi_set_destroy_vdevice, card_id, device_id, &placeholder);
    if (rc != DCMI_OK) {
        return rc;
    }
    dcmi_mock_device *d = chip(card_id, device_id);
    for (unsigned s = 0; s < DCMI_MOCK_MAX_VNPUS; s++) {
        if (vdevid != 0 && d->vnpus[s] == vdevid) {
            d->vnpus[s] = 0;
            return DCMI_OK;
        }
    }
    return DCMI_ERR_INVALID_PARAMETER;
}

/* The vNPUs created and not yet destroyed, on every chip. */
MOCK_EXPORT int hamiMockDcmiLiveVnpus(void) {
    int n = 0;
    for (unsigned i = 0; i < dcmi_machine.head.device_count; i++) {
        for (unsigned s = 0; s < DCMI_MOCK_MAX_VNPUS; s++) {
            n += dcmi_machine.devices[i].vnpus[s] != 0;
        }
    }
    return n;
}

MOCK_CONTROL_EXPORTS(hamiMockDcmi, dcmi_rt)
