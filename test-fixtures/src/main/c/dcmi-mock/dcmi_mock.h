/*
 * The mock libdcmi.so's state: a machine from a JSON profile (mock_device.h's schema plus DCMI's members),
 * chips addressed by (card, device) and by logic id, vNPUs created from templates, and fault events delivered
 * to subscribers from a thread of the mock's own, as the real library calls back from one of its threads.
 */
#ifndef DCMI_MOCK_H
#define DCMI_MOCK_H

#include "hami/dcmi.h"
#include "mock_device.h"
#include "mock_runtime.h"

#define DCMI_FUNCTIONS(X) \
    X(dcmi_init) X(dcmi_get_card_list) X(dcmi_get_device_num_in_card) X(dcmi_get_card_id_device_id_from_logicid) \
    X(dcmi_get_device_phyid_from_logicid) X(dcmi_get_device_die_v2) X(dcmi_get_device_chip_info) \
    X(dcmi_get_device_memory_info_v3) X(dcmi_get_device_hbm_info) X(dcmi_get_device_utilization_rate) \
    X(dcmi_get_device_pcie_info_v2) X(dcmi_get_device_health) X(dcmi_subscribe_fault_event) \
    X(dcmi_create_vdevice) X(dcmi_set_destroy_vdevice)

typedef enum { DCMI_FUNCTIONS(MOCK_FN_ID) FN_COUNT } dcmi_fn;

#define DCMI_MOCK_MAX_TEMPLATES 8
#define DCMI_MOCK_MAX_VNPUS 8
#define DCMI_MOCK_MAX_EVENTS 64

typedef struct {
    mock_device common;               /* minor is the physical id: /dev/davinci<minor> */
    int card, device_in_card;
    unsigned int die[DCMI_DIE_WORDS];
    char chip_name[32];               /* the name after its "Ascend" */
    unsigned int aicore;
    int hbm;                          /* memory through dcmi_get_device_hbm_info (910 parts), else _v3 */
    unsigned int template_count;
    char templates[DCMI_MOCK_MAX_TEMPLATES][DCMI_TEMPLATE_NAME_SIZE];
    unsigned int vnpus[DCMI_MOCK_MAX_VNPUS]; /* live vNPU ids, 0 = free slot */
} dcmi_mock_device;

typedef struct {
    unsigned int logic;               /* the chip the event is about */
    unsigned int event_id;
    unsigned char severity;
    unsigned char node_type;
    char name[64];
} dcmi_mock_event;

typedef struct {
    mock_machine_head head;
    dcmi_mock_device devices[MOCK_MAX_DEVICES];
    unsigned int event_count;
    dcmi_mock_event events[DCMI_MOCK_MAX_EVENTS];
} dcmi_mock_machine;

extern dcmi_mock_machine dcmi_machine;
extern mock_runtime dcmi_rt;

int dcmi_load_profile(const char *text, size_t len, void *machine, char *err, size_t errlen);
/* dcmi_events.c: forgets subscriptions and queues the profile's events (runtime lock held). */
void dcmi_events_reset(void);

#endif
