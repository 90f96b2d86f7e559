/*
 * Machine profiles: JSON text into a mock_machine. Strict, so that a typo in a profile is an error
 * naming the member and its position, never a silently different machine. The members are listed in
 * test-fixtures/src/main/resources/nvml-profiles/README.md.
 */
#include "nvml_profile_parts.h"

#include <stdio.h>
#include <string.h>

#define MIB (1024ULL * 1024ULL)

static const char *const function_names[FN_COUNT] = {MOCK_FUNCTIONS(MOCK_FN_NAME)};

static const mock_status_name statuses[] = {
    {"UNINITIALIZED", NVML_ERROR_UNINITIALIZED}, {"INVALID_ARGUMENT", NVML_ERROR_INVALID_ARGUMENT},
    {"NOT_SUPPORTED", NVML_ERROR_NOT_SUPPORTED}, {"NO_PERMISSION", NVML_ERROR_NO_PERMISSION},
    {"NOT_FOUND", NVML_ERROR_NOT_FOUND}, {"INSUFFICIENT_SIZE", NVML_ERROR_INSUFFICIENT_SIZE},
    {"DRIVER_NOT_LOADED", NVML_ERROR_DRIVER_NOT_LOADED}, {"TIMEOUT", NVML_ERROR_TIMEOUT},
    {"LIBRARY_NOT_FOUND", NVML_ERROR_LIBRARY_NOT_FOUND}, {"FUNCTION_NOT_FOUND", NVML_ERROR_FUNCTION_NOT_FOUND},
    {"GPU_IS_LOST", NVML_ERROR_GPU_IS_LOST}, {"RESET_REQUIRED", NVML_ERROR_RESET_REQUIRED},
    {"LIB_RM_VERSION_MISMATCH", NVML_ERROR_LIB_RM_VERSION_MISMATCH}, {"IN_USE", NVML_ERROR_IN_USE},
    {"NO_DATA", NVML_ERROR_NO_DATA}, {"ARGUMENT_VERSION_MISMATCH", NVML_ERROR_ARGUMENT_VERSION_MISMATCH},
    {"GPU_NOT_FOUND", NVML_ERROR_GPU_NOT_FOUND}, {"INSUFFICIENT_RESOURCES", NVML_ERROR_INSUFFICIENT_RESOURCES},
    {"INVALID_STATE", NVML_ERROR_INVALID_STATE}, {"UNKNOWN", NVML_ERROR_UNKNOWN},
};

const mock_api nvml_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int load_memory(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    long long total, reserved = 0, used, bar1_total, bar1_used = 0;
    int has_reserved, has_bar1_used;
    if (pf_int(c, d, "memoryTotalMiB", 1, 1LL << 30, &total, NULL) != 0
            || pf_int(c, d, "memoryReservedMiB", 0, 1LL << 30, &reserved, &has_reserved) != 0
            || pf_int(c, d, "memoryUsedMiB", 0, 1LL << 30, &used, NULL) != 0
            || pf_int(c, d, "bar1TotalMiB", 1, 1LL << 30, &bar1_total, &dev->has_bar1) != 0
            || pf_int(c, d, "bar1UsedMiB", 0, 1LL << 30, &bar1_used, &has_bar1_used) != 0) {
        return -1;
    }
    if (!has_reserved) {
        reserved = 0;
    }
    if (reserved + used > total) {
        return pf_bad(c, json_member(d, "memoryUsedMiB"), "memoryUsedMiB", "used + reserved exceeds memoryTotalMiB");
    }
    if (dev->has_bar1 && has_bar1_used && bar1_used > bar1_total) {
        return pf_bad(c, json_member(d, "bar1UsedMiB"), "bar1UsedMiB", "exceeds bar1TotalMiB");
    }
    dev->memory_total = (unsigned long long)total * MIB;
    dev->memory_reserved = (unsigned long long)reserved * MIB;
    dev->memory_used = (unsigned long long)used * MIB;
    dev->bar1_total = dev->has_bar1 ? (unsigned long long)bar1_total * MIB : 0;
    dev->bar1_used = has_bar1_used ? (unsigned long long)bar1_used * MIB : 0;
    return 0;
}

static int load_optional(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    long long numa, temp, power, arch, events, x, y;
    int has_events;
    if (pf_int(c, d, "numaNode", 0, 1023, &numa, &dev->has_numa) != 0
            || pf_int(c, d, "temperatureC", 0, 200, &temp, &dev->has_temperature) != 0
            || pf_int(c, d, "powerMilliwatts", 0, 10000000, &power, &dev->has_power) != 0
            || pf_int(c, d, "architecture", 0, 0xFFFFFFFFLL, &arch, &dev->has_architecture) != 0
            || pf_int(c, d, "supportedEvents", 0, 0xFFFF, &events, &has_events) != 0) {
        return -1;
    }
    dev->numa = (unsigned)numa;
    dev->temperature = (unsigned)temp;
    dev->power = (unsigned)power;
    dev->architecture = (unsigned)arch;
    dev->supported_events = has_events ? (unsigned long long)events
            : nvmlEventTypeXidCriticalError | nvmlEventTypeDoubleBitEccError | nvmlEventTypeSingleBitEccError;
    if (pf_pair(c, d, "utilization", "gpu", "memory", 100, &x, &y, &dev->has_utilization) != 0) {
        return -1;
    }
    dev->utilization.gpu = (unsigned)x;
    dev->utilization.memory = (unsigned)y;
    if (pf_pair(c, d, "migMode", "current", "pending", 1, &x, &y, &dev->has_mig) != 0) {
        return -1;
    }
    dev->mig_current = (unsigned)x;
    dev->mig_pending = (unsigned)y;
    if (pf_pair(c, d, "computeCapability", "major", "minor", 99, &x, &y, &dev->has_compute_capability) != 0) {
        return -1;
    }
    dev->cc_major = (int)x;
    dev->cc_minor = (int)y;
    return 0;
}

/* "ixml": {"health": mask, "boardPosition": n, "voltageMv": mV, "eccSingle": n, "eccDouble": n}, all optional. */
static int load_ixml(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    static const char *const keys[] = {"health", "boardPosition", "voltageMv", "eccSingle", "eccDouble", NULL};
    long long health = 0, board = 0, volts = 850, single = 0, dbl = 0;
    int failed, present;
    const json_value *o = pf_container(c, d, "ixml", JSON_OBJECT, &failed);
    if (!failed && o != NULL) {
        size_t n = strlen(c->where);
        snprintf(c->where + n, sizeof c->where - n, ".ixml");
        failed = pf_only_keys(c, o, keys) != 0 || pf_int(c, o, "health", 0, 0x7F, &health, &present) != 0
                || pf_int(c, o, "boardPosition", 0, 64, &board, &present) != 0
                || pf_int(c, o, "voltageMv", 0, 5000, &volts, &present) != 0
                || pf_int(c, o, "eccSingle", 0, 1 << 30, &single, &present) != 0
                || pf_int(c, o, "eccDouble", 0, 1 << 30, &dbl, &present) != 0;
        c->where[n] = '\0';
    }
    dev->ixml_health = (unsigned long long)health;
    dev->ixml_board_position = (unsigned)board;
    dev->ixml_voltage_mv = (unsigned)volts;
    dev->ixml_ecc_single = (unsigned)single;
    dev->ixml_ecc_double = (unsigned)dbl;
    return failed ? -1 : 0;
}

static int load_device(pf_ctx *c, const json_value *d, unsigned index, mock_machine *m) {
    static const char *const keys[] = {
        "uuid", "name", "serial", "minor", "memoryTotalMiB", "memoryReservedMiB", "memoryUsedMiB",
        "bar1TotalMiB", "bar1UsedMiB", "pciBusId", "pciDeviceId", "pciSubSystemId", "numaNode",
        "utilization", "temperatureC", "powerMilliwatts", "migMode", "architecture", "computeCapability",
        "supportedEvents", "processes", "lost", "faults", "nvlinks", "commonAncestor", "migProfiles", "migInstances",
#ifdef MOCK_IXML
        "ixml",
#endif
        NULL};
    struct nvmlDevice_st *dev = &m->devices[index];
    long long minor;
    if (d->type != JSON_OBJECT) {
        return pf_bad(c, d, NULL, "expected an object, found %s", json_type_name(d->type));
    }
    dev->index = index;
    if (pf_only_keys(c, d, keys) != 0
            || pf_string(c, d, "uuid", dev->uuid, sizeof dev->uuid, NULL) != 0
            || pf_string(c, d, "name", dev->name, sizeof dev->name, NULL) != 0
            || pf_string(c, d, "serial", dev->serial, sizeof dev->serial, &dev->has_serial) != 0
            || pf_int(c, d, "minor", 0, 255, &minor, NULL) != 0
            || load_memory(c, d, dev) != 0 || pf_pci(c, d, &dev->pci) != 0 || load_optional(c, d, dev) != 0
            || pf_processes(c, d, dev) != 0 || pf_bool(c, d, "lost", &dev->lost) != 0
            || pf_faults(c, d, &nvml_api, dev->faults) != 0 || load_ixml(c, d, dev) != 0
            || pf_nvlinks(c, d, dev) != 0 || pf_ancestors(c, d, dev) != 0 || pf_mig(c, d, m, dev) != 0) {
        return -1;
    }
    dev->minor = (unsigned)minor;
    for (unsigned i = 0; i < index; i++) {
        if (strcmp(m->devices[i].uuid, dev->uuid) == 0) {
            return pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is also the uuid of devices[%u]", dev->uuid, i);
        }
    }
    return 0;
}

/* "xidEvents": [{"device": 1, "xid": 79, "gpuInstanceId": 1, "computeInstanceId": 0}] */
static int load_events(pf_ctx *c, const json_value *root, mock_machine *m) {
    static const char *const keys[] = {"device", "xid", "gpuInstanceId", "computeInstanceId", NULL};
    int failed;
    const json_value *list = pf_list(c, root, "xidEvents", MOCK_MAX_EVENTS, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *e = list->child; e != NULL; e = e->next) {
        mock_event *me = &m->events[m->event_count];
        long long device, xid, gi, ci;
        int has_gi, has_ci;
        snprintf(c->where, sizeof c->where, "xidEvents[%u]", m->event_count);
        if (e->type != JSON_OBJECT) {
            return pf_bad(c, e, NULL, "expected an object, found %s", json_type_name(e->type));
        }
        if (pf_only_keys(c, e, keys) != 0
                || pf_int(c, e, "device", 0, (long long)m->device_count - 1, &device, NULL) != 0
                || pf_int(c, e, "xid", 0, 0xFFFFFFFFLL, &xid, NULL) != 0
                || pf_int(c, e, "gpuInstanceId", 0, 0xFFFFFFFFLL, &gi, &has_gi) != 0
                || pf_int(c, e, "computeInstanceId", 0, 0xFFFFFFFFLL, &ci, &has_ci) != 0) {
            return -1;
        }
        me->device = (unsigned)device;
        me->type = nvmlEventTypeXidCriticalError;
        me->data = (unsigned long long)xid;
        me->gpu_instance_id = has_gi ? (unsigned)gi : 0xFFFFFFFFu;
        me->compute_instance_id = has_ci ? (unsigned)ci : 0xFFFFFFFFu;
        m->event_count++;
    }
    return 0;
}

static int load_machine(pf_ctx *c, const json_value *root, mock_machine *m) {
    static const char *const keys[] = {"description", "driverVersion", "nvmlVersion", "cudaDriverVersion",
                                       "faults", "devices", "xidEvents", NULL};
    long long cuda;
    int failed;
    if (root->type != JSON_OBJECT) {
        return pf_bad(c, root, NULL, "a profile is a JSON object, not %s", json_type_name(root->type));
    }
    if (pf_only_keys(c, root, keys) != 0 || pf_faults(c, root, &nvml_api, m->faults) != 0
            || pf_string(c, root, "driverVersion", m->driver_version, sizeof m->driver_version, NULL) != 0
            || pf_string(c, root, "nvmlVersion", m->nvml_version, sizeof m->nvml_version, NULL) != 0
            || pf_int(c, root, "cudaDriverVersion", 1000, 999999, &cuda, NULL) != 0) {
        return -1;
    }
    m->cuda_driver_version = (int)cuda;
    const json_value *devices = pf_list(c, root, "devices", MOCK_MAX_DEVICES, 1, &failed);
    if (failed) {
        return -1;
    }
    for (const json_value *d = devices->child; d != NULL; d = d->next) {
        snprintf(c->where, sizeof c->where, "devices[%u]", m->device_count);
        if (load_device(c, d, m->device_count, m) != 0) {
            return -1;
        }
        m->device_count++;
    }
    if (pf_ancestors_done(c, devices, m) != 0) {
        return -1;
    }
    return load_events(c, root, m);
}

int mock_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    mock_machine *m = machine;
    json_doc doc;
    json_value *root;
    pf_ctx c = {err, errlen, ""};
    memset(m, 0, sizeof *m);
    if (json_parse(text, len, &doc, &root, err, errlen) != 0) {
        return -1;
    }
    int rc = load_machine(&c, root, m);
    json_free(&doc);
    return rc;
}
