/*
 * CNDEV's members of a machine profile, beside the shared ones (mock_device.h): "apiVersion" (the struct
 * version the library accepts, default 6), "driverVersion" ("5.10.22"); per device "deviceState",
 * "driverState", "processes" [{pid, usedMiB}] and "smlu" (the card is in sMLU mode): {"maxInstances" (default 8),
 * "profiles" [{mluQuota, memoryMiB}] (ids 0, 1, ... in order), "instances" [{profile (an index into profiles),
 * name}] (ids 1, 2, ... in order)}, which must fit the card as a created instance must. A device's "uuid" must be "MLU-" and the 36-character UUID
 * the library reports; its "serial", where given, the card's serial number in hex.
 */
#include "cndev_mock.h"

#include <stdio.h>
#include <string.h>

static const char *const function_names[FN_COUNT] = {CNDEV_FUNCTIONS(MOCK_FN_NAME)};

static const mock_status_name statuses[] = {
    {"INVALID_DEVICE_ID", CNDEV_ERROR_INVALID_DEVICE_ID}, {"NO_DRIVER", CNDEV_ERROR_NO_DRIVER},
    {"LOW_DRIVER_VERSION", CNDEV_ERROR_LOW_DRIVER_VERSION}, {"UNSUPPORTED_API_VERSION", CNDEV_ERROR_UNSUPPORTED_API_VERSION},
    {"UNINITIALIZED", CNDEV_ERROR_UNINITIALIZED}, {"INVALID_ARGUMENT", CNDEV_ERROR_INVALID_ARGUMENT},
    {"UNKNOWN", CNDEV_ERROR_UNKNOWN}, {"NOT_SUPPORTED", CNDEV_ERROR_NOT_SUPPORTED},
    {"NO_DEVICES", CNDEV_ERROR_NO_DEVICES}, {"NO_PERMISSION", CNDEV_ERROR_NO_PERMISSION},
    {"NOT_FOUND", CNDEV_ERROR_NOT_FOUND}, {"TIMEOUT", CNDEV_ERROR_TIMEOUT}, {"IN_PROBLEM", CNDEV_ERROR_IN_PROBLEM},
    {"INSUFFICIENT_SPACE", CNDEV_ERROR_INSUFFICIENT_SPACE}, {"IN_USE", CNDEV_ERROR_IN_USE},
    {"DUPLICATE", CNDEV_ERROR_DUPLICATE}, {"MALLOC", CNDEV_ERROR_MALLOC},
};

static const mock_api cndev_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int read_processes(pf_ctx *c, const json_value *d, cndev_mock_device *dev) {
    static const char *const keys[] = {"pid", "usedMiB", NULL};
    int failed;
    const json_value *list = pf_list(c, d, "processes", CNDEV_MOCK_MAX_PROCESSES, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *p = list->child; p != NULL; p = p->next) {
        long long pid, used;
        if (p->type != JSON_OBJECT) {
            return pf_bad(c, p, "processes", "expected an object, found %s", json_type_name(p->type));
        }
        if (pf_only_keys(c, p, keys) != 0 || pf_int(c, p, "pid", 1, 0x7fffffff, &pid, NULL) != 0
                || pf_int(c, p, "usedMiB", 0, 1LL << 30, &used, NULL) != 0) {
            return -1;
        }
        dev->processes[dev->process_count].pid = (unsigned)pid;
        dev->processes[dev->process_count++].used_kib = (unsigned long)used * 1024UL;
    }
    return 0;
}

static int read_smlu_profiles(pf_ctx *c, const json_value *o, unsigned long card_bytes, cndev_mock_smlu *smlu) {
    static const char *const keys[] = {"mluQuota", "memoryMiB", NULL};
    int failed;
    const json_value *list = pf_list(c, o, "profiles", CNDEV_MOCK_MAX_SMLU_PROFILES, 0, &failed);
    for (const json_value *p = list != NULL ? list->child : NULL; p != NULL; p = p->next) {
        long long quota, mib;
        if (p->type != JSON_OBJECT) {
            return pf_bad(c, p, "smlu.profiles", "expected an object, found %s", json_type_name(p->type));
        }
        if (pf_only_keys(c, p, keys) != 0 || pf_int(c, p, "mluQuota", 1, 100, &quota, NULL) != 0
                || pf_int(c, p, "memoryMiB", 1, (long long)(card_bytes >> 20), &mib, NULL) != 0) {
            return -1;
        }
        cndev_mock_smlu_profile *profile = &smlu->profiles[smlu->profile_count];
        profile->id = smlu->next_profile_id++;
        profile->quota = (unsigned)quota;
        profile->memory = (unsigned long)mib << 20;
        smlu->profile_count++;
    }
    return failed;
}

static int read_smlu_instances(pf_ctx *c, const json_value *o, const cndev_mock_device *dev, cndev_mock_smlu *smlu) {
    static const char *const keys[] = {"profile", "name", NULL};
    int failed;
    const json_value *list = pf_list(c, o, "instances", CNDEV_MOCK_MAX_SMLU_INSTANCES, 0, &failed);
    for (const json_value *i = list != NULL ? list->child : NULL; i != NULL; i = i->next) {
        long long profile;
        int has_name;
        char name[CNDEV_MLUINSTANCE_PROFILE_NAME_BUFFER_SIZE];
        if (i->type != JSON_OBJECT) {
            return pf_bad(c, i, "smlu.instances", "expected an object, found %s", json_type_name(i->type));
        }
        if (pf_only_keys(c, i, keys) != 0 || pf_int(c, i, "profile", 0, (long long)smlu->profile_count - 1, &profile, NULL) != 0
                || pf_string(c, i, "name", name, sizeof name, &has_name) != 0) {
            return -1;
        }
        int id;
        int rc = cndev_smlu_add_instance(dev, smlu, smlu->profiles[profile].id, has_name ? name : "", &id);
        if (rc != CNDEV_SUCCESS) {
            return pf_bad(c, i, "smlu.instances", "the instance does not fit the card (status %d)", rc);
        }
    }
    return failed;
}

static int read_smlu(pf_ctx *c, const json_value *d, cndev_mock_device *dev) {
    static const char *const keys[] = {"maxInstances", "profiles", "instances", NULL};
    int failed, has_max;
    long long max;
    const json_value *o = pf_container(c, d, "smlu", JSON_OBJECT, &failed);
    if (failed || o == NULL) {
        return failed;
    }
    cndev_mock_smlu *smlu = &dev->smlu;
    if (pf_only_keys(c, o, keys) != 0
            || pf_int(c, o, "maxInstances", 1, CNDEV_MOCK_MAX_SMLU_INSTANCES, &max, &has_max) != 0) {
        return -1;
    }
    smlu->enabled = 1;
    smlu->max_instances = has_max ? (unsigned)max : CNDEV_MOCK_DEFAULT_SMLU_INSTANCES;
    return read_smlu_profiles(c, o, (unsigned long)dev->common.memory_total_mib << 20, smlu) != 0
            ? -1 : read_smlu_instances(c, o, dev, smlu);
}

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    cndev_mock_device *dev = &((cndev_mock_machine *)machine)->devices[index];
    long long device_state, driver_state;
    int has_device_state, has_driver_state;
    unsigned long long sn;
    char extra;
    if (strncmp(dev->common.uuid, "MLU-", 4) != 0 || strlen(dev->common.uuid) != 4 + CNDEV_UUID_SIZE - 1) {
        return pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is not MLU- and a 36-character UUID", dev->common.uuid);
    }
    if (dev->common.has_serial && sscanf(dev->common.serial, "%llx%c", &sn, &extra) != 1) {
        return pf_bad(c, json_member(d, "serial"), "serial", "\"%s\" is not a hex serial number", dev->common.serial);
    }
    if (pf_int(c, d, "deviceState", 0, 8, &device_state, &has_device_state) != 0
            || pf_int(c, d, "driverState", 0, 8, &driver_state, &has_driver_state) != 0 || read_processes(c, d, dev) != 0
            || read_smlu(c, d, dev) != 0) {
        return -1;
    }
    dev->device_state = has_device_state ? (int)device_state : 1;
    dev->driver_state = has_driver_state ? (int)driver_state : CNDEV_DRIVER_STATE_RUNNING;
    return 0;
}

static int read_machine(pf_ctx *c, const json_value *root, void *machine) {
    cndev_mock_machine *m = machine;
    long long version;
    int has_version, has_driver;
    char driver[32];
    if (pf_int(c, root, "apiVersion", 1, 6, &version, &has_version) != 0
            || pf_string(c, root, "driverVersion", driver, sizeof driver, &has_driver) != 0) {
        return -1;
    }
    m->api_version = has_version ? (int)version : CNDEV_VERSION_6;
    if (has_driver && sscanf(driver, "%u.%u.%u", &m->driver[0], &m->driver[1], &m->driver[2]) != 3) {
        return pf_bad(c, json_member(root, "driverVersion"), "driverVersion", "\"%s\" is not MAJOR.MINOR.BUILD", driver);
    }
    return 0;
}

static const char *const machine_keys[] = {"apiVersion", "driverVersion", NULL};
static const char *const device_keys[] = {"deviceState", "driverState", "processes", "smlu", NULL};

const mock_schema cndev_schema = {
    &cndev_api, sizeof(cndev_mock_machine), offsetof(cndev_mock_machine, devices), sizeof(cndev_mock_device),
    machine_keys, device_keys, read_device, read_machine,
};

int cndev_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&cndev_schema, text, len, machine, err, errlen);
}
