/* Typed reads of profile members: each failure names the member's path and position. */
#include "profile_read.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIB (1024ULL * 1024ULL)

int pf_bad(pf_ctx *c, const json_value *v, const char *key, const char *fmt, ...) {
    int n = snprintf(c->err, c->errlen, "%s%s%s (line %d, column %d): ", c->where,
                     c->where[0] && key ? "." : "", key ? key : "", v->line, v->column);
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

int pf_only_keys(pf_ctx *c, const json_value *obj, const char *const *allowed) {
    for (const json_value *m = obj->child; m != NULL; m = m->next) {
        int known = 0;
        for (const char *const *a = allowed; *a != NULL && !known; a++) {
            known = strcmp(*a, m->key) == 0;
        }
        if (!known) {
            return pf_bad(c, m, NULL, "unknown member \"%s\"", m->key);
        }
    }
    return 0;
}

/* An integer member in [min, max]; also accepts a "0x..." string, for PCI ids. *present may be NULL
 * for a required member. */
int pf_int(pf_ctx *c, const json_value *obj, const char *key, long long min, long long max,
                   long long *out, int *present) {
    const json_value *v = json_member(obj, key);
    if (present != NULL) {
        *present = v != NULL && v->type != JSON_NULL;
        if (!*present) {
            return 0;
        }
    } else if (v == NULL) {
        return pf_bad(c, obj, key, "required member is missing");
    }
    if (v->type == JSON_STRING && strncmp(v->string, "0x", 2) == 0 && v->string[2] != '\0') {
        char *end;
        unsigned long long x = strtoull(v->string + 2, &end, 16);
        if (*end != '\0' || x > (unsigned long long)max) {
            return pf_bad(c, v, key, "\"%s\" is not a hex number up to 0x%llX", v->string, (unsigned long long)max);
        }
        *out = (long long)x;
        return 0;
    }
    if (v->type != JSON_NUMBER || !v->is_integer) {
        return pf_bad(c, v, key, "expected an integer, found %s", json_type_name(v->type));
    }
    if (v->integer < min || v->integer > max) {
        return pf_bad(c, v, key, "%lld is outside [%lld, %lld]", v->integer, min, max);
    }
    *out = v->integer;
    return 0;
}

int pf_string(pf_ctx *c, const json_value *obj, const char *key, char *dst, size_t cap, int *present) {
    const json_value *v = json_member(obj, key);
    if (present != NULL) {
        *present = v != NULL && v->type != JSON_NULL;
        if (!*present) {
            return 0;
        }
    } else if (v == NULL) {
        return pf_bad(c, obj, key, "required member is missing");
    }
    if (v->type != JSON_STRING) {
        return pf_bad(c, v, key, "expected a string, found %s", json_type_name(v->type));
    }
    if (strlen(v->string) >= cap) {
        return pf_bad(c, v, key, "longer than %zu bytes", cap - 1);
    }
    strcpy(dst, v->string);
    return 0;
}

const json_value *pf_container(pf_ctx *c, const json_value *obj, const char *key, json_type type, int *failed) {
    const json_value *v = json_member(obj, key);
    *failed = 0;
    if (v != NULL && v->type != type && v->type != JSON_NULL) {
        *failed = pf_bad(c, v, key, "expected %s, found %s", json_type_name(type), json_type_name(v->type));
        return NULL;
    }
    return v != NULL && v->type == type ? v : NULL;
}

/* "faults": {"nvmlDeviceGetMemoryInfo_v2": "GPU_IS_LOST", "nvmlInit_v2": 9} */
int pf_faults(pf_ctx *c, const json_value *obj, nvmlReturn_t *faults) {
    int failed;
    const json_value *f = pf_container(c, obj, "faults", JSON_OBJECT, &failed);
    for (const json_value *m = f != NULL ? f->child : NULL; m != NULL; m = m->next) {
        int fn = -1;
        for (int i = 0; i < FN_COUNT && fn < 0; i++) {
            fn = strcmp(mock_function_name((mock_fn)i), m->key) == 0 ? i : -1;
        }
        if (fn < 0) {
            return pf_bad(c, m, "faults", "\"%s\" is not a function this mock exports", m->key);
        }
        nvmlReturn_t status;
        if (m->type == JSON_STRING && mock_status_from_name(m->string, &status) == 0) {
            faults[fn] = status;
        } else if (m->type == JSON_NUMBER && m->is_integer && m->integer > 0 && m->integer <= 0x7fffffff) {
            faults[fn] = (nvmlReturn_t)m->integer;
        } else {
            return pf_bad(c, m, "faults", "\"%s\" needs an error status name (\"GPU_IS_LOST\") or a code > 0", m->key);
        }
    }
    return failed;
}

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
    const json_value *list = pf_container(c, d, "processes", JSON_ARRAY, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    if (list->length > MOCK_MAX_PROCESSES) {
        return pf_bad(c, list, "processes", "more than %d processes", MOCK_MAX_PROCESSES);
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

/* Members with two small integers: {"gpu": 3, "memory": 1}, {"current": 1, "pending": 1}, ... */
int pf_pair(pf_ctx *c, const json_value *d, const char *key, const char *a, const char *b,
                    long long max, long long *x, long long *y, int *present) {
    int failed;
    const json_value *o = pf_container(c, d, key, JSON_OBJECT, &failed);
    *present = o != NULL;
    if (failed || o == NULL) {
        return failed;
    }
    const char *const keys[] = {a, b, NULL};
    size_t n = strlen(c->where);
    snprintf(c->where + n, sizeof c->where - n, ".%s", key);
    int rc = pf_only_keys(c, o, keys) != 0 || pf_int(c, o, a, 0, max, x, NULL) != 0 || pf_int(c, o, b, 0, max, y, NULL) != 0;
    c->where[n] = '\0';
    return rc ? -1 : 0;
}

int pf_bool(pf_ctx *c, const json_value *obj, const char *key, int *out) {
    const json_value *v = json_member(obj, key);
    if (v == NULL || v->type == JSON_NULL) {
        *out = 0;
        return 0;
    }
    if (v->type != JSON_TRUE && v->type != JSON_FALSE) {
        return pf_bad(c, v, key, "expected true or false, found %s", json_type_name(v->type));
    }
    *out = v->type == JSON_TRUE;
    return 0;
}
