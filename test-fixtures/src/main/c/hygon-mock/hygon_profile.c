/*
 * Hygon's members of a machine profile, beside the shared ones (mock_device.h): per device "devId" (its PCI
 * device id, e.g. "0x54b7") and "computeUnits" (default 60); top level "processes" [{pid, device, usedMiB}],
 * the node-wide list. A device's "uuid" is "DCU-" and the serial number rocm_smi reports; its "minor" the DRM
 * render minor (128 and up).
 */
#include "hygon_mock.h"

#include <stdio.h>
#include <string.h>

static const char *const function_names[FN_COUNT] = {HYGON_FUNCTIONS(MOCK_FN_NAME)};

static const mock_status_name statuses[] = {
    {"FILE_ERROR", RSMI_STATUS_FILE_ERROR}, {"INVALID_ARGS", RSMI_STATUS_INVALID_ARGS},
    {"NOT_SUPPORTED", RSMI_STATUS_NOT_SUPPORTED}, {"PERMISSION", RSMI_STATUS_PERMISSION},
    {"INIT_ERROR", RSMI_STATUS_INIT_ERROR}, {"NOT_FOUND", RSMI_STATUS_NOT_FOUND}, {"BUSY", RSMI_STATUS_BUSY},
    {"INTERNAL_EXCEPTION", RSMI_STATUS_INTERNAL_EXCEPTION}, {"UNKNOWN_ERROR", (int)RSMI_STATUS_UNKNOWN_ERROR},
    {"DMI_ERROR", DMI_STATUS_ERROR}, {"DMI_OUT_OF_RESOURCES", DMI_STATUS_OUT_OF_RESOURCES},
    {"DMI_DEVICE_BUSY", DMI_STATUS_DEVICE_BUSY},
};

static const mock_api hygon_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    hygon_mock_device *dev = &((hygon_mock_machine *)machine)->devices[index];
    long long dev_id, cus;
    int has_dev_id, has_cus;
    if (strncmp(dev->common.uuid, "DCU-", 4) != 0 || strlen(dev->common.uuid) < 5 || strlen(dev->common.uuid) > 40) {
        return pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is not DCU- and a serial number", dev->common.uuid);
    }
    if (dev->common.has_minor && dev->common.minor < 128) {
        return pf_bad(c, json_member(d, "minor"), "minor", "%u is not a render minor (128 and up)", dev->common.minor);
    }
    if (pf_int(c, d, "devId", 0, 0xFFFF, &dev_id, &has_dev_id) != 0
            || pf_int(c, d, "computeUnits", 1, 1024, &cus, &has_cus) != 0) {
        return -1;
    }
    dev->dev_id = has_dev_id ? (unsigned)dev_id : 0x54b7;
    dev->compute_units = has_cus ? (int)cus : 60;
    if (!dev->common.has_minor) {
        dev->common.minor = 128 + index;
    }
    return 0;
}

static int read_machine(pf_ctx *c, const json_value *root, void *machine) {
    static const char *const keys[] = {"pid", "device", "usedMiB", NULL};
    hygon_mock_machine *m = machine;
    int failed;
    const json_value *list = pf_list(c, root, "processes", HYGON_MOCK_MAX_PROCESSES, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *p = list->child; p != NULL; p = p->next) {
        long long pid, device, used;
        snprintf(c->where, sizeof c->where, "processes[%u]", m->process_count);
        if (p->type != JSON_OBJECT) {
            return pf_bad(c, p, NULL, "expected an object, found %s", json_type_name(p->type));
        }
        if (pf_only_keys(c, p, keys) != 0 || pf_int(c, p, "pid", 1, 0x7fffffff, &pid, NULL) != 0
                || pf_int(c, p, "device", 0, (long long)m->head.device_count - 1, &device, NULL) != 0
                || pf_int(c, p, "usedMiB", 0, 1LL << 30, &used, NULL) != 0) {
            return -1;
        }
        m->processes[m->process_count++] = (hygon_mock_process){(unsigned)pid, (unsigned)device,
                                                                (unsigned long long)used << 20};
    }
    return 0;
}

static const char *const machine_keys[] = {"processes", NULL};
static const char *const device_keys[] = {"devId", "computeUnits", NULL};

const mock_schema hygon_schema = {
    &hygon_api, sizeof(hygon_mock_machine), offsetof(hygon_mock_machine, devices), sizeof(hygon_mock_device),
    machine_keys, device_keys, read_device, read_machine,
};

int hygon_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&hygon_schema, text, len, machine, err, errlen);
}
