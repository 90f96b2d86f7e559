/*
 * MIG: GPU instances and compute instances on the GPUs whose profile names a MIG table (nvml_mig_tables.c),
 * with the driver's constraints: a placement must be one the profile offers, must not overlap another GPU
 * instance's memory slices, and the GPU's compute slices must suffice (else INSUFFICIENT_RESOURCES); a GPU
 * instance with compute instances, or a GPU with GPU instances leaving MIG mode, answers IN_USE. Every
 * compute instance is a MIG device: a device handle with its own UUID, name and memory (its GPU instance's).
 * With MIG mode off, the instance calls answer NOT_SUPPORTED, as they do on GPUs without MIG.
 *
 * Mock rules where drivers differ: GPU-instance ids are the lowest free from 1, compute-instance ids the lowest
 * free from 0; a MIG device's UUID is "MIG-" and its GPU's UUID with a serial in its last 8 digits; enabling
 * MIG mode takes effect at once unless processes run (then it is pending, activationStatus IN_USE).
 */
#include "mock.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MIB (1024ULL * 1024ULL)

/* Guards the instance tables against concurrent create and destroy. */
static pthread_mutex_t mig_lock = PTHREAD_MUTEX_INITIALIZER;

#define IN_ARRAY(p, array, count) \
    ((uintptr_t)(p) >= (uintptr_t)(array) && (uintptr_t)(p) < (uintptr_t)((array) + (count)) \
     && ((uintptr_t)(p) - (uintptr_t)(array)) % sizeof (array)[0] == 0)

struct nvmlDevice_st *mock_mig_device(nvmlDevice_t device) {
    if (!IN_ARRAY(device, mock.mig_devices, MOCK_MAX_MIG_DEVICES)) {
        return NULL;
    }
    struct nvmlComputeInstance_st *ci = device->mig_ci;
    return ci != NULL && ci->in_use && ci->mig_device == device ? device : NULL;
}

/* A whole GPU in MIG mode, with a MIG table. */
static nvmlReturn_t check_gpu(nvmlDevice_t device, mock_fn fn, int need_enabled) {
    nvmlReturn_t rc = mock_check_device(device, fn);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (device->mig_parent != NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->mig_table == NULL || (need_enabled && device->mig_current != NVML_DEVICE_MIG_ENABLE)) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    return NVML_SUCCESS;
}

static nvmlReturn_t check_gi(nvmlGpuInstance_t gi, mock_fn fn) {
    if (!mock_rt_initialized(&nvml_rt)) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!IN_ARRAY(gi, mock.gpu_instances, MOCK_MAX_GPU_INSTANCES) || !gi->in_use) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    return mock_check_device(gi->device, fn);
}

static nvmlReturn_t check_ci(nvmlComputeInstance_t ci, mock_fn fn) {
    if (!mock_rt_initialized(&nvml_rt)) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!IN_ARRAY(ci, mock.compute_instances, MOCK_MAX_MIG_DEVICES) || !ci->in_use) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    return mock_check_device(ci->gi->device, fn);
}

/* ---- placement rules ------------------------------------------------------------------------- */

static nvmlReturn_t fits(struct nvmlGpuInstance_st *gis, struct nvmlDevice_st *d, const mock_gi_profile *p, unsigned start) {
    int offered = 0;
    for (unsigned i = 0; i < p->placement_count; i++) {
        offered |= p->starts[i] == start;
    }
    if (!offered) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    unsigned slices = p->slices;
    for (unsigned i = 0; i < MOCK_MAX_GPU_INSTANCES; i++) {
        const struct nvmlGpuInstance_st *g = &gis[i];
        if (!g->in_use || g->device != d) {
            continue;
        }
        if (start < g->placement.start + g->placement.size && g->placement.start < start + p->size) {
            return NVML_ERROR_INSUFFICIENT_RESOURCES;
        }
        slices += g->profile->slices;
    }
    return slices > d->mig_table->compute_slices ? NVML_ERROR_INSUFFICIENT_RESOURCES : NVML_SUCCESS;
}

static struct nvmlGpuInstance_st *gi_by_id(struct nvmlGpuInstance_st *gis, struct nvmlDevice_st *d, unsigned id) {
    for (unsigned i = 0; i < MOCK_MAX_GPU_INSTANCES; i++) {
        struct nvmlGpuInstance_st *g = &gis[i];
        if (g->in_use && g->device == d && g->id == id) {
            return g;
        }
    }
    return NULL;
}

static nvmlReturn_t create_gi(struct nvmlGpuInstance_st *gis, struct nvmlDevice_st *d, const mock_gi_profile *p, unsigned start,
                              struct nvmlGpuInstance_st **out) {
    nvmlReturn_t rc = fits(gis, d, p, start);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    for (unsigned i = 0; i < MOCK_MAX_GPU_INSTANCES; i++) {
        struct nvmlGpuInstance_st *g = &gis[i];
        if (!g->in_use) {
            unsigned id = 1;
            while (gi_by_id(gis, d, id) != NULL) {
                id++;
            }
            *g = (struct nvmlGpuInstance_st){1, d, id, p, {start, p->size}};
            *out = g;
            return NVML_SUCCESS;
        }
    }
    return NVML_ERROR_INSUFFICIENT_RESOURCES;
}

/* ---- compute instances: profile index p is a slice count within the GPU instance ------------- */

static const unsigned ci_slices[NVML_COMPUTE_INSTANCE_PROFILE_COUNT] = {1, 2, 3, 4, 7, 8, 6, 0};

/* The SMs of a compute instance of `slices` in GPU instance profile g: all of them when it spans g. */
static unsigned ci_sms(const mock_gi_profile *g, unsigned slices) {
    return slices == g->slices ? g->sms : g->sms / g->slices * slices;
}

static unsigned ci_used(mock_machine *m, const struct nvmlGpuInstance_st *gi, unsigned *mask) {
    unsigned used = 0;
    *mask = 0;
    for (unsigned i = 0; i < MOCK_MAX_MIG_DEVICES; i++) {
        const struct nvmlComputeInstance_st *c = &m->compute_instances[i];
        if (c->in_use && c->gi == gi) {
            used += c->slices;
            for (unsigned s = c->placement.start; s < c->placement.start + c->placement.size; s++) {
                *mask |= 1u << s;
            }
        }
    }
    return used;
}

static void mig_device_of(mock_machine *m, struct nvmlComputeInstance_st *c, struct nvmlDevice_st *md) {
    struct nvmlDevice_st *d = c->gi->device;
    const char *body = strncmp(d->uuid, "GPU-", 4) == 0 ? d->uuid + 4 : d->uuid;
    memset(md, 0, sizeof *md);
    md->index = d->index;
    snprintf(md->uuid, sizeof md->uuid, "MIG-%.28s%08x", body, ++m->mig_serial);
    snprintf(md->name, sizeof md->name, "%.60s MIG %s", d->name, c->gi->profile->name);
    md->minor = d->minor;
    md->memory_total = c->gi->profile->memory_mib * MIB;
    md->pci = d->pci;
    md->mig_parent = d;
    md->mig_ci = c;
    c->mig_device = md;
}

static nvmlReturn_t create_ci(mock_machine *m, struct nvmlGpuInstance_st *gi, unsigned profile,
                              struct nvmlComputeInstance_st **out) {
    unsigned total = gi->profile->slices, mask;
    if (profile >= NVML_COMPUTE_INSTANCE_PROFILE_COUNT || ci_slices[profile] == 0 || ci_slices[profile] > total) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    unsigned size = ci_slices[profile];
    if (ci_used(m, gi, &mask) + size > total) {
        return NVML_ERROR_INSUFFICIENT_RESOURCES;
    }
    unsigned start = 0;
    while (start + size <= total && (mask >> start & ((1u << size) - 1)) != 0) {
        start += size;
    }
    if (start + size > total) {
        return NVML_ERROR_INSUFFICIENT_RESOURCES;
    }
    for (unsigned i = 0; i < MOCK_MAX_MIG_DEVICES; i++) {
        struct nvmlComputeInstance_st *c = &m->compute_instances[i];
        if (c->in_use) {
            continue;
        }
        unsigned id = 0;
        for (int taken = 1; taken; ) {
            taken = 0;
            for (unsigned j = 0; j < MOCK_MAX_MIG_DEVICES; j++) {
                const struct nvmlComputeInstance_st *o = &m->compute_instances[j];
                if (o->in_use && o->gi == gi && o->id == id) {
                    taken = 1;
                    id++;
                }
            }
        }
        *c = (struct nvmlComputeInstance_st){1, gi, id, profile, size, {start, size}, NULL};
        mig_device_of(m, c, &m->mig_devices[i]);
        *out = c;
        return NVML_SUCCESS;
    }
    return NVML_ERROR_INSUFFICIENT_RESOURCES;
}

static void destroy_ci(struct nvmlComputeInstance_st *c) {
    memset(c->mig_device, 0, sizeof *c->mig_device);
    memset(c, 0, sizeof *c);
}

nvmlReturn_t mock_mig_precreate(mock_machine *m, struct nvmlDevice_st *device, const mock_gi_profile *p,
                                unsigned int start) {
    struct nvmlGpuInstance_st *gi;
    struct nvmlComputeInstance_st *ci;
    unsigned full = 0;
    nvmlReturn_t rc = create_gi(m->gpu_instances, device, p, start, &gi);
    while (full < NVML_COMPUTE_INSTANCE_PROFILE_COUNT && ci_slices[full] != p->slices) {
        full++;
    }
    return rc != NVML_SUCCESS ? rc : create_ci(m, gi, full, &ci);
}

/* ---- MIG mode -------------------------------------------------------------------------------- */

NVML_ONLY nvmlReturn_t nvmlDeviceSetMigMode(nvmlDevice_t device, unsigned int mode, nvmlReturn_t *activationStatus) {
    nvmlReturn_t rc = check_gpu(device, FN_nvmlDeviceSetMigMode, 0);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (mode > NVML_DEVICE_MIG_ENABLE || activationStatus == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_lock(&mig_lock);
    for (unsigned i = 0; rc == NVML_SUCCESS && i < MOCK_MAX_GPU_INSTANCES; i++) {
        if (mode == NVML_DEVICE_MIG_DISABLE && mock.gpu_instances[i].in_use && mock.gpu_instances[i].device == device) {
            rc = NVML_ERROR_IN_USE;
        }
    }
    if (rc == NVML_SUCCESS) {
        device->mig_pending = mode;
        *activationStatus = device->process_count > 0 ? NVML_ERROR_IN_USE : NVML_SUCCESS;
        if (device->process_count == 0) {
            device->mig_current = mode;
        }
    }
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

/* ---- GPU-instance profiles and placements ---------------------------------------------------- */

static const mock_gi_profile *profile_at(nvmlDevice_t device, unsigned index) {
    for (unsigned i = 0; i < device->mig_table->profile_count; i++) {
        if (device->mig_table->profiles[i].index == index) {
            return &device->mig_table->profiles[i];
        }
    }
    return NULL;
}

static nvmlReturn_t gi_profile_info(nvmlDevice_t device, mock_fn fn, unsigned index, void *info,
                                    const mock_gi_profile **out) {
    nvmlReturn_t rc = check_gpu(device, fn, 1);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (info == NULL || index >= NVML_GPU_INSTANCE_PROFILE_COUNT) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *out = profile_at(device, index);
    return *out == NULL ? NVML_ERROR_NOT_SUPPORTED : NVML_SUCCESS;
}

#define FILL_GI_PROFILE(info, p) \
    do { \
        (info)->id = (p)->id; \
        (info)->isP2pSupported = 0; \
        (info)->sliceCount = (p)->slices; \
        (info)->instanceCount = (p)->instances; \
        (info)->multiprocessorCount = (p)->sms; \
        (info)->copyEngineCount = (p)->copy_engines; \
        (info)->decoderCount = (p)->decoders; \
        (info)->encoderCount = (p)->encoders; \
        (info)->jpegCount = (p)->jpegs; \
        (info)->ofaCount = (p)->ofas; \
        (info)->memorySizeMB = (p)->memory_mib; \
    } while (0)

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfo(nvmlDevice_t device, unsigned int profile,
                                                           nvmlGpuInstanceProfileInfo_t *info) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = gi_profile_info(device, FN_nvmlDeviceGetGpuInstanceProfileInfo, profile, info, &p);
    if (rc == NVML_SUCCESS) {
        FILL_GI_PROFILE(info, p);
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstanceProfileInfoV(nvmlDevice_t device, unsigned int profile,
                                                            nvmlGpuInstanceProfileInfo_v2_t *info) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = gi_profile_info(device, FN_nvmlDeviceGetGpuInstanceProfileInfoV, profile, info, &p);
    if (rc == NVML_SUCCESS && info->version != nvmlGpuInstanceProfileInfo_v2) {
        rc = NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    }
    if (rc == NVML_SUCCESS) {
        FILL_GI_PROFILE(info, p);
        snprintf(info->name, sizeof info->name, "MIG %s", p->name);
    }
    return rc;
}

/* The profile whose id a call names, on a GPU in MIG mode. */
static nvmlReturn_t profile_by_id(nvmlDevice_t device, mock_fn fn, unsigned id, const mock_gi_profile **out) {
    nvmlReturn_t rc = check_gpu(device, fn, 1);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    *out = mock_mig_profile_by_id(device->mig_table, id);
    return *out == NULL ? NVML_ERROR_INVALID_ARGUMENT : NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstancePossiblePlacements_v2(nvmlDevice_t device, unsigned int profileId,
                                                                     nvmlGpuInstancePlacement_t *placements,
                                                                     unsigned int *count) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = profile_by_id(device, FN_nvmlDeviceGetGpuInstancePossiblePlacements_v2, profileId, &p);
    if (rc != NVML_SUCCESS || count == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *count = p->placement_count;
    for (unsigned i = 0; placements != NULL && i < p->placement_count; i++) {
        placements[i] = (nvmlGpuInstancePlacement_t){p->starts[i], p->size};
    }
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstanceRemainingCapacity(nvmlDevice_t device, unsigned int profileId,
                                                                 unsigned int *count) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = profile_by_id(device, FN_nvmlDeviceGetGpuInstanceRemainingCapacity, profileId, &p);
    if (rc != NVML_SUCCESS || count == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    /* Create on a copy until nothing fits: how many more the GPU takes. */
    static struct nvmlGpuInstance_st trial[MOCK_MAX_GPU_INSTANCES];
    pthread_mutex_lock(&mig_lock);
    memcpy(trial, mock.gpu_instances, sizeof trial);
    unsigned n = 0;
    for (unsigned i = 0; i < p->placement_count; i++) {
        struct nvmlGpuInstance_st *gi;
        n += create_gi(trial, device, p, p->starts[i], &gi) == NVML_SUCCESS;
    }
    pthread_mutex_unlock(&mig_lock);
    *count = n;
    return NVML_SUCCESS;
}

/* ---- GPU instances --------------------------------------------------------------------------- */

NVML_ONLY nvmlReturn_t nvmlDeviceCreateGpuInstanceWithPlacement(nvmlDevice_t device, unsigned int profileId,
                                                                const nvmlGpuInstancePlacement_t *placement,
                                                                nvmlGpuInstance_t *gpuInstance) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = profile_by_id(device, FN_nvmlDeviceCreateGpuInstanceWithPlacement, profileId, &p);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (placement == NULL || gpuInstance == NULL || placement->size != p->size) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_lock(&mig_lock);
    rc = create_gi(mock.gpu_instances, device, p, placement->start, gpuInstance);
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlGpuInstanceDestroy(nvmlGpuInstance_t gpuInstance) {
    pthread_mutex_lock(&mig_lock);
    nvmlReturn_t rc = check_gi(gpuInstance, FN_nvmlGpuInstanceDestroy);
    for (unsigned i = 0; rc == NVML_SUCCESS && i < MOCK_MAX_MIG_DEVICES; i++) {
        if (mock.compute_instances[i].in_use && mock.compute_instances[i].gi == gpuInstance) {
            rc = NVML_ERROR_IN_USE;
        }
    }
    if (rc == NVML_SUCCESS) {
        memset(gpuInstance, 0, sizeof *gpuInstance);
    }
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstances(nvmlDevice_t device, unsigned int profileId,
                                                 nvmlGpuInstance_t *gpuInstances, unsigned int *count) {
    const mock_gi_profile *p;
    nvmlReturn_t rc = profile_by_id(device, FN_nvmlDeviceGetGpuInstances, profileId, &p);
    if (rc != NVML_SUCCESS || gpuInstances == NULL || count == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    unsigned n = 0;
    pthread_mutex_lock(&mig_lock);
    for (unsigned id = 0; id <= MOCK_MAX_GPU_INSTANCES; id++) {
        struct nvmlGpuInstance_st *g = gi_by_id(mock.gpu_instances, device, id);
        if (g != NULL && g->profile == p && n < p->instances) {
            gpuInstances[n++] = g;
        }
    }
    pthread_mutex_unlock(&mig_lock);
    *count = n;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstanceById(nvmlDevice_t device, unsigned int id,
                                                    nvmlGpuInstance_t *gpuInstance) {
    nvmlReturn_t rc = check_gpu(device, FN_nvmlDeviceGetGpuInstanceById, 1);
    if (rc != NVML_SUCCESS || gpuInstance == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    pthread_mutex_lock(&mig_lock);
    *gpuInstance = gi_by_id(mock.gpu_instances, device, id);
    pthread_mutex_unlock(&mig_lock);
    return *gpuInstance == NULL ? NVML_ERROR_NOT_FOUND : NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlGpuInstanceGetInfo(nvmlGpuInstance_t gpuInstance, nvmlGpuInstanceInfo_t *info) {
    nvmlReturn_t rc = check_gi(gpuInstance, FN_nvmlGpuInstanceGetInfo);
    if (rc != NVML_SUCCESS || info == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *info = (nvmlGpuInstanceInfo_t){gpuInstance->device, gpuInstance->id, gpuInstance->profile->id,
                                    gpuInstance->placement};
    return NVML_SUCCESS;
}

/* ---- compute instances ----------------------------------------------------------------------- */

static nvmlReturn_t ci_profile(nvmlGpuInstance_t gi, mock_fn fn, unsigned profile, unsigned eng, void *info) {
    nvmlReturn_t rc = check_gi(gi, fn);
    if (rc != NVML_SUCCESS) {
        return rc;
    }
    if (info == NULL || profile >= NVML_COMPUTE_INSTANCE_PROFILE_COUNT || eng != NVML_COMPUTE_INSTANCE_ENGINE_PROFILE_SHARED) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    return ci_slices[profile] == 0 || ci_slices[profile] > gi->profile->slices
            || (ci_slices[profile] > 4 && ci_slices[profile] != gi->profile->slices) ? NVML_ERROR_NOT_SUPPORTED : NVML_SUCCESS;
}

#define FILL_CI_PROFILE(info, gi, profile) \
    do { \
        const mock_gi_profile *g_ = (gi)->profile; \
        (info)->id = (profile); \
        (info)->sliceCount = ci_slices[profile]; \
        (info)->instanceCount = g_->slices / ci_slices[profile]; \
        (info)->multiprocessorCount = ci_sms(g_, ci_slices[profile]); \
        (info)->sharedCopyEngineCount = g_->copy_engines; \
        (info)->sharedDecoderCount = g_->decoders; \
        (info)->sharedEncoderCount = g_->encoders; \
        (info)->sharedJpegCount = g_->jpegs; \
        (info)->sharedOfaCount = g_->ofas; \
    } while (0)

NVML_ONLY nvmlReturn_t nvmlGpuInstanceGetComputeInstanceProfileInfo(nvmlGpuInstance_t gpuInstance, unsigned int profile,
                                                                    unsigned int engProfile,
                                                                    nvmlComputeInstanceProfileInfo_t *info) {
    nvmlReturn_t rc = ci_profile(gpuInstance, FN_nvmlGpuInstanceGetComputeInstanceProfileInfo, profile, engProfile, info);
    if (rc == NVML_SUCCESS) {
        FILL_CI_PROFILE(info, gpuInstance, profile);
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlGpuInstanceGetComputeInstanceProfileInfoV(nvmlGpuInstance_t gpuInstance, unsigned int profile,
                                                                     unsigned int engProfile,
                                                                     nvmlComputeInstanceProfileInfo_v2_t *info) {
    nvmlReturn_t rc = ci_profile(gpuInstance, FN_nvmlGpuInstanceGetComputeInstanceProfileInfoV, profile, engProfile, info);
    if (rc == NVML_SUCCESS && info->version != nvmlComputeInstanceProfileInfo_v2) {
        rc = NVML_ERROR_ARGUMENT_VERSION_MISMATCH;
    }
    if (rc == NVML_SUCCESS) {
        FILL_CI_PROFILE(info, gpuInstance, profile);
        if (ci_slices[profile] == gpuInstance->profile->slices) {
            snprintf(info->name, sizeof info->name, "MIG %s", gpuInstance->profile->name);
        } else {
            snprintf(info->name, sizeof info->name, "MIG %uc.%s", ci_slices[profile], gpuInstance->profile->name);
        }
    }
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlGpuInstanceCreateComputeInstance(nvmlGpuInstance_t gpuInstance, unsigned int profileId,
                                                            nvmlComputeInstance_t *computeInstance) {
    pthread_mutex_lock(&mig_lock);
    nvmlReturn_t rc = check_gi(gpuInstance, FN_nvmlGpuInstanceCreateComputeInstance);
    if (rc == NVML_SUCCESS && computeInstance == NULL) {
        rc = NVML_ERROR_INVALID_ARGUMENT;
    }
    if (rc == NVML_SUCCESS) {
        rc = create_ci(&mock, gpuInstance, profileId, computeInstance);
    }
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlComputeInstanceDestroy(nvmlComputeInstance_t computeInstance) {
    pthread_mutex_lock(&mig_lock);
    nvmlReturn_t rc = check_ci(computeInstance, FN_nvmlComputeInstanceDestroy);
    if (rc == NVML_SUCCESS) {
        destroy_ci(computeInstance);
    }
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlGpuInstanceGetComputeInstances(nvmlGpuInstance_t gpuInstance, unsigned int profileId,
                                                          nvmlComputeInstance_t *computeInstances, unsigned int *count) {
    nvmlReturn_t rc = check_gi(gpuInstance, FN_nvmlGpuInstanceGetComputeInstances);
    if (rc != NVML_SUCCESS || computeInstances == NULL || count == NULL
            || profileId >= NVML_COMPUTE_INSTANCE_PROFILE_COUNT) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    unsigned n = 0;
    pthread_mutex_lock(&mig_lock);
    for (unsigned i = 0; i < MOCK_MAX_MIG_DEVICES; i++) {
        struct nvmlComputeInstance_st *c = &mock.compute_instances[i];
        if (c->in_use && c->gi == gpuInstance && c->profile_id == profileId && n < 8) {
            computeInstances[n++] = c;
        }
    }
    pthread_mutex_unlock(&mig_lock);
    *count = n;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlComputeInstanceGetInfo_v2(nvmlComputeInstance_t computeInstance,
                                                     nvmlComputeInstanceInfo_t *info) {
    nvmlReturn_t rc = check_ci(computeInstance, FN_nvmlComputeInstanceGetInfo_v2);
    if (rc != NVML_SUCCESS || info == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *info = (nvmlComputeInstanceInfo_t){computeInstance->gi->device, computeInstance->gi, computeInstance->id,
                                        computeInstance->profile_id, computeInstance->placement};
    return NVML_SUCCESS;
}

/* ---- MIG device handles ---------------------------------------------------------------------- */

NVML_ONLY nvmlReturn_t nvmlDeviceIsMigDeviceHandle(nvmlDevice_t device, unsigned int *isMigDevice) {
    nvmlReturn_t rc = mock_check_device(device, FN_nvmlDeviceIsMigDeviceHandle);
    if (rc != NVML_SUCCESS || isMigDevice == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *isMigDevice = device->mig_parent != NULL;
    return NVML_SUCCESS;
}

static nvmlReturn_t mig_id(nvmlDevice_t device, mock_fn fn, unsigned int *id, int gi) {
    nvmlReturn_t rc = mock_check_device(device, fn);
    if (rc != NVML_SUCCESS || id == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->mig_parent == NULL) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    *id = gi ? device->mig_ci->gi->id : device->mig_ci->id;
    return NVML_SUCCESS;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetGpuInstanceId(nvmlDevice_t device, unsigned int *id) {
    return mig_id(device, FN_nvmlDeviceGetGpuInstanceId, id, 1);
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetComputeInstanceId(nvmlDevice_t device, unsigned int *id) {
    return mig_id(device, FN_nvmlDeviceGetComputeInstanceId, id, 0);
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetMaxMigDeviceCount(nvmlDevice_t device, unsigned int *count) {
    nvmlReturn_t rc = check_gpu(device, FN_nvmlDeviceGetMaxMigDeviceCount, 0);
    if (rc != NVML_SUCCESS || count == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *count = device->mig_table->compute_slices;
    return NVML_SUCCESS;
}

/* The index-th MIG device of the GPU, ordered by GPU-instance id, then compute-instance id. */
NVML_ONLY nvmlReturn_t nvmlDeviceGetMigDeviceHandleByIndex(nvmlDevice_t device, unsigned int index,
                                                           nvmlDevice_t *migDevice) {
    nvmlReturn_t rc = check_gpu(device, FN_nvmlDeviceGetMigDeviceHandleByIndex, 1);
    if (rc != NVML_SUCCESS || migDevice == NULL || index >= device->mig_table->compute_slices) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    rc = NVML_ERROR_NOT_FOUND;
    unsigned seen = 0;
    pthread_mutex_lock(&mig_lock);
    for (unsigned gid = 0; rc != NVML_SUCCESS && gid <= MOCK_MAX_GPU_INSTANCES; gid++) {
        struct nvmlGpuInstance_st *g = gi_by_id(mock.gpu_instances, device, gid);
        for (unsigned cid = 0; g != NULL && rc != NVML_SUCCESS && cid < MOCK_MAX_MIG_DEVICES; cid++) {
            for (unsigned i = 0; i < MOCK_MAX_MIG_DEVICES; i++) {
                struct nvmlComputeInstance_st *c = &mock.compute_instances[i];
                if (c->in_use && c->gi == g && c->id == cid && seen++ == index) {
                    *migDevice = c->mig_device;
                    rc = NVML_SUCCESS;
                }
            }
        }
    }
    pthread_mutex_unlock(&mig_lock);
    return rc;
}

NVML_ONLY nvmlReturn_t nvmlDeviceGetDeviceHandleFromMigDeviceHandle(nvmlDevice_t migDevice, nvmlDevice_t *device) {
    nvmlReturn_t rc = mock_check_device(migDevice, FN_nvmlDeviceGetDeviceHandleFromMigDeviceHandle);
    if (rc != NVML_SUCCESS || device == NULL || migDevice->mig_parent == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    *device = migDevice->mig_parent;
    return NVML_SUCCESS;
}

/* A MIG device's share: its compute instance's SMs and slices, its GPU instance's engines and memory. */
NVML_ONLY nvmlReturn_t nvmlDeviceGetAttributes_v2(nvmlDevice_t device, nvmlDeviceAttributes_t *attributes) {
    nvmlReturn_t rc = mock_check_device(device, FN_nvmlDeviceGetAttributes_v2);
    if (rc != NVML_SUCCESS || attributes == NULL) {
        return rc != NVML_SUCCESS ? rc : NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->mig_parent == NULL) {
        return NVML_ERROR_NOT_SUPPORTED;
    }
    const struct nvmlComputeInstance_st *c = device->mig_ci;
    const mock_gi_profile *g = c->gi->profile;
    *attributes = (nvmlDeviceAttributes_t){ci_sms(g, c->slices), g->copy_engines, g->decoders, g->encoders,
                                           g->jpegs, g->ofas, g->slices, c->slices, g->memory_mib};
    return NVML_SUCCESS;
}
