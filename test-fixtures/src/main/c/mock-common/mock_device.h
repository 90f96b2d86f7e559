/*
 * The machine profile every vendor mock but NVML's shares: one device schema (id, name, memory in MiB,
 * utilization, PCI address, NUMA node, device-node number, health, injected faults), read once here, and a
 * loader that a vendor extends with its own members. Each mock converts the MiB and the ids to its library's
 * own units and forms, so that the Java contract tests can assert every vendor against the same numbers.
 *
 * A vendor's machine struct starts with a mock_machine_head; each of its device structs starts with a
 * mock_device.
 */
#ifndef HAMI_MOCK_DEVICE_H
#define HAMI_MOCK_DEVICE_H

#include "profile_read.h"

#define MOCK_MAX_FUNCTIONS 64
#define MOCK_MAX_DEVICES 64

typedef struct {
    char uuid[128];                       /* the id the binding reports, e.g. "MLU-<uuid>", "DCU-<serial>" */
    char name[128];
    char serial[64];
    int has_serial;
    unsigned long long memory_total_mib, memory_used_mib;
    int has_utilization;
    unsigned utilization;                 /* percent */
    unsigned pci_domain, pci_bus, pci_device, pci_function;
    int has_numa;
    unsigned numa;
    int has_minor;
    unsigned minor;
    int healthy;                          /* what the vendor's health call reports; default true */
    int faults[MOCK_MAX_FUNCTIONS];       /* 0, or the status a call of that function on the device returns */
} mock_device;

typedef struct {
    int faults[MOCK_MAX_FUNCTIONS];       /* for calls that are not about one device */
    unsigned device_count;
} mock_machine_head;

typedef struct {
    const mock_api *api;
    size_t machine_size;                  /* sizeof the vendor's machine */
    size_t devices_offset;                /* offsetof its device array */
    size_t device_size;                   /* sizeof one of its devices */
    const char *const *machine_keys;      /* the vendor's own top-level members, NULL-terminated; may be NULL */
    const char *const *device_keys;       /* the vendor's own device members */
    /* Reads the vendor's members of device index (common ones are read); may be NULL. */
    int (*read_device)(pf_ctx *c, const json_value *d, unsigned index, void *machine);
    /* Reads the vendor's top-level members once the devices are read; may be NULL. */
    int (*read_machine)(pf_ctx *c, const json_value *root, void *machine);
} mock_schema;

/* Fills machine (zeroed first) from profile text; on failure returns -1 with a message in err. */
int mock_load_machine(const mock_schema *schema, const char *text, size_t len, void *machine, char *err,
                      size_t errlen);

/* Device index of a machine laid out as schema says. */
mock_device *mock_device_at(const mock_schema *schema, void *machine, unsigned index);

/*
 * The status a call answers before doing its work, or 0 to go on: `uninitialized` while the library is not
 * initialized, `bad_device` for a device the mock did not issue (dev NULL), else the fault the profile injects
 * into function fn, of the machine for system calls or of the device for device calls.
 */
int mock_gate_system(int initialized, const mock_machine_head *head, int fn, int uninitialized);
int mock_gate_device(int initialized, const mock_device *dev, int fn, int uninitialized, int bad_device);

/* Copies s into buf of length bytes (NUL included): 0, or -1 when it does not fit. */
int mock_copy_string(const char *s, char *buf, unsigned long length);

#endif
