/*
 * The MIG geometry of the GPUs the mock can play, as their drivers report it (profile ids, slices, engines,
 * memory in MiB, placements in memory slices). A100-SXM4-40GB: 8 memory slices of 5 GB, 7 compute slices.
 * H100-80GB: 8 memory slices of 10 GB, 7 compute slices. The facts are listed in docs/vendors.md,
 * "NVIDIA — MIG".
 */
#include "mock.h"

#include <string.h>

static const mock_mig_table tables[] = {
    {"A100-SXM4-40GB", 8, 7, 5, {
        {NVML_GPU_INSTANCE_PROFILE_1_SLICE, "1g.5gb", 19, 1, 7, 14, 1, 0, 0, 0, 0, 4864, 1, 7, {0, 1, 2, 3, 4, 5, 6}},
        {NVML_GPU_INSTANCE_PROFILE_2_SLICE, "2g.10gb", 14, 2, 3, 28, 2, 1, 0, 0, 0, 9984, 2, 3, {0, 2, 4}},
        {NVML_GPU_INSTANCE_PROFILE_3_SLICE, "3g.20gb", 9, 3, 2, 42, 3, 2, 0, 0, 0, 20096, 4, 2, {0, 4}},
        {NVML_GPU_INSTANCE_PROFILE_4_SLICE, "4g.20gb", 5, 4, 1, 56, 4, 2, 0, 0, 0, 20096, 4, 1, {0}},
        {NVML_GPU_INSTANCE_PROFILE_7_SLICE, "7g.40gb", 0, 7, 1, 98, 7, 5, 0, 1, 1, 40448, 8, 1, {0}},
    }},
    {"H100-80GB", 8, 7, 6, {
        {NVML_GPU_INSTANCE_PROFILE_1_SLICE, "1g.10gb", 19, 1, 7, 16, 1, 1, 0, 1, 0, 9984, 1, 7, {0, 1, 2, 3, 4, 5, 6}},
        {NVML_GPU_INSTANCE_PROFILE_1_SLICE_REV2, "1g.20gb", 15, 1, 4, 26, 1, 1, 0, 1, 0, 20096, 2, 4, {0, 2, 4, 6}},
        {NVML_GPU_INSTANCE_PROFILE_2_SLICE, "2g.20gb", 14, 2, 3, 32, 2, 2, 0, 2, 0, 20096, 2, 3, {0, 2, 4}},
        {NVML_GPU_INSTANCE_PROFILE_3_SLICE, "3g.40gb", 9, 3, 2, 60, 3, 3, 0, 3, 0, 40448, 4, 2, {0, 4}},
        {NVML_GPU_INSTANCE_PROFILE_4_SLICE, "4g.40gb", 5, 4, 1, 64, 4, 4, 0, 4, 0, 40448, 4, 1, {0}},
        {NVML_GPU_INSTANCE_PROFILE_7_SLICE, "7g.80gb", 0, 7, 1, 132, 8, 7, 0, 7, 1, 81152, 8, 1, {0}},
    }},
};

const mock_mig_table *mock_mig_table_named(const char *model) {
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        if (strcmp(tables[i].model, model) == 0) {
            return &tables[i];
        }
    }
    return NULL;
}

const mock_gi_profile *mock_mig_profile_by_id(const mock_mig_table *t, unsigned int id) {
    for (unsigned i = 0; t != NULL && i < t->profile_count; i++) {
        if (t->profiles[i].id == id) {
            return &t->profiles[i];
        }
    }
    return NULL;
}

const mock_gi_profile *mock_mig_profile_named(const mock_mig_table *t, const char *name) {
    for (unsigned i = 0; t != NULL && i < t->profile_count; i++) {
        if (strcmp(t->profiles[i].name, name) == 0) {
            return &t->profiles[i];
        }
    }
    return NULL;
}
