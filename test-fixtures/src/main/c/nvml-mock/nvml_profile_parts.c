/* The NVML-only parts of a device profile: its PCI identity and its process list. */
#include "nvml_profile_parts.h"

#include <stdio.h>
#include <string.h>

#define MIB (1024ULL * 1024ULL)

int pf_pci(pf_ctx *c, const json_value *d, nvmlPciInfo_t *pci) {
    long long x;
    unsigned dom, bus, dev, fn;
    char extra;
    if (pf_string(c, d, "pciBusId", pci->busId, sizeof pci->busId, NULL) != 0) {
        return -1;
    }
    if (sscanf(pci->busId, "%8x:%2x:%2x.%1x%c", &dom, &bus, &dev, &fn, &extra) != 4) {
        return pf_bad(c, json_member(d, "pciBusId"), "pciBusId", "\"%s\" is not DDDDDDDD:BB:DD.F", pci->busId);
    }
    snprintf(pci->busId, sizeof pci->busId, "%08X:%02X:%02X.0", dom, bus, dev);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%04X:%02X:%02X.0", dom & 0xFFFFu, bus, dev);
    pci->domain = dom;
    pci->bus = bus;
    pci->device = dev;
    if (pf_int(c, d, "pciDeviceId", 0, 0xFFFFFFFFLL, &x, NULL) != 0) {
        return -1;
    }
    pci->pciDeviceId = (unsigned)x;
    int present;
    if (pf_int(c, d, "pciSubSystemId", 0, 0xFFFFFFFFLL, &x, &present) != 0) {
        return -1;
    }
    pci->pciSubSystemId = present ? (unsigned)x : 0;
    return 0;
}

int pf_processes(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    static const char *const keys[] = {"pid", "usedMiB", "gpuInstanceId", "computeInstanceId", NULL};
    int failed;
    const json_value *list = pf_list(c, d, "processes", MOCK_MAX_PROCESSES, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *p = list->child; p != NULL; p = p->next) {
        mock_process *mp = &dev->processes[dev->process_count++];
        long long pid, used, gi, ci;
        int has_gi, has_ci;
        if (p->type != JSON_OBJECT) {
            return pf_bad(c, p, "processes", "expected an object, found %s", json_type_name(p->type));
        }
        if (pf_only_keys(c, p, keys) != 0 || pf_int(c, p, "pid", 1, 0x7fffffff, &pid, NULL) != 0
                || pf_int(c, p, "usedMiB", 0, 1LL << 40, &used, &mp->has_used) != 0
                || pf_int(c, p, "gpuInstanceId", 0, 0xFFFFFFFFLL, &gi, &has_gi) != 0
                || pf_int(c, p, "computeInstanceId", 0, 0xFFFFFFFFLL, &ci, &has_ci) != 0) {
            return -1;
        }
        mp->pid = (unsigned)pid;
        mp->used_bytes = mp->has_used ? (unsigned long long)used * MIB : ~0ULL;
        mp->gpu_instance_id = has_gi ? (unsigned)gi : 0xFFFFFFFFu;
        mp->compute_instance_id = has_ci ? (unsigned)ci : 0xFFFFFFFFu;
    }
    return 0;
}

static int parse_bus_id(pf_ctx *c, const json_value *o, const char *key, nvmlPciInfo_t *pci) {
    unsigned dom, bus, dev, fn;
    char extra;
    memset(pci, 0, sizeof *pci);
    if (pf_string(c, o, key, pci->busId, sizeof pci->busId, NULL) != 0) {
        return -1;
    }
    if (sscanf(pci->busId, "%8x:%2x:%2x.%1x%c", &dom, &bus, &dev, &fn, &extra) != 4) {
        return pf_bad(c, json_member(o, key), key, "\"%s\" is not DDDDDDDD:BB:DD.F", pci->busId);
    }
    snprintf(pci->busId, sizeof pci->busId, "%08X:%02X:%02X.0", dom, bus, dev);
    snprintf(pci->busIdLegacy, sizeof pci->busIdLegacy, "%04X:%02X:%02X.0", dom & 0xFFFFu, bus, dev);
    pci->domain = dom;
    pci->bus = bus;
    pci->device = dev;
    return 0;
}

int pf_nvlinks(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    static const char *const keys[] = {"remotePciBusId", "remoteType", "active", NULL};
    int failed;
    const json_value *list = pf_list(c, d, "nvlinks", NVML_NVLINK_MAX_LINKS, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    size_t n = strlen(c->where);
    for (const json_value *l = list->child; l != NULL; l = l->next) {
        unsigned i = dev->nvlink_count++;
        char type[16] = "gpu";
        int has_type;
        snprintf(c->where + n, sizeof c->where - n, ".nvlinks[%u]", i);
        if (l->type != JSON_OBJECT) {
            return pf_bad(c, l, NULL, "expected an object, found %s", json_type_name(l->type));
        }
        if (pf_only_keys(c, l, keys) != 0 || parse_bus_id(c, l, "remotePciBusId", &dev->nvlinks[i].remote) != 0
                || pf_string(c, l, "remoteType", type, sizeof type, &has_type) != 0) {
            return -1;
        }
        dev->nvlinks[i].active = 1; /* absent: active, as a link of a working board */
        if (json_member(l, "active") != NULL && pf_bool(c, l, "active", &dev->nvlinks[i].active) != 0) {
            return -1;
        }
        if (strcmp(type, "gpu") == 0) {
            dev->nvlinks[i].remote_type = NVML_NVLINK_DEVICE_TYPE_GPU;
        } else if (strcmp(type, "switch") == 0) {
            dev->nvlinks[i].remote_type = NVML_NVLINK_DEVICE_TYPE_SWITCH;
        } else if (strcmp(type, "ibmnpu") == 0) {
            dev->nvlinks[i].remote_type = NVML_NVLINK_DEVICE_TYPE_IBMNPU;
        } else {
            return pf_bad(c, json_member(l, "remoteType"), "remoteType", "\"%s\" is not gpu, switch or ibmnpu", type);
        }
    }
    c->where[n] = '\0';
    return 0;
}

static const struct {
    const char *name;
    nvmlGpuTopologyLevel_t level;
} levels[] = {
    {"INTERNAL", NVML_TOPOLOGY_INTERNAL}, {"SINGLE", NVML_TOPOLOGY_SINGLE}, {"MULTIPLE", NVML_TOPOLOGY_MULTIPLE},
    {"HOSTBRIDGE", NVML_TOPOLOGY_HOSTBRIDGE}, {"NODE", NVML_TOPOLOGY_NODE}, {"SYSTEM", NVML_TOPOLOGY_SYSTEM},
};

int pf_ancestors(pf_ctx *c, const json_value *d, struct nvmlDevice_st *dev) {
    int failed;
    const json_value *row = pf_list(c, d, "commonAncestor", MOCK_MAX_DEVICES, 0, &failed);
    if (failed || row == NULL) {
        return failed;
    }
    unsigned j = 0;
    for (const json_value *v = row->child; v != NULL; v = v->next, j++) {
        if (v->type != JSON_STRING) {
            return pf_bad(c, v, "commonAncestor", "expected a level name, found %s", json_type_name(v->type));
        }
        int found = j == dev->index && strcmp(v->string, "SELF") == 0;
        for (size_t k = 0; !found && k < sizeof levels / sizeof levels[0]; k++) {
            if (strcmp(v->string, levels[k].name) == 0) {
                dev->ancestors[j] = levels[k].level;
                found = 1;
            }
        }
        if (!found) {
            return pf_bad(c, v, "commonAncestor", "\"%s\" is not INTERNAL, SINGLE, MULTIPLE, HOSTBRIDGE, NODE, "
                          "SYSTEM (or SELF at the device's own index)", v->string);
        }
    }
    dev->has_ancestors = (int)j + 1; /* the row's length, plus one so that an empty row still counts */
    return 0;
}

int pf_ancestors_done(pf_ctx *c, const json_value *devices, mock_machine *m) {
    const json_value *d = devices->child;
    for (unsigned i = 0; i < m->device_count; i++, d = d->next) {
        struct nvmlDevice_st *a = &m->devices[i];
        snprintf(c->where, sizeof c->where, "devices[%u]", i);
        if (a->has_ancestors && (unsigned)(a->has_ancestors - 1) != m->device_count) {
            return pf_bad(c, json_member(d, "commonAncestor"), "commonAncestor",
                          "lists %d levels for %u devices", a->has_ancestors - 1, m->device_count);
        }
        for (unsigned j = 0; j < m->device_count; j++) {
            struct nvmlDevice_st *b = &m->devices[j];
            if (i == j) {
                continue;
            }
            if (!a->has_ancestors) {
                a->ancestors[j] = b->has_ancestors ? b->ancestors[i]
                        : a->has_numa && b->has_numa && a->numa == b->numa ? NVML_TOPOLOGY_NODE : NVML_TOPOLOGY_SYSTEM;
            } else if (b->has_ancestors && a->ancestors[j] != b->ancestors[i]) {
                return pf_bad(c, json_member(d, "commonAncestor"), "commonAncestor",
                              "devices[%u] and devices[%u] name different levels for each other", i, j);
            }
        }
    }
    return 0;
}

int pf_mig(pf_ctx *c, const json_value *d, mock_machine *m, struct nvmlDevice_st *dev) {
    static const char *const keys[] = {"profile", "start", NULL};
    char model[32];
    int has_model, failed;
    if (pf_string(c, d, "migProfiles", model, sizeof model, &has_model) != 0) {
        return -1;
    }
    if (has_model && (dev->mig_table = mock_mig_table_named(model)) == NULL) {
        return pf_bad(c, json_member(d, "migProfiles"), "migProfiles", "\"%s\" is not A100-SXM4-40GB or H100-80GB", model);
    }
    const json_value *list = pf_list(c, d, "migInstances", MOCK_MAX_MIG_DEVICES, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    if (dev->mig_table == NULL || !dev->has_mig || dev->mig_current != NVML_DEVICE_MIG_ENABLE) {
        return pf_bad(c, list, "migInstances", "needs migProfiles and migMode.current 1");
    }
    size_t n = strlen(c->where);
    unsigned i = 0;
    for (const json_value *e = list->child; e != NULL; e = e->next, i++) {
        char name[16];
        long long start;
        snprintf(c->where + n, sizeof c->where - n, ".migInstances[%u]", i);
        if (e->type != JSON_OBJECT) {
            return pf_bad(c, e, NULL, "expected an object, found %s", json_type_name(e->type));
        }
        if (pf_only_keys(c, e, keys) != 0 || pf_string(c, e, "profile", name, sizeof name, NULL) != 0
                || pf_int(c, e, "start", 0, 7, &start, NULL) != 0) {
            return -1;
        }
        const mock_gi_profile *p = mock_mig_profile_named(dev->mig_table, name);
        if (p == NULL) {
            return pf_bad(c, json_member(e, "profile"), "profile", "%s has no profile \"%s\"", dev->mig_table->model, name);
        }
        nvmlReturn_t rc = mock_mig_precreate(m, dev, p, (unsigned)start);
        if (rc != NVML_SUCCESS) {
            return pf_bad(c, json_member(e, "start"), "start", rc == NVML_ERROR_INVALID_ARGUMENT
                          ? "%s has no placement at %lld" : "%s at %lld overlaps another instance or exceeds the slices",
                          name, start);
        }
    }
    c->where[n] = '\0';
    return 0;
}
