/*
 * Event sets and the XID queue. The queue starts as the profile's xidEvents and grows through
 * hamiMockNvmlInjectXid and hamiMockNvmlInjectMigXid; a wait takes the oldest event whose device the set registered for that
 * event type, else sleeps on a monotonic condition variable until the timeout or an injection.
 */
#include "mock.h"
#include "nvml_mock_control.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

struct nvmlEventSet_st {
    int in_use;
    unsigned long long masks[MOCK_MAX_DEVICES];
};

static struct nvmlEventSet_st sets[MOCK_MAX_EVENT_SETS];
static mock_event queue[MOCK_MAX_EVENTS];
static unsigned int queued;
static int queue_loaded; /* whether the profile's events were queued since the last shutdown */
static pthread_cond_t arrived;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_cond(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&arrived, &attr);
    pthread_condattr_destroy(&attr);
}

/* Lock held. The profile's events are queued lazily, once per init cycle. */
static void load_queue(void) {
    if (!queue_loaded) {
        memcpy(queue, mock.events, mock.event_count * sizeof queue[0]);
        queued = mock.event_count;
        queue_loaded = 1;
    }
}

void mock_events_reset(void) {
    pthread_once(&once, init_cond);
    memset(sets, 0, sizeof sets);
    queued = 0;
    queue_loaded = 0;
    pthread_cond_broadcast(&arrived);
}

static int valid_set(nvmlEventSet_t set) {
    uintptr_t p = (uintptr_t)set, base = (uintptr_t)sets;
    return p >= base && p < base + sizeof sets && (p - base) % sizeof sets[0] == 0 && set->in_use;
}

MOCK_EXPORT nvmlReturn_t nvmlEventSetCreate(nvmlEventSet_t *set) {
    nvmlReturn_t rc = mock_check_system(FN_nvmlEventSetCreate);
    if (rc != NVML_SUCCESS || set == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_lock(&nvml_rt.lock);
    rc = NVML_ERROR_INSUFFICIENT_RESOURCES;
    for (int i = 0; i < MOCK_MAX_EVENT_SETS && rc != NVML_SUCCESS; i++) {
        if (!sets[i].in_use) {
            memset(&sets[i], 0, sizeof sets[i]);
            sets[i].in_use = 1;
            *set = &sets[i];
            rc = NVML_SUCCESS;
        }
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    return rc;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceGetSupportedEventTypes(nvmlDevice_t device, unsigned long long *types) {
    nvmlReturn_t rc = mock_check_device(device, FN_nvmlDeviceGetSupportedEventTypes);
    if (rc == NVML_SUCCESS && types == NULL) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
        *types = device->supported_events;
    }
    return rc;
}

MOCK_EXPORT nvmlReturn_t nvmlDeviceRegisterEvents(nvmlDevice_t device, unsigned long long types, nvmlEventSet_t set) {
    nvmlReturn_t rc = mock_check_device(device, FN_nvmlDeviceRegisterEvents);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    pthread_mutex_lock(&nvml_rt.lock);
    if (!valid_set(set)) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    } else if ((types & ~device->supported_events) != 0) {
        rc = NVML_ERROR_NOT_SUPPORTED;
    } else {
        set->masks[device->index] |= types;
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    return rc;
}

/* Lock held: removes and returns the oldest event the set listens to. */
static int take(nvmlEventSet_t set, mock_event *out) {
    load_queue();
    for (unsigned i = 0; i < queued; i++) {
        if ((set->masks[queue[i].device] & queue[i].type) != 0) {
            *out = queue[i];
            memmove(&queue[i], &queue[i + 1], (queued - i - 1) * sizeof queue[0]);
            queued--;
            return 1;
        }
    }
    return 0;
}

static nvmlReturn_t wait_event(mock_fn fn, nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeout_ms,
                               int with_instances) {
    nvmlReturn_t rc = mock_check_system(fn);
    if (rc != NVML_SUCCESS || data == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_once(&once, init_cond);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    mock_event e;
    pthread_mutex_lock(&nvml_rt.lock);
    for (rc = NVML_ERROR_TIMEOUT; rc == NVML_ERROR_TIMEOUT;) {
        if (atomic_load(&nvml_rt.refcount) == 0) {
            rc = NVML_ERROR_UNINITIALIZED;
        } else if (!valid_set(set)) {
            rc = NVML_ERROR_INVALID_ARGUMENT;
        } else if (take(set, &e)) {
            rc = NVML_SUCCESS;
        } else if (pthread_cond_timedwait(&arrived, &nvml_rt.lock, &deadline) != 0) {
            break; /* timed out */
        }
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    if (rc == NVML_SUCCESS) {
        data->device = &mock.devices[e.device];
        data->eventType = e.type;
        data->eventData = e.data;
        if (with_instances) {
            data->gpuInstanceId = e.gpu_instance_id;
            data->computeInstanceId = e.compute_instance_id;
        }
    }
    return rc;
}

/* The legacy wait fills only the members that predate MIG, in case its callers' struct is shorter. */
NVML_ONLY nvmlReturn_t nvmlEventSetWait(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
    return wait_event(FN_nvmlEventSetWait, set, data, timeoutms, 0);
}

#ifndef MOCK_NO_VERSIONED_SYMBOLS
MOCK_EXPORT nvmlReturn_t nvmlEventSetWait_v2(nvmlEventSet_t set, nvmlEventData_t *data, unsigned int timeoutms) {
    return wait_event(FN_nvmlEventSetWait_v2, set, data, timeoutms, 1);
}
#endif

MOCK_EXPORT nvmlReturn_t nvmlEventSetFree(nvmlEventSet_t set) {
    nvmlReturn_t rc = mock_check_system(FN_nvmlEventSetFree);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    pthread_mutex_lock(&nvml_rt.lock);
    if (valid_set(set)) {
        set->in_use = 0;
    } else {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    return rc;
}

/* Queues an XID critical error on the device at index, attributed to a MIG instance unless gi and ci are
 * 0xFFFFFFFF (the driver's "no instance"); wakes waiting sets. */
static int inject(unsigned int index, unsigned long long xid, unsigned int gi, unsigned int ci) {
    pthread_once(&once, init_cond);
    pthread_mutex_lock(&nvml_rt.lock);
    int rc = NVML_SUCCESS;
    if (atomic_load(&nvml_rt.refcount) == 0) {
        rc = NVML_ERROR_UNINITIALIZED;
    } else if (index >= mock.device_count) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    } else {
        load_queue();
        if (queued == MOCK_MAX_EVENTS) {
            rc = NVML_ERROR_INSUFFICIENT_SIZE;
        } else {
            queue[queued++] = (mock_event){index, nvmlEventTypeXidCriticalError, xid, gi, ci};
            pthread_cond_broadcast(&arrived);
        }
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    return rc;
}

MOCK_EXPORT int NVML_MOCK_CONTROL(InjectXid)(unsigned int index, unsigned long long xid) {
    return inject(index, xid, 0xFFFFFFFFu, 0xFFFFFFFFu);
}

/* The event names the instance only; whether the GPU has it is not checked, as an event may outlive it. */
MOCK_EXPORT int NVML_MOCK_CONTROL(InjectMigXid)(unsigned int index, unsigned long long xid, unsigned int gpu_instance_id,
                                                unsigned int compute_instance_id) {
    return inject(index, xid, gpu_instance_id, compute_instance_id);
}

MOCK_EXPORT int NVML_MOCK_CONTROL(LiveEventSets)(void) {
    pthread_mutex_lock(&nvml_rt.lock);
    int live = 0;
    for (int i = 0; i < MOCK_MAX_EVENT_SETS; i++) {
        live += sets[i].in_use;
    }
    pthread_mutex_unlock(&nvml_rt.lock);
    return live;
}
