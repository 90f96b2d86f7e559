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
