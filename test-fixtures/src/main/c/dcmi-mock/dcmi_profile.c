/*
 * DCMI's members of a machine profile, beside the shared ones (mock_device.h). Devices are listed in logic-id
 * order; per device "card" and "deviceInCard" (default: its own card, device 0), "aicore", "hbm" (true for
 * 910 parts, whose memory comes from dcmi_get_device_hbm_info) and "vnpuTemplates". A device's "uuid" is the
 * die id as HAMi writes it (five 8-digit upper-case hex words joined by "-"), its "name" "Ascend<chip name>",
 * its "minor" the physical id. Top level: "faultEvents" [{device, eventId, severity, nodeType, name}].
 */
#include "dcmi_mock.h"

#include <stdio.h>
#include <string.h>

static const char *const function_names[FN_COUNT] = {DCMI_FUNCTIONS(MOCK_FN_NAME)};

static const mock_status_name statuses[] = {
    {"DEVICE_NOT_EXIST", DCMI_ERR_DEVICE_NOT_EXIST}, {"INVALID_PARAMETER", DCMI_ERR_INVALID_PARAMETER},
    {"PERMISSION", DCMI_ERR_PERMISSION}, {"INTERNAL", DCMI_ERR_INTERNAL}, {"TIMEOUT", DCMI_ERR_TIMEOUT},
    {"INVALID_DEVICE_ID", DCMI_ERR_INVALID_DEVICE_ID}, {"IOCTL", DCMI_ERR_IOCTL}, {"NOT_READY", DCMI_ERR_NOT_READY},
    {"NOT_SUPPORTED_IN_CONTAINER", DCMI_ERR_NOT_SUPPORTED_IN_CONTAINER},
    {"RESOURCE_OCCUPIED", DCMI_ERR_RESOURCE_OCCUPIED}, {"NOT_SUPPORTED", DCMI_ERR_NOT_SUPPORTED},
};

static const mock_api dcmi_api = {function_names, FN_COUNT, statuses, sizeof statuses / sizeof statuses[0]};

static int read_templates(pf_ctx *c, const json_value *d, dcmi_mock_device *dev) {
    int failed;
    const json_value *list = pf_list(c, d, "vnpuTemplates", DCMI_MOCK_MAX_TEMPLATES, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *t = list->child; t != NULL; t = t->next) {
        if (t->type != JSON_STRING || strlen(t->string) >= DCMI_TEMPLATE_NAME_SIZE) {
            return pf_bad(c, t, "vnpuTemplates", "expected a template name of at most %d bytes", DCMI_TEMPLATE_NAME_SIZE - 1);
        }
        strcpy(dev->templates[dev->template_count++], t->string);
    }
    return 0;
}

static int read_device(pf_ctx *c, const json_value *d, unsigned index, void *machine) {
    dcmi_mock_device *dev = &((dcmi_mock_machine *)machine)->devices[index];
    long long card, in_card, aicore;
    int has_card, has_in_card, has_aicore;
    char extra;
    unsigned *w = dev->die;
    if (sscanf(dev->common.uuid, "%8X-%8X-%8X-%8X-%8X%c", &w[0], &w[1], &w[2], &w[3], &w[4], &extra) != 5
            || strlen(dev->common.uuid) != 44) {
        return pf_bad(c, json_member(d, "uuid"), "uuid", "\"%s\" is not five 8-digit hex words joined by -", dev->common.uuid);
    }
    if (strncmp(dev->common.name, "Ascend", 6) != 0 || strlen(dev->common.name) - 6 >= sizeof dev->chip_name) {
        return pf_bad(c, json_member(d, "name"), "name", "\"%s\" is not Ascend<chip name>", dev->common.name);
    }
    strcpy(dev->chip_name, dev->common.name + 6);
    if (pf_int(c, d, "card", 0, DCMI_MAX_CARDS - 1, &card, &has_card) != 0
            || pf_int(c, d, "deviceInCard", 0, 7, &in_card, &has_in_card) != 0
            || pf_int(c, d, "aicore", 0, 64, &aicore, &has_aicore) != 0 || pf_bool(c, d, "hbm", &dev->hbm) != 0
            || read_templates(c, d, dev) != 0) {
        return -1;
    }
    dev->card = has_card ? (int)card : (int)index;
    dev->device_in_card = has_in_card ? (int)in_card : 0;
    dev->aicore = has_aicore ? (unsigned)aicore : 20;
    if (!dev->common.has_minor) {
        dev->common.minor = index;
    }
    return 0;
}

static int read_machine(pf_ctx *c, const json_value *root, void *machine) {
    static const char *const keys[] = {"device", "eventId", "severity", "nodeType", "name", NULL};
    dcmi_mock_machine *m = machine;
    int failed;
    const json_value *list = pf_list(c, root, "faultEvents", DCMI_MOCK_MAX_EVENTS, 0, &failed);
    if (failed || list == NULL) {
        return failed;
    }
    for (const json_value *e = list->child; e != NULL; e = e->next) {
        dcmi_mock_event *me = &m->events[m->event_count];
        long long device, id, severity, node_type;
        int has_node_type;
        snprintf(c->where, sizeof c->where, "faultEvents[%u]", m->event_count);
        if (e->type != JSON_OBJECT) {
            return pf_bad(c, e, NULL, "expected an object, found %s", json_type_name(e->type));
        }
        if (pf_only_keys(c, e, keys) != 0 || pf_int(c, e, "device", 0, (long long)m->head.device_count - 1, &device, NULL) != 0
                || pf_int(c, e, "eventId", 0, 0xFFFFFFFFLL, &id, NULL) != 0
                || pf_int(c, e, "severity", 0, 3, &severity, NULL) != 0
                || pf_int(c, e, "nodeType", 0, 255, &node_type, &has_node_type) != 0
                || pf_string(c, e, "name", me->name, sizeof me->name, NULL) != 0) {
            return -1;
        }
        me->logic = (unsigned)device;
        me->event_id = (unsigned)id;
        me->severity = (unsigned char)severity;
        me->node_type = has_node_type ? (unsigned char)node_type : 0;
        m->event_count++;
    }
    return 0;
}

static const char *const machine_keys[] = {"faultEvents", NULL};
static const char *const device_keys[] = {"card", "deviceInCard", "aicore", "hbm", "vnpuTemplates", NULL};

static const mock_schema dcmi_schema = {
    &dcmi_api, sizeof(dcmi_mock_machine), offsetof(dcmi_mock_machine, devices), sizeof(dcmi_mock_device),
    machine_keys, device_keys, read_device, read_machine,
};

int dcmi_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen) {
    return mock_load_machine(&dcmi_schema, text, len, machine, err, errlen);
}
