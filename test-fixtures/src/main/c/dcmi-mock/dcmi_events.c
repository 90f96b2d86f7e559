/*
 * Fault events: dcmi_subscribe_fault_event takes its filter by value and a callback, which the mock calls
 * from a thread of its own, as the real library does. The queue starts as the profile's faultEvents and grows
 * through hamiMockDcmiInjectFault; an event goes to every subscription whose chip and filter match. The last
 * filter received is kept, so that tests can check the by-value struct arrived whole.
 */
#include "dcmi_mock.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_SUBSCRIPTIONS 16

typedef struct {
    int in_use;
    int card, device;                 /* -1, -1: every chip */
    struct dcmi_event_filter filter;
    dcmi_fault_event_callback callback;
} subscription;

static subscription subscriptions[MAX_SUBSCRIPTIONS];
static dcmi_mock_event queue[DCMI_MOCK_MAX_EVENTS];
static unsigned int queued;
static struct dcmi_event_filter last_filter;
static int filters_received;
static int serial;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_once_t started = PTHREAD_ONCE_INIT;

void dcmi_events_reset(void) {
    memset(subscriptions, 0, sizeof subscriptions);
    memcpy(queue, dcmi_machine.events, dcmi_machine.event_count * sizeof queue[0]);
    queued = dcmi_machine.event_count;
}

static int matches(const subscription *s, const dcmi_mock_event *e) {
    const dcmi_mock_device *d = &dcmi_machine.devices[e->logic];
    const struct dcmi_event_filter *f = &s->filter;
    return s->in_use && (s->card == -1 || (s->card == d->card && s->device == d->device_in_card))
           && (!(f->filter_flag & DCMI_EVENT_FILTER_FLAG_EVENT_ID) || f->event_id == e->event_id)
           && (!(f->filter_flag & DCMI_EVENT_FILTER_FLAG_SEVERITY) || e->severity >= f->severity)
           && (!(f->filter_flag & DCMI_EVENT_FILTER_FLAG_NODE_TYPE) || f->node_type == e->node_type);
}

static int subscribed(void) {
    for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
        if (subscriptions[i].in_use) {
            return 1;
        }
    }
    return 0;
}

static void fill(struct dcmi_event *out, const dcmi_mock_event *e) {
    memset(out, 0, sizeof *out);
    out->type = DCMI_DMS_FAULT_EVENT;
    struct dcmi_dms_fault_event *f = &out->event_t.dms_event;
    f->event_id = e->event_id;
    f->deviceid = (unsigned short)e->logic;
    f->node_type = e->node_type;
    f->severity = e->severity;
    f->assertion = 1;
    f->event_serial_num = ++serial;
    f->notify_serial_num = serial;
    f->alarm_raised_time = (unsigned long long)time(NULL);
    snprintf(f->event_name, sizeof f->event_name, "%s", e->name);
    snprintf(f->additional_info, sizeof f->additional_info, "hami-mock");
}

/* Delivers queued events, one at a time, calling back outside the lock. */
static void *deliver(void *unused) {
    (void)unused;
    for (;;) {
        pthread_mutex_lock(&dcmi_rt.lock);
        while (queued == 0 || !subscribed()) {
            pthread_cond_wait(&wake, &dcmi_rt.lock);
        }
        dcmi_mock_event e = queue[0];
        memmove(queue, queue + 1, --queued * sizeof queue[0]);
        dcmi_fault_event_callback callbacks[MAX_SUBSCRIPTIONS];
        int n = 0;
        for (int i = 0; i < MAX_SUBSCRIPTIONS; i++) {
            if (matches(&subscriptions[i], &e)) {
                callbacks[n++] = subscriptions[i].callback;
            }
        }
        struct dcmi_event event;
        fill(&event, &e);
        pthread_mutex_unlock(&dcmi_rt.lock);
        for (int i = 0; i < n; i++) {
            callbacks[i](&event);
        }
    }
    return NULL;
}

static void start(void) {
    pthread_t thread;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&thread, &attr, deliver, NULL);
    pthread_attr_destroy(&attr);
}

MOCK_EXPORT int dcmi_subscribe_fault_event(int card_id, int device_id, struct dcmi_event_filter filter,
                                           dcmi_fault_event_callback callback) {
    int rc = mock_gate_system(mock_rt_initialized(&dcmi_rt), &dcmi_machine.head, FN_dcmi_subscribe_fault_event,
                              DCMI_ERR_NOT_READY);
    if (rc != DCMI_OK || callback == NULL) {
        return rc != DCMI_OK ? rc : DCMI_ERR_INVALID_PARAMETER;
    }
    pthread_once(&started, start);
    pthread_mutex_lock(&dcmi_rt.lock);
    last_filter = filter;
    filters_received++;
    rc = DCMI_ERR_RESOURCE_OCCUPIED;
    for (int i = 0; i < MAX_SUBSCRIPTIONS && rc != DCMI_OK; i++) {
        if (!subscriptions[i].in_use) {
            subscriptions[i] = (subscription){1, card_id, device_id, filter, callback};
            rc = DCMI_OK;
        }
    }
    pthread_cond_broadcast(&wake);
    pthread_mutex_unlock(&dcmi_rt.lock);
    return rc;
}

/* Queues a fault event about the chip of logic id `logic`. 0, or DCMI_ERR_INVALID_DEVICE_ID / _RESOURCE_OCCUPIED. */
MOCK_EXPORT int hamiMockDcmiInjectFault(unsigned int logic, unsigned int event_id, unsigned int severity, const char *name) {
    pthread_mutex_lock(&dcmi_rt.lock);
    int rc = logic >= dcmi_machine.head.device_count ? DCMI_ERR_INVALID_DEVICE_ID
             : queued == DCMI_MOCK_MAX_EVENTS ? DCMI_ERR_RESOURCE_OCCUPIED : DCMI_OK;
    if (rc == DCMI_OK) {
        dcmi_mock_event *e = &queue[queued++];
        memset(e, 0, sizeof *e);
        e->logic = logic;
        e->event_id = event_id;
        e->severity = (unsigned char)severity;
        snprintf(e->name, sizeof e->name, "%s", name != NULL ? name : "");
        pthread_cond_broadcast(&wake);
    }
    pthread_mutex_unlock(&dcmi_rt.lock);
    return rc;
}

/* Copies the filter of the last subscription into out; returns how many filters arrived so far. */
MOCK_EXPORT int hamiMockDcmiLastFilter(struct dcmi_event_filter *out) {
    pthread_mutex_lock(&dcmi_rt.lock);
    if (out != NULL) {
        *out = last_filter;
    }
    int n = filters_received;
    pthread_mutex_unlock(&dcmi_rt.lock);
    return n;
}
