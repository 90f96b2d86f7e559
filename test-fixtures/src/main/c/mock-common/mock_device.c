/* The shared device schema of the vendor mocks (mock_device.h). */
#include "mock_device.h"

#include <stdio.h>
#include <string.h>

static const char *const common_keys[] = {"uuid", "name", "serial", "memoryTotalMiB", "memoryUsedMiB", "utilization",
                                          "pciBusId", "numaNode", "minor", "healthy", "faults", NULL};

mock_device *mock_device_at(const mock_schema *schema, void *machine, unsigned index) {
    return (mock_device *)((char *)machine + schema->devices_offset + (size_t)index * schema->device_size);
}

int mock_gate_system(int initialized, const mock_machine_head *head, int fn, int uninitialized) {
    return !initialized ? uninitialized : head->faults[fn];
}

int mock_gate_device(int initialized, const mock_device *dev, int fn, int uninitialized, int bad_device) {
    return !initialized ? uninitialized : dev == NULL ? bad_device : dev->faults[fn];
}

int mock_copy_string(const char *s, char *buf, unsigned long length) {
    if (strlen(s) + 1 > length) {
        return -1;
    }
    strcpy(buf, s);
    return 0;
}

static int read_pci(pf_ctx *c, const json_value *d, mock_device *dev) {
    char text[32];
    unsigned dom, bus, device, fn;
    char extra;
    if (pf_string(c, d, "pciBusId", text, sizeof text, NULL) != 0) {
        return -1;
    }
    if (sscanf(text, "%8x:%2x:%2x.%1x%c", &dom, &bus, &device, &fn, &extra) != 4 || device > 0x1F || fn > 7) {
        return pf_bad(c, json_member(d, "pciBusId"), "pciBusId", "\"%s\" is not DDDD:BB:DD.F", text);
    }
    dev->pci_domain = dom;
    dev->pci_bus = bus;
    dev->pci_device = device;
    dev->pci_function = fn;
    return 0;
}

static int read_common(pf_ctx *c, const json_value *d, const mock_schema *schema, mock_device *dev) {
    long long total, used, util, numa, minor;
    if (pf_only_keys2(c, d, common_keys, schema->device_keys) != 0
            || pf_string(c, d, "uuid", dev->uuid, sizeof dev->uuid, NULL) != 0
            || pf_string(c, d, "name", dev->name, sizeof dev->name, NULL) != 0
            || pf_string(c, d, "serial", dev->serial, sizeof dev->serial, &dev->has_serial) != 0
            || pf_int(c, d, "memoryTotalMiB", 1, 1LL << 30, &total, NULL) != 0
            || pf_int(c, d, "memoryUsedMiB", 0, 1LL << 30, &used, NULL) != 0
            || pf_int(c, d, "utilization", 0, 100, &util, &dev->has_utilization) != 0
            || read_pci(c, d, dev) != 0
            || pf_int(c, d, "numaNode", 0, 1023, &numa, &dev->has_numa) != 0
            || pf_int(c, d, "minor", 0, 4095, &minor, &dev->has_minor) != 0
            || pf_faults(c, d, schema->api, dev->faults) != 0) {
        return -1;
    }
    if (used > total) {
        return pf_bad(c, json_member(d, "memoryUsedMiB"), "memoryUsedMiB", "exceeds memoryTotalMiB");
    }
    const json_value *healthy = json_member(d, "healthy");
    dev->healthy = 1;
    if (healthy != NULL && pf_bool(c, d, "healthy", &dev->healthy) != 0) {
        return -1;
    }
    dev->memory_total_mib = (unsigned long long)total;
    dev->memory_used_mib = (unsigned long long)used;
    dev->utilization = (unsigned)util;
    dev->numa = (unsigned)numa;
    dev->minor = (unsigned)minor;
    return 0;
}

static int read_devices(pf_ctx *c, const json_value *root, const mock_schema *schema, void *machine) {
    mock_machine_head *head = machine;
    int failed;
    const json_value *devices = pf_list(c, root, "devices", MOCK_MAX_DEVICES, 1, &failed);
    if (failed) {
        return -1;
    }
    for (const json_value *d = devices->child; d != NULL; d = d->next) {
        unsigned i = head->device_count;
        mock_device *dev = mock_device_at(schema, machine, i);
        snprintf(c->where, sizeof c->where, "devices[%u]", i);
        if (d->type != JSON_OBJECT) {
            return pf_bad(c, d, NULL, "expected an object, found %s", json_type_name(d->type));
        }
        if (read_common(c, d, schema, dev) != 0
                || (schema->read_device != NULL && schema->read_device(c, d, i, machine) != 0)) {
            return -1;
        }
        for (unsigned j = 0; j < i; j++) {
            if (strcmp(mock_device_at(schema, machine, j)->uuid, dev->uuid) == 0) {
                return pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is also the uuid of devices[%u]", dev->uuid, j);
            }
        }
        head->device_count++;
    }
    c->where[0] = '\0';
    return 0;
}

int mock_load_machine(const mock_schema *schema, const char *text, size_t len, void *machine, char *err,
                      size_t errlen) {
    static const char *const top_keys[] = {"description", "faults", "devices", NULL};
    json_doc doc;
    json_value *root;
    pf_ctx c = {err, errlen, ""};
    memset(machine, 0, schema->machine_size);
    if (json_parse(text, len, &doc, &root, err, errlen) != 0) {
        return -1;
    }
    int rc;
    if (root->type != JSON_OBJECT) {
        rc = pf_bad(&c, root, NULL, "a profile is a JSON object, not %s", json_type_name(root->type));
    } else {
        rc = pf_only_keys2(&c, root, top_keys, schema->machine_keys) != 0
                || pf_faults(&c, root, schema->api, ((mock_machine_head *)machine)->faults) != 0
                || read_devices(&c, root, schema, machine) != 0
                || (schema->read_machine != NULL && schema->read_machine(&c, root, machine) != 0) ? -1 : 0;
    }
    json_free(&doc);
    return rc;
}
